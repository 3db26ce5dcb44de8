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
