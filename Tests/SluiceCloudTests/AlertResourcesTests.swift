import Foundation
import SluiceFormats
import SluiceJSON
import Testing

@testable import SluiceCloud
@testable import SluiceModel

/// The text of a string argument, literal or template.
private func text(_ value: TerraformValue?) -> String? {
    switch value {
    case .string(let text): text
    case .template(let template): template.description
    default: nil
    }
}

/// The alarms of a graph: alarm name -> stack name.
private func alarms(_ graph: CloudGraph) -> [String: String] {
    var found: [String: String] = [:]
    for stack in graph.stacks {
        for resource in stack.resources where resource.address.type == CloudWatchMetricAlarm.terraformType {
            let name = text(resource.arguments["alarm_name"]) ?? ""
            #expect(found[name] == nil, "alarm \(name) declared twice")
            found[name] = stack.name
        }
    }
    return found
}

private func resources(_ graph: CloudGraph, _ type: String) -> [Resource] {
    graph.stacks.flatMap(\.resources).filter { $0.address.type == type }
}

@Suite("Alarms, the alerts topic and the dashboard")
struct AlertResourcesTests {
    @Test("every alarm of the example exists once, named by Names.alarm, in the stack of the account it watches")
    func alarmsWhereTheirMetricsAre() throws {
        let (project, pipelines) = try example()
        let pipeline = try #require(pipelines.first)
        let names = try #require(Names(project: project, pipeline: pipeline))
        let expected = Dictionary(
            uniqueKeysWithValues: PipelineAlarm.of(pipeline).map {
                (names.alarm($0), $0.watchesSourceAccount ? "production" : "analytics")
            })
        #expect(expected.count == 12)
        #expect(alarms(CloudGraph(project: project, pipelines: pipelines)) == expected)
    }

