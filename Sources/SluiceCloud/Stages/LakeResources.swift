import SluiceModel

extension DiagramNodeID {
    /// The lake bucket the processor writes.
    static let lake: Self = "lake"
}

/// The lake stage: the bucket the processor writes rows to, which the catalog then describes. A stage of its own,
/// although its resources are built beside the catalog's, because the processor needs it before the catalog expands.
enum LakeResources: PipelineStage {
    static var stage: Stage { .lake }

    static func expand(_ context: PipelineContext, into stacks: inout PipelineStacks, state: inout ExpansionState) {
        state.lakeBucket = CatalogResources.addLake(context, to: &stacks.analytics)
    }

    static func diagram(_ context: PipelineContext, state: ExpansionState) -> StageDiagram {
        StageDiagram(nodes: [DiagramNode(.lake, "S3 lake\n\(context.names.lakeBucket)", shape: .store, in: .analytics)])
    }
}
