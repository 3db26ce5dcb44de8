import Foundation
import SluiceFormats
import SluiceJSON
import SluiceModel
import SluiceRuntime

/// A dead-letter queue through Sluice's SQS client.
struct SQSDeadLetterQueue: DeadLetterQueue {
    let name: String
    let url: String
    let client: SQSClient

    func receive(visibilityTimeout: Int) throws -> [QueueMessage] {
        let (client, url) = (client, url)
        // A second of long polling: short polling samples a subset of SQS's servers and can answer empty while
        // messages wait.
        return try blocking {
            try await client.receiveMessages(
                queueURL: url, maxMessages: 10, waitSeconds: 1, visibilityTimeout: visibilityTimeout)
        }.map { QueueMessage(id: $0.messageID, receiptHandle: $0.receiptHandle, body: $0.body) }
    }

    func delete(_ message: QueueMessage) throws {
        let (client, url) = (client, url)
        try blocking {
            try await client.deleteMessage(queueURL: url, receiptHandle: message.receiptHandle)
        }
    }

    func release(_ message: QueueMessage) throws {
        let (client, url) = (client, url)
        try blocking {
            try await client.changeMessageVisibility(
                queueURL: url, receiptHandle: message.receiptHandle, timeout: 0)
        }
    }
}

/// Reads one pipeline's status: alarms in each account that holds them, the dead-letter queues, the processor's
/// metrics. A part that cannot be read becomes an error line; the rest is still shown.
struct StatusReader {
    let target: OperationsTarget

    /// The window and the metric period of the activity line.
    static let window: TimeInterval = 86400
    static let period = 60

    /// Whether `alarm` is one of the pipeline's own: the prefix `<prefix>-web-` of pipeline `web` also lists the
    /// alarms of a pipeline named `web-access`, whose state is not this pipeline's. Every id Sluice makes counts,
    /// not only those the manifest now declares: an alarm still deployed is still the pipeline's.
    static func isOwnAlarm(_ alarm: String, of names: Names) -> Bool {
        PipelineAlarm.allCases.contains { names.alarm($0) == alarm }
    }

    func read(_ names: Names, now: Date) async -> PipelineStatus {
        let accounts = [names.sourceAccount, names.analyticsAccount].reduce(into: [Account]()) {
            list, account in
            if !list.contains(where: { $0.name == account.name }) { list.append(account) }
        }
        var status = PipelineStatus(
            pipeline: names.pipeline.name,
            accounts: accounts.map { "\($0.name) \($0.id) (\($0.region))" },
            logGroup: names.functionLogGroup)
        var analyticsCredentials: AWSCredentials?
        for account in accounts {
            do {
                let credentials = try await target.credentials(in: account, .plan)
                if account.name == names.analyticsAccount.name { analyticsCredentials = credentials }
                let cloudWatch = try target.client(
                    CloudWatchClient.self, region: account.region, credentials: credentials)
                let alarms = try await cloudWatch.describeAlarms(namePrefix: names.alarmPrefix)
                for alarm in alarms where Self.isOwnAlarm(alarm.name, of: names) {
                    status.alarms.append(
                        .init(
                            name: alarm.name, account: account.name, state: alarm.state,
                            reason: alarm.stateReason ?? "", updated: alarm.stateUpdated))
                }
            } catch {
                status.alarmsRead = false
                status.errors.append("alarms in \(account.name) (\(account.id)): \(error)")
            }
        }
        guard let credentials = analyticsCredentials else { return status }
        let region = names.analyticsAccount.region
        do {
            let sqs = try target.client(SQSClient.self, region: region, credentials: credentials)
            for queue in names.deadLetterQueues {
                do {
                    let url = try await sqs.queueURL(name: queue)
                    let depth = try await sqs.approximateMessages(queueURL: url)
                    status.queues.append(
                        .init(name: queue, visible: depth.visible + depth.delayed, inFlight: depth.inFlight))
                } catch {
                    status.errors.append("dead-letter queue \(queue): \(error)")
                }
            }
            let cloudWatch = try target.client(CloudWatchClient.self, region: region, credentials: credentials)
            status.activity = try await activity(names, cloudWatch, now: now)
        } catch {
            status.errors.append("processor metrics in \(names.analyticsAccount.name): \(error)")
        }
        return status
    }

    /// Rows, quarantined and objects over the last day, and the latest minute with an object processed.
    private func activity(_ names: Names, _ cloudWatch: CloudWatchClient, now: Date) async throws
        -> PipelineStatus.Activity
    {
        let table = names.pipeline.processor.output.name
        let dimensions = [
            (name: ProcessorMetric.pipelineDimension, value: names.pipeline.name),
            (name: ProcessorMetric.tableDimension, value: table),
        ]
        let metrics: [ProcessorMetric] = [.rows, .quarantined, .objects]
        let queries = metrics.map {
            MetricDataQuery.metric(
                id: $0.name.lowercased(), namespace: ProcessorMetric.namespace, metricName: $0.name,
                dimensions: dimensions, stat: "Sum", periodSeconds: Self.period)
        }
        let results = try await cloudWatch.getMetricData(
            queries: queries, start: now.addingTimeInterval(-Self.window), end: now)
        func sum(_ metric: ProcessorMetric) -> Double {
            (results[metric.name.lowercased()] ?? []).reduce(0) { $0 + $1.value }
        }
        let lastObject = (results[ProcessorMetric.objects.name.lowercased()] ?? []).last {
            $0.value > 0
        }?.timestamp
        return .init(
            table: table, rows: sum(.rows), quarantined: sum(.quarantined), objects: sum(.objects),
            lastObject: lastObject, period: Self.period)
    }
}