    @Test("each alarm names its runbook entry and notifies its own account's topic on alarm and on recovery")
    func descriptionsAndActions() throws {
        let (project, pipelines) = try example()
        let graph = CloudGraph(project: project, pipelines: pipelines)
        for stack in graph.stacks {
            let topics = stack.resources.filter { $0.address.type == SNSTopic.terraformType }
            for alarm in stack.resources where alarm.address.type == CloudWatchMetricAlarm.terraformType {
                let name = try #require(text(alarm.arguments["alarm_name"]))
                let id = try #require(PipelineAlarm.allCases.first { name.hasSuffix("-\($0.id)") })
                #expect(
                    text(alarm.arguments["alarm_description"])?.hasSuffix(
                        "generated/README.md#integrations-usage-\(id.id)") == true)
                #expect(topics.count == 1, "one alerts topic in \(stack.name)")
                let topicARN = TerraformValue.array([.template("\(SNSTopic.Handle(address: topics[0].address).arn)")])
                #expect(alarm.arguments["alarm_actions"] == topicARN)
                #expect(alarm.arguments["ok_actions"] == topicARN)
            }
        }
    }

    @Test("the email topic is encrypted with a key CloudWatch may use, and only this account's alarms publish")
    func topicPolicy() throws {
        let (project, pipelines) = try example()
        let graph = CloudGraph(project: project, pipelines: pipelines)
        let production = try #require(graph.stack("production"))
        let key = try #require(production.resources.first { $0.address.type == KMSKey.terraformType })
        #expect(key.arguments["enable_key_rotation"] == .bool(true))
        let keyPolicy = try JSONValue(parsing: text(key.arguments["policy"]) ?? "")
        #expect("\(keyPolicy)".contains("cloudwatch.amazonaws.com"))
        let topic = try #require(production.resources.first { $0.address.type == SNSTopic.terraformType })
        #expect(text(topic.arguments["kms_master_key_id"]) == "${\(key.address).arn}")
        #expect(text(topic.arguments["name"]) == "acme-integrations-usage-alerts")
        let document = try #require(
            production.resources.first { $0.address.description.hasSuffix("integrations_usage_alerts_topic") })
        let statements = document.arguments["statement"]?.allStrings ?? []
        // Each alarm by its name: a wildcard on the pipeline's prefix would also let pipeline integrations-usage-x's
        // alarms publish here.
        let alarmARNs = statements.filter { $0.hasPrefix("arn:aws:cloudwatch:") }
        #expect(alarmARNs.contains("arn:aws:cloudwatch:eu-west-1:111111111111:alarm:acme-integrations-usage-no-rows"))
        #expect(alarmARNs.count == 12 && !alarmARNs.contains { $0.contains("*") })
        #expect(statements.contains("111111111111"))
        let subscriptions = production.resources.filter { $0.address.type == SNSTopicSubscription.terraformType }
        #expect(subscriptions.map { text($0.arguments["endpoint"]) } == ["data-oncall@example.com"])
    }

    @Test("an address keeps its subscription's address when another is removed: no one must confirm again")
    func subscriptionsKeyedByAddress() throws {
        // A subscription's endpoint cannot change in place: keyed by position, dropping the first address would
        // replace every later one's subscription, each pending its owner's confirmation, notifying no one till then.
        let (project, pipelines) = try example()
        var pipeline = try #require(pipelines.first)
        func subscriptions(_ email: [String]) -> [String: String] {
            pipeline.alerts = AlertsStage(email: email, origin: pipeline.origin)
            let graph = CloudGraph(project: project, pipelines: [pipeline])
            let production = graph.stack("production")?.resources ?? []
            var found: [String: String] = [:]
            for resource in production where resource.address.type == SNSTopicSubscription.terraformType {
                found[text(resource.arguments["endpoint"]) ?? ""] = resource.address.description
            }
            return found
        }
        let before = subscriptions(["a.b@example.com", "a_b@example.com", "On-Call+x@example.com"])
        let after = subscriptions(["a_b@example.com", "On-Call+x@example.com"])
        #expect(before.count == 3 && Set(before.values).count == 3)
        #expect(after["a_b@example.com"] == before["a_b@example.com"])
        #expect(after["On-Call+x@example.com"] == before["On-Call+x@example.com"])
    }

    @Test("alerts: none makes no alarm, topic or replication metrics; the dashboard stays")
    func none() throws {
        let (project, pipelines) = try example()
        var pipeline = try #require(pipelines.first)
        pipeline.alerts = AlertsStage(declaration: .none, origin: pipeline.origin)
        let graph = CloudGraph(project: project, pipelines: [pipeline])
        #expect(alarms(graph).isEmpty)
        #expect(resources(graph, SNSTopic.terraformType).isEmpty)
        #expect(resources(graph, KMSKey.terraformType).isEmpty)
        #expect(resources(graph, CloudWatchDashboard.terraformType).count == 1)
        let replication = try #require(resources(graph, S3BucketReplicationConfiguration.terraformType).first)
        #expect(!"\(replication.arguments)".contains("metrics"))
        // Without the rule's metrics S3 publishes no replication metric: a graph of them would stay empty.
        let dashboard = try #require(resources(graph, CloudWatchDashboard.terraformType).first)
        #expect(!(text(dashboard.arguments["dashboard_body"]) ?? "").contains("Replication"))
        #expect(graph.notes == ["analytics": ["pipeline integrations-usage has no alarms (alerts: none)"]])
    }

    @Test("with alarms on, the replication rule publishes the metrics the replication alarm reads")
    func replicationMetrics() throws {
        let (project, pipelines) = try example()
        let graph = CloudGraph(project: project, pipelines: pipelines)
        let replication = try #require(resources(graph, S3BucketReplicationConfiguration.terraformType).first)
        let rule = try #require(replication.arguments["rule"]?.json(terraform: false).compact())
        #expect(
            rule.contains(#""metrics":{"status":"Enabled"}"#) || rule.contains(#""metrics":[{"status":"Enabled"}]"#))
        #expect(graph.notes.isEmpty)
    }

    @Test("existing topics only: alarms publish to their account's topic, Sluice creates none")
    func topicsOnly() throws {
        let (project, pipelines) = try example()
        var pipeline = try #require(pipelines.first)
        pipeline.alerts = AlertsStage(
            topics: [
                AlertTopic(account: "analytics", arn: "arn:aws:sns:eu-west-1:222222222222:oncall"),
                AlertTopic(account: "production", arn: "arn:aws:sns:eu-west-1:111111111111:oncall"),
            ], origin: pipeline.origin)
        let graph = CloudGraph(project: project, pipelines: [pipeline])
        #expect(resources(graph, SNSTopic.terraformType).isEmpty)
        for stack in graph.stacks {
            for alarm in stack.resources where alarm.address.type == CloudWatchMetricAlarm.terraformType {
                let id = stack.account.id
                #expect(alarm.arguments["alarm_actions"] == .array([.string("arn:aws:sns:eu-west-1:\(id):oncall")]))
            }
        }
    }

    @Test("no recipients: the plans of both stacks holding alarms say they notify no one")
    func notifiesNoOne() throws {
        let (project, pipelines) = try example()
        var pipeline = try #require(pipelines.first)
        pipeline.alerts = AlertsStage(declaration: .absent, origin: pipeline.origin)
        let graph = CloudGraph(project: project, pipelines: [pipeline])
        #expect(alarms(graph).count == 12)
        let note = "pipeline integrations-usage's alarms in this stack notify no one (add alerts: email or topics)"
        #expect(graph.notes == ["analytics": [note], "production": [note]])
        let alarm = try #require(resources(graph, CloudWatchMetricAlarm.terraformType).first)
        #expect(alarm.arguments["alarm_actions"] == .array([]))
    }

    @Test("a pipeline processed in its source account: every alarm and one topic in that account's stack")
    func singleAccount() throws {
        let (project, pipelines) = try example()
        var pipeline = try #require(pipelines.first)
        pipeline.replication = nil
        let graph = CloudGraph(project: project, pipelines: [pipeline])
        #expect(Set(alarms(graph).values) == ["production"])
        #expect(alarms(graph).count == 11)
        #expect(resources(graph, SNSTopic.terraformType).count == 1)
    }

    @Test("a dead-letter alarm keeps its state while SQS publishes no depth for an idle queue; error counts do not")
    func deadLettersIgnoreMissingData() throws {
        // SQS stops publishing a queue's metrics after six hours without activity, parked messages or not: read as
        // not breaching, that gap would clear the alarm (and send an OK) while the messages still wait.
        let (project, pipelines) = try example()
        let graph = CloudGraph(project: project, pipelines: pipelines)
        var missing: [String: String] = [:]
        for alarm in resources(graph, CloudWatchMetricAlarm.terraformType) {
            let name = try #require(text(alarm.arguments["alarm_name"]))
            missing[String(name.split(separator: "-").suffix(2).joined(separator: "-"))] = text(
                alarm.arguments["treat_missing_data"])
        }
        #expect(missing["dead-letters"] == "ignore")
        #expect(
            resources(graph, CloudWatchMetricAlarm.terraformType).count(where: {
                text($0.arguments["treat_missing_data"]) == "ignore"
            }) == 2)
        #expect(missing["lambda-errors"] == "notBreaching")
        #expect(missing["no-rows"] == "breaching")
    }

    @Test("Sluice's own metrics are the processor's catalog's, with its namespace and exact dimension set")
    func processorMetrics() throws {
        let (project, pipelines) = try example()
        let graph = CloudGraph(project: project, pipelines: pipelines)
        let emitted = Set(ProcessorMetric.allCases.map(\.name))
        var seen: Set<String> = []
        for alarm in resources(graph, CloudWatchMetricAlarm.terraformType) {
            let query = alarm.arguments["metric_query"]?.json(terraform: false)
            let queries: [JSONValue] = if case .array(let items)? = query { items } else { [] }
            let metrics: [[String: JSONValue]] = queries.compactMap {
                guard case .object(let members) = $0, case .object(let metric)? = members["metric"] else { return nil }
                return metric
            }
            var plain: [[String: JSONValue]] = []
            if text(alarm.arguments["namespace"]) == ProcessorMetric.namespace,
                case .object(let members) = TerraformValue.object(alarm.arguments).json(terraform: false)
            {
                plain.append(members)
            }
            for metric in metrics + plain where metric["namespace"] == .string(ProcessorMetric.namespace) {
                guard case .string(let name)? = metric["metric_name"],
                    case .object(let dimensions)? = metric["dimensions"]
                else { continue }
                #expect(emitted.contains(name), "\(name) is not a metric the processor emits")
                #expect(Set(dimensions.keys) == Set(ProcessorMetric.dimensions))
                seen.insert(name)
            }
        }
        #expect(seen == ["Lines", "Quarantined", "Rows"])
    }

    @Test("the dashboard graphs every step, the source account's metrics carrying its id, the same body every time")
    func dashboard() throws {
        let (project, pipelines) = try example()
        let body = {
            try #require(
                text(
                    resources(CloudGraph(project: project, pipelines: pipelines), "aws_cloudwatch_dashboard").first?
                        .arguments["dashboard_body"]))
        }
        let first = try body()
        #expect(try body() == first)
        guard case .object(let dashboard) = try JSONValue(parsing: first),
            case .array(let widgets)? = dashboard["widgets"]
        else {
            Issue.record("the body is not an object with widgets")
            return
        }
        #expect(widgets.count == 6)
        for metric in [
            "ForwardedLogEvents", "DeliveryToS3.Records", "OperationsPendingReplication", "Invocations",
            "Rows", "Quarantined", "ApproximateNumberOfMessagesVisible",
        ] {
            #expect(first.contains("\"\(metric)\""), "no graph of \(metric)")
        }
        #expect(first.contains(#"{"accountId":"111111111111","stat":"Sum"}"#))
        #expect(!first.contains(#""accountId":"222222222222""#))
    }
}
