import SluiceFormats
import SluiceModel

/// What each alarm watches and when it fires: the metric, its statistic, the comparison and the threshold from
/// `alerts.thresholds`. Sluice's own metrics are named only through `ProcessorMetric`.
enum AlarmDefinitions {
    /// The alarm without its name, description and actions, which `AlertResources` adds.
    static func alarm(_ alarm: PipelineAlarm, _ context: PipelineContext) -> CloudWatchMetricAlarm {
        let names = context.names
        let pipeline = context.pipeline
        let thresholds = pipeline.alerts.thresholds
        let period = thresholds.periodMinutes * 60
        func count(
            _ namespace: String, _ metric: String, _ dimensions: [String: String], atLeast threshold: Int,
            statistic: String = "Sum"
        ) -> CloudWatchMetricAlarm {
            CloudWatchMetricAlarm(
                alarmName: "", comparisonOperator: "GreaterThanOrEqualToThreshold",
                evaluationPeriods: thresholds.evaluationPeriods, datapointsToAlarm: thresholds.datapointsToAlarm,
                dimensions: dimensions.mapValues { "\($0)" }, metricName: "\(metric)", namespace: "\(namespace)",
                period: period, statistic: "\(statistic)", threshold: threshold, treatMissingData: "notBreaching")
        }
        switch alarm {
        case .subscriptionDeliveryErrors, .subscriptionThrottling:
            // By log group alone: AWS documents no value for the DestinationType dimension of a Firehose
            // destination, and a log group has at most two subscriptions.
            let metric = alarm == .subscriptionDeliveryErrors ? "DeliveryErrors" : "DeliveryThrottling"
            return count(
                "AWS/Logs", metric, ["LogGroupName": pipeline.source.logGroup],
                atLeast: alarm == .subscriptionDeliveryErrors ? thresholds.errors : thresholds.throttles)
        case .firehoseDelivery:
            // The share of S3 puts that succeeded, 0 to 1: below 1 means a put failed and Firehose is retrying.
            var resource = count(
                "AWS/Firehose", "DeliveryToS3.Success", ["DeliveryStreamName": names.deliveryStream], atLeast: 1,
                statistic: "Minimum")
            resource.comparisonOperator = "LessThanThreshold"
            return resource
        case .firehoseFreshness:
            var resource = count(
                "AWS/Firehose", "DeliveryToS3.DataFreshness", ["DeliveryStreamName": names.deliveryStream],
                atLeast: 0, statistic: "Maximum")
            resource.comparisonOperator = "GreaterThanThreshold"
            resource.threshold = pipeline.delivery.bufferingIntervalSeconds + thresholds.freshnessMarginSeconds
            return resource
        case .replicationFailures:
            return count(
                "AWS/S3", "OperationsFailedReplication",
                [
                    "SourceBucket": names.rawBucket, "DestinationBucket": names.landingBucket,
                    "RuleId": ReplicationResources.ruleID(context),
                ],
                atLeast: thresholds.errors)
        case .eventsFailedInvocations:
            return count("AWS/Events", "FailedInvocations", ["RuleName": names.eventRule], atLeast: thresholds.errors)
        case .lambdaErrors:
            return count("AWS/Lambda", "Errors", ["FunctionName": names.function], atLeast: thresholds.errors)
        case .lambdaThrottles:
            return count("AWS/Lambda", "Throttles", ["FunctionName": names.function], atLeast: thresholds.throttles)
        case .eventsDeadLetters, .processorDeadLetters:
            let queue = alarm == .eventsDeadLetters ? names.deadLetterQueue : names.processorDeadLetterQueue
            var resource = count(
                "AWS/SQS", "ApproximateNumberOfMessagesVisible", ["QueueName": queue],
                atLeast: thresholds.deadLetters, statistic: "Maximum")
            // SQS publishes a queue's metrics only while it is active (a message or a call in the last six hours):
            // a parked message nobody touches goes quiet, and a gap read as not breaching would clear the alarm
            // (and tell everyone it is OK) while the message still waits. A gap keeps the state instead.
            resource.treatMissingData = "ignore"
            return resource
        case .quarantineRatio:
            return quarantineRatio(context)
        case .noRows:
            // Missing data breaches: a processor that stopped emits nothing at all.
            var resource = count(
                ProcessorMetric.namespace, ProcessorMetric.rows.name, processorDimensions(context), atLeast: 1)
            resource.comparisonOperator = "LessThanThreshold"
            resource.period = thresholds.quietPeriodMinutes * 60
            resource.evaluationPeriods = 1
            resource.datapointsToAlarm = 1
            resource.treatMissingData = "breaching"
            return resource
        }
    }

    /// The processor's one dimension set: the pipeline's name and its output table.
    static func processorDimensions(_ context: PipelineContext) -> [String: String] {
        [
            ProcessorMetric.pipelineDimension: context.pipeline.name,
            ProcessorMetric.tableDimension: context.table.name,
        ]
    }

    /// Quarantined lines as a percentage of lines read over the window: metric math on the processor's metrics.
    /// A window without lines has no value, which is not a breach.
    private static func quarantineRatio(_ context: PipelineContext) -> CloudWatchMetricAlarm {
        let thresholds = context.pipeline.alerts.thresholds
        let window = thresholds.quarantineWindowMinutes * 60
        let dimensions = processorDimensions(context).mapValues { TerraformTemplate(literal: $0) }
        func metric(_ id: String, _ metric: ProcessorMetric) -> CloudWatchMetricAlarm.MetricQuery {
            .init(
                id: "\(id)",
                metric: .init(
                    metricName: "\(metric.name)", period: window, stat: "Sum", dimensions: dimensions,
                    namespace: "\(ProcessorMetric.namespace)"),
                returnData: false)
        }
        return CloudWatchMetricAlarm(
            alarmName: "", comparisonOperator: "GreaterThanOrEqualToThreshold", evaluationPeriods: 1,
            datapointsToAlarm: 1,
            metricQuery: [
                .init(
                    id: "ratio", expression: "100 * quarantined / lines", label: "Quarantined lines (%)",
                    returnData: true),
                metric("quarantined", .quarantined),
                metric("lines", .lines),
            ],
            threshold: thresholds.quarantineRatioPercent, treatMissingData: "notBreaching")
    }
}
