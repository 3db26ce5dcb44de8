import SluiceModel

extension DiagramNodeID {
    /// The landing bucket replication copies the raw objects into.
    static let landing: Self = "landing"
}

/// The replication stage, for a pipeline processed in another account: the replication rule in the source account and
/// the landing bucket in the analytics account, where processing then starts.
extension ReplicationResources: PipelineStage {
    static var stage: Stage { .replication }

    static func applies(to context: PipelineContext) -> Bool { context.names.replicates }

    static func expand(_ context: PipelineContext, into stacks: inout PipelineStacks, state: inout ExpansionState) {
        addSource(context, to: &stacks.source, rawBucket: state.required(\.rawBucket, by: self))
        let landing = addLanding(context, to: &stacks.analytics)
        state.landing = ExpansionState.Landing(bucket: landing, node: .landing)
    }

    static func diagram(_ context: PipelineContext, state: ExpansionState) -> StageDiagram {
        StageDiagram(
            nodes: [
                DiagramNode(.landing, "S3 landing\n\(context.names.landingBucket)", shape: .store, in: .analytics)
            ],
            flows: [DiagramFlow(from: .raw, to: .landing, "replication")])
    }
}
