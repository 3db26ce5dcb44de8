import SluiceModel

/// S3 Object Created events, through EventBridge, to the processor; failed deliveries land in a dead-letter queue.
enum TriggerResources {
    static func add(_ c: PipelineContext, to b: inout StackBuilder, landing: Address, function: Address) {
        b.add(
            "aws_s3_bucket_notification", "landing", .trigger,
            ["bucket": .expression(landing.ref("id")), "eventbridge": true])
        // Literal names, not references: the pattern is a JSON string and must stay reviewable as such.
        let pattern: TerraformValue = [
            "source": ["aws.s3"],
            "detail-type": ["Object Created"],
            "detail": [
                "bucket": ["name": .strings([c.names.landingBucket])],
                "object": ["key": [["prefix": .string(c.names.rawKeyPrefix)]]],
            ],
        ]
        let rule = b.add(
            "aws_cloudwatch_event_rule", "objects", .trigger,
            [
                "name": .string(c.names.eventRule),
                "description": .string(
                    "New \(c.pipeline.name) raw objects, for processor \(c.pipeline.processor.name)"),
                "event_pattern": .string(pattern.compact()),
            ])
        let queue = b.add(
            "aws_sqs_queue", "events_dlq", .trigger,
            [
                "name": .string(c.names.deadLetterQueue),
                "message_retention_seconds": 1_209_600,
                "sqs_managed_sse_enabled": true,
            ])
        let queuePolicy = b.policy(
            "events_dlq", .trigger,
            [
                Statement(
                    sid: "EventBridgeDeadLetters", actions: ["sqs:SendMessage"], resources: [.init(queue.ref("arn"))],
                    principals: [("Service", ["events.amazonaws.com"])],
                    conditions: [("ArnEquals", "aws:SourceArn", [.init(rule.ref("arn"))])])
            ])
        b.add(
            "aws_sqs_queue_policy", "events_dlq", .trigger,
            ["queue_url": .expression(queue.ref("id")), "policy": .expression(queuePolicy.ref("json"))])
        b.add(
            "aws_cloudwatch_event_target", "processor", .trigger,
            [
                "rule": .expression(rule.ref("name")),
                "target_id": "processor",
                "arn": .expression(function.ref("arn")),
                // Retry for the longest EventBridge allows, then park the event: no object goes unprocessed.
                "retry_policy": ["maximum_event_age_in_seconds": 86400, "maximum_retry_attempts": 185],
                "dead_letter_config": ["arn": .expression(queue.ref("arn"))],
            ])
        b.add(
            "aws_lambda_permission", "events", .trigger,
            [
                "statement_id": "AllowEventBridgeRule",
                "action": "lambda:InvokeFunction",
                "function_name": .expression(function.ref("function_name")),
                "principal": "events.amazonaws.com",
                "source_arn": .expression(rule.ref("arn")),
            ])
    }
}
