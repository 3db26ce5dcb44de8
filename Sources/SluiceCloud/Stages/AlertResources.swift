import SluiceFormats
import SluiceModel

/// The pipeline's CloudWatch alarms (`PipelineAlarm`), each in the stack of the account whose metric it watches, and
/// in each of those accounts the SNS topic they publish to when `alerts:` lists email addresses.
enum AlertResources {
    /// Where one account's alarms send their state changes.
    static func actions(_ context: PipelineContext, to builder: inout StackBuilder) -> [TerraformTemplate] {
        let alerts = context.pipeline.alerts
        var actions: [TerraformTemplate] = []
        if !alerts.email.isEmpty { actions.append("\(addTopic(context, to: &builder).arn)") }
        if let topic = alerts.topic(for: builder.account.name) { actions.append("\(topic.arn)") }
        return actions
    }

    /// The topic Sluice creates for the email addresses, under a key of its own: CloudWatch cannot publish to a
    /// topic under the AWS managed `aws/sns` key, whose policy grants nothing to CloudWatch.
    private static func addTopic(_ context: PipelineContext, to builder: inout StackBuilder) -> SNSTopic.Handle {
        let names = context.names
        let account = builder.account
        // A key policy is a resource policy: its "*" is this key. Written literally, not as an IAM policy document,
        // which linters would read as a grant on every resource.
        let keyPolicy: TerraformValue = [
            "Version": "2012-10-17",
            "Statement": [
                [
                    "Sid": "AccountAdministersKey", "Effect": "Allow",
                    "Principal": ["AWS": .string(ARN.accountRoot(account.id).description)],
                    "Action": "kms:*", "Resource": "*",
                ],
                [
                    "Sid": "AlarmsEncryptNotifications", "Effect": "Allow",
                    "Principal": ["Service": "cloudwatch.amazonaws.com"],
                    "Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*",
                    "Condition": ["StringEquals": ["aws:SourceAccount": .string(account.id)]],
                ],
            ],
        ]
        let key = builder.add(
            "alerts", .alerts,
            KMSKey(
                deletionWindowInDays: 30,
                description: "Encrypts the \(context.pipeline.name) alerts topic, which CloudWatch alarms publish to",
                enableKeyRotation: true, policy: "\(keyPolicy.compact())"))
        let topic = builder.add(
            "alerts", .alerts,
            SNSTopic(
                displayName: "Sluice \(context.pipeline.name) alerts", kmsMasterKeyID: "\(key.arn)",
                name: "\(names.alertsTopic)"))
        // Each alarm by name: a wildcard on the pipeline's prefix (`<prefix>-web-*`) would also match the alarms of
        // a pipeline whose name extends this one's (`web-access`).
        let alarms = PipelineAlarm.of(context.pipeline).map { alarm -> TerraformTemplate in
            "\(ARN.regional("cloudwatch", in: account, "alarm:\(names.alarm(alarm))"))"
        }
        let policy = builder.policy(
            "alerts_topic", .alerts,
            [
                Statement(
                    sid: "PipelineAlarmsPublish", actions: ["sns:Publish"], resources: ["\(topic.arn)"],
                    principals: [("Service", ["cloudwatch.amazonaws.com"])],
                    conditions: [
                        ("ArnLike", "aws:SourceArn", alarms),
                        ("StringEquals", "aws:SourceAccount", [.init(literal: account.id)]),
                    ])
            ])
        builder.add("alerts", .alerts, SNSTopicPolicy(arn: "\(topic.arn)", policy: "\(policy.json)"))
        for address in context.pipeline.alerts.email {
            builder.add(
                "alerts_email_\(subscriptionRole(address))", .alerts,
                SNSTopicSubscription(endpoint: "\(address)", protocol: "email", topicARN: "\(topic.arn)"))
        }
        return topic
    }

    /// The Terraform name of an address's subscription: the address itself, its letters and digits kept and every
    /// other byte written `_` and two hex digits (so no two addresses share one). Keyed by the address, not its
    /// place in the list: a subscription's endpoint cannot change in place, so removing one address would replace
    /// the subscriptions of all that follow, each then waiting for its owner to confirm it again.
    static func subscriptionRole(_ address: String) -> String {
        var role = ""
        for byte in address.utf8 {
            if (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) {
                role.append(Character(Unicode.Scalar(byte)))
            } else {
                role += (byte < 0x10 ? "_0" : "_") + String(byte, radix: 16)
            }
        }
        return role
    }

    /// What the plan of a stack says about the pipeline's alerts: that it has no alarms (`alerts: none`, said in the
    /// analytics account's stack), or that its alarms notify no one (said in each stack holding them).
    static func planNotes(_ context: PipelineContext) -> [(stack: String, text: String)] {
        let alerts = context.pipeline.alerts
        let name = context.pipeline.name
        if !alerts.hasAlarms {
            return [(context.analytics.name, "pipeline \(name) has no alarms (alerts: none)")]
        }
        let stacks = Set(
            PipelineAlarm.of(context.pipeline).map {
                $0.watchesSourceAccount ? context.source.name : context.analytics.name
            })
        return stacks.sorted().compactMap { stack in
            let notified = !alerts.email.isEmpty || alerts.topic(for: stack) != nil
            return notified
                ? nil : (stack, "pipeline \(name)'s alarms in this stack notify no one (add alerts: email or topics)")
        }
    }

    /// One alarm in the builder's stack.
    static func add(
        _ alarm: PipelineAlarm, _ context: PipelineContext, to builder: inout StackBuilder,
        actions: [TerraformTemplate]
    ) {
        let names = context.names
        var resource = AlarmDefinitions.alarm(alarm, context)
        resource.alarmName = "\(names.alarm(alarm))"
        resource.alarmDescription =
            "Sluice \(context.pipeline.name): \(alarm.title). Runbook: \(names.runbookLink(alarm))"
        resource.alarmActions = actions
        resource.okActions = actions
        builder.add("alarm_\(alarm.id.replacingOccurrences(of: "-", with: "_"))", .alerts, resource)
    }
}

/// The alerts stage: every alarm of `PipelineAlarm.of(pipeline)` in the stack of the account whose metric it watches.
/// It draws nothing: the alarms watch the stages the diagram shows already.
extension AlertResources: PipelineStage {
    static var stage: Stage { .alerts }

    static func applies(to context: PipelineContext) -> Bool { context.pipeline.alerts.hasAlarms }

    static func expand(_ context: PipelineContext, into stacks: inout PipelineStacks, state: inout ExpansionState) {
        let alarms = PipelineAlarm.of(context.pipeline)
        let sourceAlarms = alarms.filter(\.watchesSourceAccount)
        let analyticsAlarms = alarms.filter { !$0.watchesSourceAccount }
        // One account when the pipeline does not replicate: its stack takes every alarm and one topic.
        if context.source.name == context.analytics.name {
            let actions = actions(context, to: &stacks.analytics)
            for alarm in alarms { add(alarm, context, to: &stacks.analytics, actions: actions) }
            return
        }
        let sourceActions = actions(context, to: &stacks.source)
        for alarm in sourceAlarms { add(alarm, context, to: &stacks.source, actions: sourceActions) }
        let analyticsActions = actions(context, to: &stacks.analytics)
        for alarm in analyticsAlarms { add(alarm, context, to: &stacks.analytics, actions: analyticsActions) }
    }

    static func diagram(_ context: PipelineContext, state: ExpansionState) -> StageDiagram { StageDiagram() }
}
