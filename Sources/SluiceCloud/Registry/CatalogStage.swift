import SluiceModel

extension DiagramNodeID {
    /// The Glue table of the processor's output.
    static let table: Self = "table"
    /// The Glue crawler that adds partitions.
    static let crawler: Self = "crawler"
    /// Partition projection, which finds partitions without a crawler.
    static let projection: Self = "projection"
}

/// The catalog stage: the Glue database and table over the lake, its views, and the crawler or partition projection
/// that finds new partitions.
extension CatalogResources: PipelineStage {
    static var stage: Stage { .catalog }

    static func expand(_ context: PipelineContext, into stacks: inout PipelineStacks, state: inout ExpansionState) {
        add(context, to: &stacks.analytics, lake: state.required(\.lakeBucket, by: self))
    }

    static func diagram(_ context: PipelineContext, state: ExpansionState) -> StageDiagram {
        let table = DiagramNode(
            .table, "Glue table\n\(context.pipeline.catalog.database).\(context.table.name)", in: .analytics)
        let discovery: DiagramNode
        switch context.pipeline.catalog.discovery {
        case .crawler(let schedule):
            discovery = DiagramNode(.crawler, "Glue crawler\n\(schedule.written)", in: .analytics)
        case .projection(let projection):
            discovery = DiagramNode(
                .projection, "Partition projection\n\(projection.key) since \(projection.since)", in: .analytics)
        }
        return StageDiagram(
            nodes: [table, discovery],
            flows: [
                DiagramFlow(from: discovery.id, to: .table, "partitions"),
                DiagramFlow(from: .lake, to: .table, style: .association),
            ])
    }
}
