/// A stage of a pipeline: a type that expands the pipeline into resources and describes itself for the diagram.
///
/// `CloudGraph` runs the stages of a registry (`StageRegistry.standard`) in order for each pipeline; the Mermaid
/// diagram is drawn from their descriptions. A stage reads what earlier stages made from the `ExpansionState` and
/// publishes there what later stages need, so stages never call one another.
protocol PipelineStage {
    /// The stage its resources and diagram nodes belong to.
    static var stage: Stage { get }

    /// Whether the pipeline has this stage at all (replication only when it replicates, QuickSight only with BI).
    /// A stage that does not apply neither expands nor appears in the diagram.
    static func applies(to context: PipelineContext) -> Bool

    /// Adds the stage's resources to the stacks they belong in, reading what earlier stages published from `state`
    /// and publishing what later stages need.
    static func expand(_ context: PipelineContext, into stacks: inout PipelineStacks, state: inout ExpansionState)

    /// The stage's nodes and the flows that exist because of it, once every stage of the pipeline has expanded.
    static func diagram(_ context: PipelineContext, state: ExpansionState) -> StageDiagram
}

extension PipelineStage {
    static func applies(to context: PipelineContext) -> Bool { true }
}
