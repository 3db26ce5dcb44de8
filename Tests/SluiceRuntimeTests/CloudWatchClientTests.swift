import Foundation
import Testing

@testable import SluiceRuntime

private func alarm(_ name: String, state: String = "OK", updated: Double = 1_700_000_000.5) -> [String: Any] {
    [
        "AlarmName": name, "StateValue": state, "StateReason": "Threshold Crossed", "StateUpdatedTimestamp": updated,
        "AlarmDescription": "runbook #p-\(name)", "Namespace": "Sluice", "MetricName": "Rows",
        "Dimensions": [["Name": "Pipeline", "Value": "p"]],
    ]
}

private let rows = MetricDataQuery.metric(
    id: "rows", namespace: "Sluice", metricName: "Rows", dimensions: [("Pipeline", "p"), ("Table", "t")], stat: "Sum",
    periodSeconds: 3600)

@Suite("CloudWatch client against a fault-injecting local server")
struct CloudWatchClientTests {
    @Test("DescribeAlarms reads three pages of metric and composite alarms, through throttling, 5xx and a drop")
    func describeAlarmsPages() async throws {
        let server = try FaultInjectingServer { request, number in
            // The drop comes first, on a fresh connection: a POST dropped on a reused keep-alive connection makes
            // libcurl resend it on a new one, and corelibs-foundation then waits for the body until the request
            // timeout (10 s here) before failing; the retry after that succeeds, but slowly.
            switch (number, jsonInput(request)["NextToken"] as? String) {
            case (0, _): .dropConnection
            case (1, _):
                .respond(
                    status: 400, body: #"{"__type":"com.amazonaws.cloudwatch#Throttling","message":"Rate exceeded"}"#)
            case (2, _): .respond(status: 503, body: "")
            case (_, nil): jsonAnswer(["MetricAlarms": [alarm("p-lambda-errors", state: "ALARM")], "NextToken": "t2"])
            case (_, "t2"):
                jsonAnswer([
                    "MetricAlarms": [] as [Any],
                    "CompositeAlarms": [["AlarmName": "p-any", "StateValue": "INSUFFICIENT_DATA"]], "NextToken": "t3",
                ])
            default: jsonAnswer(["MetricAlarms": [alarm("p-no-rows")]])
            }
        }
        defer { server.stop() }
        let cloudWatch = CloudWatchClient(client: client("monitoring", server, attempts: 5))
        let alarms = try await cloudWatch.describeAlarms(namePrefix: "p-")
        #expect(alarms.map(\.name) == ["p-lambda-errors", "p-any", "p-no-rows"])
        #expect(alarms.map(\.kind) == [.metric, .composite, .metric])
        #expect(alarms.map(\.state) == ["ALARM", "INSUFFICIENT_DATA", "OK"])
        #expect(alarms[0].isInAlarm && !alarms[2].isInAlarm)
        #expect(
            alarms[0]
                == CloudWatchAlarm(
                    name: "p-lambda-errors", kind: .metric, state: "ALARM", stateReason: "Threshold Crossed",
                    stateUpdated: Date(timeIntervalSince1970: 1_700_000_000.5),
                    description: "runbook #p-p-lambda-errors",
                    namespace: "Sluice", metricName: "Rows"))
        let requests = server.requests
        #expect(requests.count == 6)
        #expect(requests.allSatisfy { $0.header("X-Amz-Target") == "GraniteServiceVersion20100801.DescribeAlarms" })
        #expect(requests.allSatisfy { $0.header("Content-Type") == "application/x-amz-json-1.0" && $0.target == "/" })
        #expect(requests.allSatisfy { isSigned($0, service: "monitoring") })
        let first = jsonInput(requests[0])
        #expect(first["AlarmNamePrefix"] as? String == "p-" && first["NextToken"] == nil)
        #expect(first["AlarmTypes"] as? [String] == ["MetricAlarm", "CompositeAlarm"])
        #expect(requests.suffix(2).map { jsonInput($0)["NextToken"] as? String } == ["t2", "t3"])
    }

