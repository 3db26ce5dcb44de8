import SluiceModel

/// The log group and the subscription filter that sends its matching events to Firehose.
enum SourceResources {
    static func add(
        _ context: PipelineContext, to builder: inout StackBuilder, stream: KinesisFirehoseDeliveryStream.Handle
    ) {
        let source = context.pipeline.source
        let group = builder.add(
            "source", .source,
            CloudWatchLogGroup(name: "\(source.logGroup)", retentionInDays: source.retentionDays))
        let role = builder.role(
            "logs", .source, name: context.names.logsRole, service: "logs.amazonaws.com",
            description: "Lets CloudWatch Logs send \(context.pipeline.name) events to Firehose",
            statements: [
                Statement(
                    sid: "PutToDeliveryStream", actions: ["firehose:PutRecord", "firehose:PutRecordBatch"],
                    resources: ["\(stream.arn)"])
            ])
        builder.add(
            "source", .source,
            CloudWatchLogSubscriptionFilter(
                destinationARN: "\(stream.arn)", filterPattern: "\(source.filterPattern)",
                logGroupName: "\(group.name)", name: "\(context.names.subscriptionFilter)", roleARN: "\(role.arn)"),
            dependsOn: [role.policy])
    }
}

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
