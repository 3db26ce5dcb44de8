import SluiceModel

/// The BI stage: the QuickSight data source, data sets and dashboards, in the account's QuickSight stack, for a
/// pipeline that declares data sets or dashboards.
extension QuickSightResources: PipelineStage {
    static var stage: Stage { .bi }

    static func applies(to context: PipelineContext) -> Bool {
        context.pipeline.quickSight != nil
            && (!context.pipeline.datasets.isEmpty || !context.pipeline.dashboards.isEmpty)
    }

    static func expand(_ context: PipelineContext, into stacks: inout PipelineStacks, state: inout ExpansionState) {
        guard let settings = context.pipeline.quickSight else { return }
        add(context, settings, to: &stacks.quickSight)
    }

    /// Nothing in the pipeline's flow diagram: the docs draw the BI lineage (tables, views, data sets, dashboards) in
    /// a diagram of its own.
    static func diagram(_ context: PipelineContext, state: ExpansionState) -> StageDiagram { StageDiagram() }
}
