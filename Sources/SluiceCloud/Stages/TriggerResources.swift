import SluiceModel

/// S3 Object Created events, through EventBridge, to the processor; failed deliveries land in a dead-letter queue.
enum TriggerResources {
    static func add(
        _ context: PipelineContext, to builder: inout StackBuilder, landing: StackBuilder.PrivateBucket,
        function: LambdaFunction.Handle
    ) {
        let names = context.names
        builder.add("landing", .trigger, S3BucketNotification(bucket: "\(landing.id)", eventbridge: true))
        // Literal names, not references: the pattern is a JSON string and must stay reviewable as such.
        let pattern: TerraformValue = [
            "source": ["aws.s3"],
            "detail-type": ["Object Created"],
            "detail": [
                "bucket": ["name": .strings([names.landingBucket])],
                "object": ["key": [["prefix": .string(names.rawKeyPrefix)]]],
            ],
        ]
        let rule = builder.add(
            "objects", .trigger,
            CloudWatchEventRule(
                description:
                    "New \(context.pipeline.name) raw objects, for processor \(context.pipeline.processor.name)",
                eventPattern: "\(pattern.compact())", name: "\(names.eventRule)"))
        let queue = builder.add(
            "events_dlq", .trigger,
            SQSQueue(messageRetentionSeconds: 1_209_600, name: "\(names.deadLetterQueue)", sqsManagedSSEEnabled: true))
        let queuePolicy = builder.policy(
            "events_dlq", .trigger,
            [
                Statement(
                    sid: "EventBridgeDeadLetters", actions: ["sqs:SendMessage"], resources: ["\(queue.arn)"],
                    principals: [("Service", ["events.amazonaws.com"])],
                    conditions: [("ArnEquals", "aws:SourceArn", ["\(rule.arn)"])])
            ])
        builder.add("events_dlq", .trigger, SQSQueuePolicy(policy: "\(queuePolicy.json)", queueURL: "\(queue.id)"))
        builder.add(
            "processor", .trigger,
            CloudWatchEventTarget(
                arn: "\(function.arn)", rule: "\(rule.name)", deadLetterConfig: .init(arn: "\(queue.arn)"),
                // Retry for the longest EventBridge allows, then park the event: no object goes unprocessed.
                retryPolicy: .init(maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 185),
                targetID: "processor"))
        builder.add(
            "events", .trigger,
            LambdaPermission(
                action: "lambda:InvokeFunction", functionName: "\(function.functionName)",
                principal: "events.amazonaws.com", sourceARN: "\(rule.arn)", statementID: "AllowEventBridgeRule"))
    }
}

extension DiagramNodeID {
    /// The EventBridge rule matching the objects that arrive.
    static let rule: Self = "rule"
    /// The queue of events the rule could not deliver.
    static let deadLetters: Self = "dlq"
}

/// The trigger stage: Object Created events of the bucket where objects arrive, through EventBridge, to the processor.
extension TriggerResources: PipelineStage {
    static var stage: Stage { .trigger }

    static func expand(_ context: PipelineContext, into stacks: inout PipelineStacks, state: inout ExpansionState) {
        add(
            context, to: &stacks.analytics, landing: state.required(\.landing, by: self).bucket,
            function: state.required(\.function, by: self))
    }

    static func diagram(_ context: PipelineContext, state: ExpansionState) -> StageDiagram {
        StageDiagram(
            nodes: [
                DiagramNode(.rule, "EventBridge rule\n\(context.names.eventRule)", in: .analytics),
                DiagramNode(.deadLetters, "SQS dead letters\n\(context.names.deadLetterQueue)", in: .analytics),
            ],
            flows: [
                DiagramFlow(from: state.required(\.landing, by: self).node, to: .rule, "Object Created"),
                DiagramFlow(from: .rule, to: .processor),
                DiagramFlow(from: .rule, to: .deadLetters, "undeliverable", style: .side),
            ])
    }
}
