import Foundation
import Logging
import SluiceJSON

/// The CloudWatch calls `sluice status` makes (alarm states, the processor's metrics) and the one tests and
/// `sluice dev` use to force an alarm's state, over AWS's JSON 1.0 protocol (which CloudWatch and moto both
/// answer, with timestamps as epoch seconds).
package struct CloudWatchClient: AWSServiceClient {
    package static let service = "monitoring"

    package let rpc: AWSJSONProtocol

    package init(client: AWSClient) {
        rpc = AWSJSONProtocol(
            client: client, serviceLabel: "CloudWatch", targetPrefix: "GraniteServiceVersion20100801")
    }

    /// A client with the region, credentials, endpoint and retry settings the environment gives: a local endpoint
    /// from `AWS_ENDPOINT_URL_CLOUDWATCH` (the SDKs' name, after the service id), `AWS_ENDPOINT_URL_MONITORING`
    /// (after the endpoint prefix, as the other clients read theirs) or `AWS_ENDPOINT_URL`.
    package static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, transport: any HTTPTransport,
        logger: Logger
    ) throws -> CloudWatchClient {
        var environment = environment
        if let sdkName = environment["AWS_ENDPOINT_URL_CLOUDWATCH"], !sdkName.isEmpty {
            environment["AWS_ENDPOINT_URL_MONITORING"] = sdkName
        }
        return CloudWatchClient(
            client: try AWSClient.fromEnvironment(
                service: service, environment, transport: transport, logger: logger))
    }

    /// Every metric and composite alarm whose name starts with `namePrefix` (all alarms when nil), every page read.
    package func describeAlarms(namePrefix: String?) async throws -> [CloudWatchAlarm] {
        var alarms: [CloudWatchAlarm] = []
        var token: String?
        var seen: Set<String> = []
        repeat {
            var input: [String: JSONValue] = [
                "AlarmTypes": ["MetricAlarm", "CompositeAlarm"], "MaxRecords": 100,
            ]
            if let namePrefix { input["AlarmNamePrefix"] = .string(namePrefix) }
            if let token { input["NextToken"] = .string(token) }
            let output = try await rpc.call("DescribeAlarms", input)
            for (member, kind) in [("MetricAlarms", CloudWatchAlarm.Kind.metric), ("CompositeAlarms", .composite)] {
                for item in output[member]?.arrayValue ?? [] { alarms.append(try Self.alarm(item, kind)) }
            }
            token = try Self.nextToken(output, seen: &seen, operation: "CloudWatch.DescribeAlarms")
        } while token != nil
        return alarms
    }

    /// The datapoints of each query in `start..<end`, by query id, oldest first, every page merged.
    /// - Throws: `CloudWatchArgumentError` for queries CloudWatch would refuse, before anything is sent.
    package func getMetricData(queries: [MetricDataQuery], start: Date, end: Date) async throws
        -> [String: [MetricDatapoint]]
    {
        try Self.check(queries, start: start, end: end)
        var results: [String: [MetricDatapoint]] = [:]
        for query in queries where query.returnData { results[query.id] = [] }
        var token: String?
        var seen: Set<String> = []
        let operation = "CloudWatch.GetMetricData"
        repeat {
            var input: [String: JSONValue] = [
                "MetricDataQueries": .array(queries.map(Self.json)),
                "StartTime": JSONValue(start.timeIntervalSince1970), "EndTime": JSONValue(end.timeIntervalSince1970),
                "ScanBy": "TimestampAscending",
            ]
            if let token { input["NextToken"] = .string(token) }
            let output = try await rpc.call("GetMetricData", input)
            for item in output["MetricDataResults"]?.arrayValue ?? [] {
                guard let id = item["Id"]?.stringValue else {
                    throw AWSMalformedAnswerError(operation: operation, detail: "a result has no Id")
                }
                let times = item["Timestamps"]?.arrayValue ?? []
                let values = item["Values"]?.arrayValue ?? []
                guard times.count == values.count else {
                    throw AWSMalformedAnswerError(
                        operation: operation,
                        detail: "result \(id) has \(times.count) timestamps and \(values.count) values")
                }
                for (time, value) in zip(times, values) {
                    guard let date = AWSTimestamp.date(time), let number = value.doubleValue else {
                        throw AWSMalformedAnswerError(
                            operation: operation, detail: "result \(id) has a datapoint that is not a time and a number"
                        )
                    }
                    results[id, default: []].append(MetricDatapoint(timestamp: date, value: number))
                }
            }
            token = try Self.nextToken(output, seen: &seen, operation: operation)
        } while token != nil
        return results.mapValues { $0.sorted { $0.timestamp < $1.timestamp } }
    }

    /// The states an alarm can be set to.
    package static let alarmStates: Set<String> = ["OK", "ALARM", "INSUFFICIENT_DATA"]

    /// Sets an alarm's state until its next evaluation (tests, and `sluice dev`, use it to see a page through).
    /// - Throws: `CloudWatchArgumentError` for a state that is not one of `alarmStates` or a reason over 1023
    ///   characters; `AWSServiceError` `ResourceNotFound` for an unknown alarm.
    package func setAlarmState(name: String, state: String, reason: String) async throws {
        guard Self.alarmStates.contains(state) else {
            throw CloudWatchArgumentError(
                "alarm state must be one of \(Self.alarmStates.sorted().joined(separator: ", ")), not \(state)")
        }
        guard reason.count <= 1023 else {
            throw CloudWatchArgumentError("an alarm state reason holds at most 1023 characters, not \(reason.count)")
        }
        _ = try await rpc.call(
            "SetAlarmState",
            ["AlarmName": .string(name), "StateValue": .string(state), "StateReason": .string(reason)])
    }

    private static func alarm(_ item: JSONValue, _ kind: CloudWatchAlarm.Kind) throws -> CloudWatchAlarm {
        guard let name = item["AlarmName"]?.stringValue, let state = item["StateValue"]?.stringValue else {
            throw AWSMalformedAnswerError(
                operation: "CloudWatch.DescribeAlarms", detail: "an alarm has no AlarmName or StateValue")
        }
        return CloudWatchAlarm(
            name: name, kind: kind, state: state, stateReason: item["StateReason"]?.stringValue,
            stateUpdated: AWSTimestamp.date(item["StateUpdatedTimestamp"]),
            description: item["AlarmDescription"]?.stringValue, namespace: item["Namespace"]?.stringValue,
            metricName: item["MetricName"]?.stringValue)
    }

    /// The next page's token; a token seen before would page forever, so it is an error.
    private static func nextToken(_ output: [String: JSONValue], seen: inout Set<String>, operation: String) throws
        -> String?
    {
        guard let token = output["NextToken"]?.stringValue, !token.isEmpty else { return nil }
        guard seen.insert(token).inserted else {
            throw AWSMalformedAnswerError(operation: operation, detail: "NextToken \(token) repeats an earlier page's")
        }
        return token
    }

    private static func json(_ query: MetricDataQuery) -> JSONValue {
        var members: [String: JSONValue] = ["Id": .string(query.id), "ReturnData": .bool(query.returnData)]
        switch query.source {
        case .metric(let namespace, let metricName, let dimensions, let stat, let period):
            let metric: JSONValue = [
                "Namespace": .string(namespace), "MetricName": .string(metricName),
                "Dimensions": .array(dimensions.map { ["Name": .string($0.name), "Value": .string($0.value)] }),
            ]
            members["MetricStat"] = ["Metric": metric, "Period": .int(period), "Stat": .string(stat)]
        case .expression(let expression, let period):
            members["Expression"] = .string(expression)
            if let period { members["Period"] = .int(period) }
        }
        return .object(members)
    }

    private static func check(_ queries: [MetricDataQuery], start: Date, end: Date) throws {
        guard (1...500).contains(queries.count) else {
            throw CloudWatchArgumentError("GetMetricData takes 1 to 500 queries, not \(queries.count)")
        }
        guard start < end else { throw CloudWatchArgumentError("the metric window's start is not before its end") }
        var ids: Set<String> = []
        for query in queries {
            let valid =
                query.id.first.map { $0.isASCII && $0.isLowercase } == true && query.id.count <= 255
                && query.id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            guard valid else {
                throw CloudWatchArgumentError(
                    "metric query id \(query.id) must start with a lower-case letter and hold only letters, digits, _")
            }
            guard ids.insert(query.id).inserted else {
                throw CloudWatchArgumentError("metric query id \(query.id) is used twice")
            }
            let period: Int?
            switch query.source {
            case .metric(_, _, let dimensions, let stat, let seconds):
                guard dimensions.count <= 30, !stat.isEmpty else {
                    throw CloudWatchArgumentError(
                        "metric query \(query.id) needs a statistic and at most 30 dimensions")
                }
                period = seconds
            case .expression(let expression, let seconds):
                guard !expression.isEmpty else {
                    throw CloudWatchArgumentError("metric query \(query.id) has an empty expression")
                }
                period = seconds
            }
            if let period, !([1, 5, 10, 20, 30].contains(period) || (period > 0 && period % 60 == 0)) {
                throw CloudWatchArgumentError(
                    "metric query \(query.id) period \(period) s is not 1, 5, 10, 20, 30 or a multiple of 60")
            }
        }
    }
}
