import SluiceFormats
import SluiceModel

/// One CloudWatch dashboard per pipeline, in the analytics account, with a graph per step the data takes: events the
/// subscription forwarded, records Firehose delivered, objects replicated, invocations, rows and quarantined lines,
/// dead letters. The source account's metrics carry its `accountId` (CloudWatch cross-account observability must
/// share them with the analytics account when the two differ).
enum DashboardResources {
    /// A graph's metric: `[namespace, name, dimension, value, ..., options]`, as the dashboard body spells it.
    private static func metric(
        _ namespace: String, _ name: String, _ dimensions: [(String, String)], account: Account?,
        stat: String = "Sum", label: String? = nil
    ) -> TerraformValue {
        var options: [String: TerraformValue] = ["stat": .string(stat)]
        if let account { options["accountId"] = .string(account.id) }
        if let label { options["label"] = .string(label) }
        let parts =
            [TerraformValue.string(namespace), .string(name)]
            + dimensions.flatMap { [TerraformValue.string($0.0), .string($0.1)] }
        return .array(parts + [.object(options)])
    }

    /// One graph, half the dashboard's width, at position `index` (two to a row, in the order data flows).
    private static func graph(_ index: Int, title: String, region: String, metrics: [TerraformValue]) -> TerraformValue
    {
        [
            "type": "metric", "x": .int(index % 2 * 12), "y": .int(index / 2 * 6), "width": 12, "height": 6,
            "properties": [
                "title": .string(title), "region": .string(region), "view": "timeSeries", "stacked": false,
                "period": 300, "metrics": .array(metrics),
            ],
        ]
    }

    /// The dashboard's body, as CloudWatch's `PutDashboard` takes it.
    static func body(_ context: PipelineContext) -> TerraformValue {
        let names = context.names
        let pipeline = context.pipeline
        // Metrics of the other account carry its id; the analytics account's own need none.
        let sourceAccount = context.source.id == context.analytics.id ? nil : context.source
        let source = context.source.region
        let analytics = context.analytics.region
        let logGroup = [("LogGroupName", pipeline.source.logGroup)]
        let stream = [("DeliveryStreamName", names.deliveryStream)]
        let function = [("FunctionName", names.function)]
        let processor = AlarmDefinitions.processorDimensions(context).sorted { $0.key < $1.key }.map {
            ($0.key, $0.value)
        }
        var graphs: [(title: String, region: String, metrics: [TerraformValue])] = [
            (
                "Events forwarded by the subscription", source,
                [
                    metric("AWS/Logs", "ForwardedLogEvents", logGroup, account: sourceAccount),
                    metric("AWS/Logs", "DeliveryErrors", logGroup, account: sourceAccount),
                    metric("AWS/Logs", "DeliveryThrottling", logGroup, account: sourceAccount),
                ]
            ),
            (
                "Records delivered by Firehose", source,
                [
                    metric("AWS/Firehose", "DeliveryToS3.Records", stream, account: sourceAccount),
                    metric(
                        "AWS/Firehose", "DeliveryToS3.DataFreshness", stream, account: sourceAccount, stat: "Maximum"),
                ]
            ),
        ]
        if ReplicationResources.publishesMetrics(context) {
            let rule = [
                ("SourceBucket", names.rawBucket), ("DestinationBucket", names.landingBucket),
                ("RuleId", ReplicationResources.ruleID(context)),
            ]
            graphs.append(
                (
                    "Objects replicated", source,
                    [
                        metric(
                            "AWS/S3", "OperationsPendingReplication", rule, account: sourceAccount, stat: "Maximum"),
                        metric("AWS/S3", "OperationsFailedReplication", rule, account: sourceAccount),
                    ]
                ))
        }
        graphs += [
            (
                "Processor invocations", analytics,
                [
                    metric("AWS/Events", "Invocations", [("RuleName", names.eventRule)], account: nil),
                    metric("AWS/Lambda", "Invocations", function, account: nil),
                    metric("AWS/Lambda", "Errors", function, account: nil),
                    metric("AWS/Lambda", "Throttles", function, account: nil),
                ]
            ),
            (
                "Rows and quarantined lines", analytics,
                [ProcessorMetric.lines, .rows, .quarantined].map {
                    metric(ProcessorMetric.namespace, $0.name, processor, account: nil)
                }
            ),
            (
                "Dead letters", analytics,
                names.deadLetterQueues.map {
                    metric(
                        "AWS/SQS", "ApproximateNumberOfMessagesVisible", [("QueueName", $0)], account: nil,
                        stat: "Maximum", label: $0)
                }
            ),
        ]
        let widgets = graphs.enumerated().map {
            graph(
                $0.offset, title: $0.element.title, region: $0.element.region,
                metrics: $0.element.metrics)
        }
        return ["widgets": .array(widgets)]
    }
}

/// The dashboard stage: made for every pipeline (`alerts: none` included), drawn as nothing of its own, since it
/// graphs the stages the diagram shows already.
extension DashboardResources: PipelineStage {
    static var stage: Stage { .dashboard }

    static func expand(_ context: PipelineContext, into stacks: inout PipelineStacks, state: inout ExpansionState) {
        stacks.analytics.add(
            "dashboard", .dashboard,
            CloudWatchDashboard(
                dashboardBody: "\(body(context).compact())", dashboardName: "\(context.names.dashboard)"))
    }

    static func diagram(_ context: PipelineContext, state: ExpansionState) -> StageDiagram { StageDiagram() }
}
