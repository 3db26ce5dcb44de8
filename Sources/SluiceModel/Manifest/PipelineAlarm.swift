/// The alarms Sluice writes for a pipeline, by runbook id: the one list the Terraform, the runbook in
/// generated/README.md and `sluice status` share. An alarm's CloudWatch name is `Names.alarm(id)`, its runbook anchor
/// `<pipeline>-<id>`.
package enum PipelineAlarm: String, Sendable, CaseIterable {
    case subscriptionDeliveryErrors = "subscription-delivery-errors"
    case subscriptionThrottling = "subscription-throttling"
    case firehoseDelivery = "firehose-delivery"
    case firehoseFreshness = "firehose-freshness"
    case replicationFailures = "replication-failures"
    case eventsFailedInvocations = "events-failed-invocations"
    case lambdaErrors = "lambda-errors"
    case lambdaThrottles = "lambda-throttles"
    case eventsDeadLetters = "events-dead-letters"
    case processorDeadLetters = "processor-dead-letters"
    case quarantineRatio = "quarantine-ratio"
    case noRows = "no-rows"

    /// The runbook id, the part of the alarm's name after `Names.alarmPrefix`.
    package var id: String { rawValue }

    /// Whether the metric it watches is the source account's (the subscription, Firehose and replication live
    /// there); the others are the analytics account's. An alarm lives in the stack of the account whose metric it
    /// watches, since CloudWatch alarms read their own account's metrics.
    package var watchesSourceAccount: Bool {
        switch self {
        case .subscriptionDeliveryErrors, .subscriptionThrottling, .firehoseDelivery, .firehoseFreshness,
            .replicationFailures:
            true
        case .eventsFailedInvocations, .lambdaErrors, .lambdaThrottles, .eventsDeadLetters, .processorDeadLetters,
            .quarantineRatio, .noRows:
            false
        }
    }

    /// A short title, for the runbook's headings and the dashboard.
    package var title: String {
        switch self {
        case .subscriptionDeliveryErrors: "Subscription delivery errors"
        case .subscriptionThrottling: "Subscription throttling"
        case .firehoseDelivery: "Firehose delivery to S3 failing"
        case .firehoseFreshness: "Firehose falling behind"
        case .replicationFailures: "Replication failures"
        case .eventsFailedInvocations: "EventBridge failed invocations"
        case .lambdaErrors: "Processor errors"
        case .lambdaThrottles: "Processor throttled"
        case .eventsDeadLetters: "Events parked in the EventBridge dead-letter queue"
        case .processorDeadLetters: "Invocations parked in the processor dead-letter queue"
        case .quarantineRatio: "Quarantine ratio too high"
        case .noRows: "No rows"
        }
    }

    /// The alarms a pipeline has, in the order data reaches what they watch: none for `alerts: none`, and the
    /// replication alarm only when the pipeline replicates.
    package static func of(_ pipeline: Pipeline) -> [PipelineAlarm] {
        guard pipeline.alerts.hasAlarms else { return [] }
        return allCases.filter { $0 != .replicationFailures || pipeline.replication != nil }
    }
}

extension Names {
    /// The CloudWatch name of one of the pipeline's alarms.
    package func alarm(_ alarm: PipelineAlarm) -> String { self.alarm(alarm.id) }

    /// The anchor of an alarm's runbook entry in generated/README.md: `<pipeline>-<id>`.
    package func runbookAnchor(_ alarm: PipelineAlarm) -> String { "\(pipeline.name)-\(alarm.id)" }

    /// Where an alarm's description sends the reader.
    package func runbookLink(_ alarm: PipelineAlarm) -> String { "generated/README.md#\(runbookAnchor(alarm))" }
}
