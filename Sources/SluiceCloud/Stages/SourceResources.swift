import SluiceModel

/// The log group and the subscription filter that sends its matching events to Firehose.
enum SourceResources {
    static func add(_ c: PipelineContext, to b: inout StackBuilder, stream: Address) {
        let group = b.add(
            "aws_cloudwatch_log_group", "source", .source,
            ["name": .string(c.pipeline.source.logGroup), "retention_in_days": .int(c.pipeline.source.retentionDays)])
        let role = b.role(
            "logs", .source, name: c.names.logsRole, service: "logs.amazonaws.com",
            description: "Lets CloudWatch Logs send \(c.pipeline.name) events to Firehose",
            statements: [
                Statement(
                    sid: "PutToDeliveryStream", actions: ["firehose:PutRecord", "firehose:PutRecordBatch"],
                    resources: [.init(stream.ref("arn"))])
            ])
        b.add(
            "aws_cloudwatch_log_subscription_filter", "source", .source,
            [
                "name": .string(c.names.subscriptionFilter),
                "log_group_name": .expression(group.ref("name")),
                "filter_pattern": .string(c.pipeline.source.filterPattern),
                "destination_arn": .expression(stream.ref("arn")),
                "role_arn": .expression(role.ref("arn")),
                "depends_on": .strings([Address("aws_iam_role_policy", b.name("logs")).description]),
            ])
    }
}
