import SluiceModel

extension DiagramNodeID {
    /// The log group the pipeline reads.
    static let logs: Self = "logs"
}

/// The source stage: the log group and its subscription filter, in the source account.
extension SourceResources: PipelineStage {
    static var stage: Stage { .source }

    static func expand(_ context: PipelineContext, into stacks: inout PipelineStacks, state: inout ExpansionState) {
        add(context, to: &stacks.source, stream: state.required(\.deliveryStream, by: self))
    }

    static func diagram(_ context: PipelineContext, state: ExpansionState) -> StageDiagram {
        let filter: DiagramText = context.pipeline.source.filterPattern.isEmpty ? "every event" : "filter pattern"
        return StageDiagram(
            nodes: [DiagramNode(.logs, "CloudWatch Logs\n\(context.pipeline.source.logGroup)", in: .source)],
            flows: [DiagramFlow(from: .logs, to: .firehose, filter)])
    }
}
