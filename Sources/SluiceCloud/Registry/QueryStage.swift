import SluiceModel

extension DiagramNodeID {
    /// The Athena workgroup.
    static let athena: Self = "athena"
    /// The federated catalog the processor's lookups query.
    static let lookups: Self = "lookups"
}

/// The query stage: the Athena workgroup and its results bucket, and the federated catalog for lookups.
extension QueryResources: PipelineStage {
    static var stage: Stage { .query }

    static func expand(_ context: PipelineContext, into stacks: inout PipelineStacks, state: inout ExpansionState) {
        state.query = add(context, to: &stacks.analytics)
    }

    static func diagram(_ context: PipelineContext, state: ExpansionState) -> StageDiagram {
        var nodes = [DiagramNode(.athena, "Athena workgroup\n\(context.names.workgroup)", in: .analytics)]
        if let enrichment = context.pipeline.processor.enrichment {
            nodes.append(
                DiagramNode(.lookups, "Athena catalog \(enrichment.catalog)\nfederated lookups", in: .analytics))
        }
        return StageDiagram(nodes: nodes, flows: [DiagramFlow(from: .table, to: .athena)])
    }
}
