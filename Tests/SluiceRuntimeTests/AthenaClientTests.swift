import Foundation
import Logging
import SluiceJSON
import Testing

@testable import SluiceRuntime

private func json(_ object: [String: Any]) -> FaultInjectingServer.Reply {
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    return .respond(
        status: 200, headers: ["Content-Type": "application/x-amz-json-1.1"],
        body: String(decoding: data, as: UTF8.self))
}

private func page(_ rows: [[String?]], next: String?) -> FaultInjectingServer.Reply {
    var output: [String: Any] = [
        "ResultSet": [
            "Rows": rows.map { ["Data": $0.map { $0.map { ["VarCharValue": $0] } ?? [:] }] },
            "ResultSetMetadata": ["ColumnInfo": [["Name": "account_id"], ["Name": "account_name"]]],
        ] as [String: Any]
    ]
    if let next { output["NextToken"] = next }
    return json(output)
}

private func action(_ request: HTTPMessage) -> String {
    request.header("X-Amz-Target")?.replacingOccurrences(of: "AmazonAthena.", with: "") ?? ""
}

private func input(_ request: HTTPMessage) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
}

@Suite("Athena client against a fault-injecting local server")
struct AthenaClientTests {
    @Test("a query runs to the end: throttling retried, state polled, every page read, the header row dropped once")
    func runsAndPages() async throws {
        let server = try FaultInjectingServer { request, number in
            switch action(request) {
            case "StartQueryExecution" where number == 0:
                .respond(
                    status: 400,
                    body: #"{"__type":"com.amazonaws.athena#TooManyRequestsException","message":"Rate exceeded"}"#)
            case "StartQueryExecution": json(["QueryExecutionId": "q-1"])
            case "GetQueryExecution" where number < 4: json(["QueryExecution": ["Status": ["State": "RUNNING"]]])
            case "GetQueryExecution": json(["QueryExecution": ["Status": ["State": "SUCCEEDED"]]])
            case "GetQueryResults" where input(request)["NextToken"] == nil:
                page([["account_id", "account_name"], ["a-1", "One"]], next: "t-2")
            default: page([["a-2", nil]], next: nil)
            }
        }
        defer { server.stop() }
        let athena = AthenaClient(client: client("athena", server))
        let rows = try await athena.run(
            sql: "SELECT 1 WHERE k IN (?, ?)", workGroup: "wg", parameters: ["'a-1'", "'a-2'"], pollInterval: 0.001)
        #expect(rows.count == 2)
        #expect(rows[0]["account_id"] == "a-1" && rows[0]["account_name"] == "One")
        #expect(rows[1]["account_id"] == "a-2" && rows[1]["account_name"] == .some(nil))
        let start = input(server.requests[1])
        #expect(
            start["WorkGroup"] as? String == "wg" && start["ExecutionParameters"] as? [String] == ["'a-1'", "'a-2'"])
        #expect(server.requests.map(action).filter { $0 == "GetQueryResults" }.count == 2)
        #expect(server.requests.allSatisfy { $0.header("Content-Type") == "application/x-amz-json-1.1" })
    }

    @Test("a failed query is an error carrying Athena's reason")
    func failedQuery() async throws {
        let server = try FaultInjectingServer { request, _ in
            action(request) == "StartQueryExecution"
                ? json(["QueryExecutionId": "q-2"])
                : json([
                    "QueryExecution": ["Status": ["State": "FAILED", "StateChangeReason": "TABLE_NOT_FOUND: accounts"]]
                ])
        }
        defer { server.stop() }
        await #expect(throws: AthenaError.queryFailed(id: "q-2", state: "FAILED", reason: "TABLE_NOT_FOUND: accounts"))
        {
            _ = try await AthenaClient(client: client("athena", server)).run(sql: "SELECT 1", workGroup: "wg")
        }
    }

    @Test("a query that never finishes times out")
    func timesOut() async throws {
        let server = try FaultInjectingServer { request, _ in
            action(request) == "StartQueryExecution"
                ? json(["QueryExecutionId": "q-3"]) : json(["QueryExecution": ["Status": ["State": "QUEUED"]]])
        }
        defer { server.stop() }
        await #expect(throws: AthenaError.timedOut(id: "q-3", seconds: 0.05)) {
            _ = try await AthenaClient(client: client("athena", server)).run(
                sql: "SELECT 1", workGroup: "wg", timeout: 0.05, pollInterval: 0.01)
        }
    }
}

@Suite("Structured logs")
struct JSONLogHandlerTests {
    @Test("one JSON object a line, with metadata, level filtering from LOG_LEVEL, and escaping")
    func lines() throws {
        let lines = LogLines()
        let level = JSONLogHandler.level(fromEnvironment: ["LOG_LEVEL": "WARN"])
        #expect(level == .warning)
        var logger = JSONLogHandler.logger(level: level, sink: { lines.append($0) })
        logger[metadataKey: "pipeline"] = "p"
        logger.info("dropped")
        var request = logger
        request[metadataKey: "request_id"] = "r"
        request.warning(
            "slow \"down\"\n",
            metadata: [
                "attempt": .stringConvertible(2), "damaged": .stringConvertible(false),
                "ratio": .stringConvertible(0.5),
                "nested": ["list": ["a"]],
            ])
        #expect(lines.lines.count == 1)
        let line = try #require(lines.lines.first)
        // Sluice's line, byte for byte but for the time: keys sorted, numbers and flags as JSON.
        let timestamp = try #require(try JSONValue(parsing: line)["timestamp"]?.stringValue)
        #expect(
            line == #"{"attempt":2,"damaged":false,"level":"warning","message":"slow \"down\"\n","#
                + #""nested":{"list":["a"]},"pipeline":"p","ratio":0.5,"request_id":"r","timestamp":""#
                + timestamp + #""}"#)
        #expect(timestamp.count == 24 && timestamp.hasSuffix("Z"))
        #expect(JSONLogHandler.level(fromEnvironment: [:]) == .info)
        #expect(JSONLogHandler.level(fromEnvironment: ["LOG_LEVEL": "Debug"]) == .debug)
        #expect(JSONLogHandler.level(fromEnvironment: ["LOG_LEVEL": "loud"]) == .info)
    }
}