    @Test("GetMetricData sends metric and expression queries and merges three pages by id, oldest first")
    func getMetricDataPages() async throws {
        let server = try FaultInjectingServer { request, _ in
            switch jsonInput(request)["NextToken"] as? String {
            case nil:
                jsonAnswer([
                    "MetricDataResults": [
                        [
                            "Id": "rows", "Timestamps": [7200, 3600], "Values": [20, 10.5], "StatusCode": "PartialData",
                        ],
                        ["Id": "ratio", "Timestamps": [] as [Any], "Values": [] as [Any]],
                    ],
                    "NextToken": "n2",
                ])
            case "n2":
                jsonAnswer([
                    "MetricDataResults": [["Id": "rows", "Timestamps": ["1970-01-01T00:00:00Z"], "Values": [1]]],
                    "NextToken": "n3",
                ])
            default: jsonAnswer(["MetricDataResults": [["Id": "ratio", "Timestamps": [3600], "Values": [0.25]]]])
            }
        }
        defer { server.stop() }
        let quarantined = MetricDataQuery(
            id: "quarantined",
            source: .metric(
                namespace: "Sluice", metricName: "Quarantined", dimensions: [("Pipeline", "p")], stat: "Sum",
                periodSeconds: 60),
            returnData: false)
        let ratio = MetricDataQuery(id: "ratio", source: .expression("quarantined / rows", periodSeconds: nil))
        let results = try await CloudWatchClient(client: client("monitoring", server)).getMetricData(
            queries: [rows, quarantined, ratio], start: Date(timeIntervalSince1970: 0),
            end: Date(timeIntervalSince1970: 86400))
        #expect(
            results["rows"]
                == [0, 3600, 7200].map { Date(timeIntervalSince1970: $0) }.enumerated().map {
                    MetricDatapoint(timestamp: $0.element, value: [1, 10.5, 20][$0.offset])
                })
        #expect(results["ratio"] == [MetricDatapoint(timestamp: Date(timeIntervalSince1970: 3600), value: 0.25)])
        #expect(results["quarantined"] == nil)
        let requests = server.requests
        #expect(requests.count == 3)
        #expect(requests.map { jsonInput($0)["NextToken"] as? String } == [nil, "n2", "n3"])
        let input = jsonInput(requests[0])
        #expect(input["StartTime"] as? Double == 0 && input["EndTime"] as? Double == 86400)
        let queries = try #require(input["MetricDataQueries"] as? [[String: Any]])
        let stat = try #require(queries[0]["MetricStat"] as? [String: Any])
        #expect(queries[0]["Id"] as? String == "rows" && queries[0]["ReturnData"] as? Bool == true)
        #expect(stat["Period"] as? Int == 3600 && stat["Stat"] as? String == "Sum")
        let metric = try #require(stat["Metric"] as? [String: Any])
        #expect(metric["Namespace"] as? String == "Sluice" && metric["MetricName"] as? String == "Rows")
        #expect(
            (metric["Dimensions"] as? [[String: String]])
                == [["Name": "Pipeline", "Value": "p"], ["Name": "Table", "Value": "t"]])
        #expect(queries[1]["ReturnData"] as? Bool == false)
        #expect(queries[2]["Expression"] as? String == "quarantined / rows" && queries[2]["MetricStat"] == nil)
    }

    @Test("SetAlarmState sends the alarm, state and reason; an unknown alarm is a ResourceNotFound, not retried")
    func setAlarmState() async throws {
        let server = try FaultInjectingServer { request, _ in
            jsonInput(request)["AlarmName"] as? String == "p-a"
                ? .respond(status: 200, body: "{}")
                : .respond(
                    status: 404, headers: ["X-Amzn-Errortype": "GraniteServiceVersion20100801#ResourceNotFound"],
                    body: #"{"__type":"GraniteServiceVersion20100801#ResourceNotFound","message":"no alarm"}"#)
        }
        defer { server.stop() }
        let cloudWatch = CloudWatchClient(client: client("monitoring", server))
        try await cloudWatch.setAlarmState(name: "p-a", state: "ALARM", reason: "test page")
        let input = jsonInput(try #require(server.requests.first))
        #expect(input as? [String: String] == ["AlarmName": "p-a", "StateValue": "ALARM", "StateReason": "test page"])
        #expect(server.requests.first?.header("X-Amz-Target") == "GraniteServiceVersion20100801.SetAlarmState")
        await #expect {
            try await cloudWatch.setAlarmState(name: "missing", state: "OK", reason: "r")
        } throws: { error in
            (error as? AWSServiceError).map {
                $0.code == "ResourceNotFound" && $0.message == "no alarm" && $0.attempts == 1
            }
                ?? false
        }
        #expect(server.requests.count == 2)
    }

    @Test("a query-protocol XML error answer decodes too")
    func xmlError() async throws {
        let server = try FaultInjectingServer { _, _ in
            .respond(
                status: 400,
                body: "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameterValue</Code>"
                    + "<Message>bad &amp; worse</Message></Error><RequestId>R-2</RequestId></ErrorResponse>")
        }
        defer { server.stop() }
        await #expect {
            _ = try await CloudWatchClient(client: client("monitoring", server)).describeAlarms(namePrefix: nil)
        } throws: { error in
            (error as? AWSServiceError).map { $0.code == "InvalidParameterValue" && $0.message == "bad & worse" }
                ?? false
        }
        #expect(server.requests.count == 1)
    }

    @Test("malformed answers are clear errors: not JSON, an alarm without a state, a repeated token, uneven datapoints")
    func malformedAnswers() async throws {
        let server = try FaultInjectingServer { request, _ in
            switch targetAction(request) {
            case "DescribeAlarms" where jsonInput(request)["AlarmNamePrefix"] as? String == "x":
                .respond(status: 200, body: "[1, 2")
            case "DescribeAlarms" where jsonInput(request)["AlarmNamePrefix"] as? String == "y":
                jsonAnswer(["MetricAlarms": [["AlarmName": "a"]]])
            case "DescribeAlarms": jsonAnswer(["MetricAlarms": [] as [Any], "NextToken": "same"])
            default: jsonAnswer(["MetricDataResults": [["Id": "rows", "Timestamps": [1, 2], "Values": [1]]]])
            }
        }
        defer { server.stop() }
        let cloudWatch = CloudWatchClient(client: client("monitoring", server))
        for prefix in ["x", "y", "z"] {
            await #expect(throws: AWSMalformedAnswerError.self) {
                _ = try await cloudWatch.describeAlarms(namePrefix: prefix)
            }
        }
        await #expect(throws: AWSMalformedAnswerError.self) {
            _ = try await cloudWatch.getMetricData(
                queries: [rows], start: Date(timeIntervalSince1970: 0), end: Date(timeIntervalSince1970: 60))
        }
    }

    @Test("queries CloudWatch would refuse are refused before anything is sent")
    func argumentChecks() async throws {
        let server = try FaultInjectingServer { _, _ in jsonAnswer([:]) }
        defer { server.stop() }
        let cloudWatch = CloudWatchClient(client: client("monitoring", server))
        let start = Date(timeIntervalSince1970: 0)
        let end = Date(timeIntervalSince1970: 60)
        func refused(_ queries: [MetricDataQuery], reversed: Bool = false) async -> Bool {
            do {
                _ = try await cloudWatch.getMetricData(
                    queries: queries, start: reversed ? end : start, end: reversed ? start : end)
                return false
            } catch { return error is CloudWatchArgumentError }
        }
        var badID = rows
        badID.id = "Rows"
        var badPeriod = rows
        badPeriod.source = .metric(namespace: "S", metricName: "M", dimensions: [], stat: "Sum", periodSeconds: 90)
        #expect(await refused([]))
        #expect(await refused([badID]))
        #expect(await refused([rows, rows]))
        #expect(await refused([badPeriod]))
        #expect(await refused([MetricDataQuery(id: "e", source: .expression("", periodSeconds: nil))]))
        #expect(await refused([rows], reversed: true))
        await #expect(throws: CloudWatchArgumentError.self) {
            try await cloudWatch.setAlarmState(name: "a", state: "alarm", reason: "r")
        }
        await #expect(throws: CloudWatchArgumentError.self) {
            try await cloudWatch.setAlarmState(name: "a", state: "OK", reason: String(repeating: "r", count: 1024))
        }
        #expect(server.requests.isEmpty)
    }

    @Test("the endpoint comes from AWS_ENDPOINT_URL_CLOUDWATCH, AWS_ENDPOINT_URL_MONITORING or AWS's regional one")
    func endpoints() throws {
        let base: [String: String] = [
            "AWS_REGION": "eu-west-1", "AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b",
        ]
        func endpoint(_ extra: [String: String]) throws -> String {
            try CloudWatchClient.fromEnvironment(
                base.merging(extra) { $1 }, transport: URLSessionTransport(), logger: JSONLogHandler.logger()
            ).rpc.client.endpoint.base.absoluteString
        }
        #expect(try endpoint([:]) == "https://monitoring.eu-west-1.amazonaws.com")
        #expect(try endpoint(["AWS_ENDPOINT_URL_MONITORING": "http://127.0.0.1:1"]) == "http://127.0.0.1:1")
        #expect(
            try endpoint(["AWS_ENDPOINT_URL_CLOUDWATCH": "http://127.0.0.1:2", "AWS_ENDPOINT_URL": "http://x:3"])
                == "http://127.0.0.1:2")
        let explicit = try CloudWatchClient.explicit(
            credentials: AWSCredentials(accessKeyID: "a", secretAccessKey: "b"), region: "us-east-1",
            transport: URLSessionTransport())
        #expect(explicit.rpc.client.endpoint.base.absoluteString == "https://monitoring.us-east-1.amazonaws.com")
        #expect(explicit.rpc.client.signer.service == "monitoring")
    }
}
