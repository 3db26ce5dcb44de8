import SluiceModel

/// What every stage expansion needs: the declaration and the names derived from it.
struct PipelineContext {
    let project: Project
    let pipeline: Pipeline
    let names: Names

    var source: Account { names.sourceAccount }
    var analytics: Account { names.analyticsAccount }
    var table: Table { pipeline.processor.output }
}
