import Testing

@testable import SluiceProcessing

/// What `sluice new pipeline --from-log` proposes for a sample of JSON lines, and what `sluice logs parse`
/// prints for one.
@Suite("JSON lines: proposed columns and printed leaves")
struct JSONInferenceTests {
    static func propose(_ lines: [String]) throws -> [ProposedColumn] {
        JSONFormat.proposedColumns(try lines.map { try JSONLines.record($0) })
    }

    /// API Gateway (HTTP API) access logs in the JSON layout AWS's console suggests: `$context` values quoted,
    /// `-` for an absent one, so they stay strings; the epoch time is a number.
    static let apiGateway = [
        #"{"requestId":"Q1a2b3cDEF=","ip":"203.0.113.9","requestTime":"02/Jan/2024:03:04:05 +0000","#
            + #""requestTimeEpoch":1704164645678,"httpMethod":"GET","routeKey":"GET /items/{id}","status":"200","#
            + #""protocol":"HTTP/1.1","responseLength":"512","integrationLatency":"12"}"#,
        #"{"requestId":"Q9z8y7xWVU=","ip":"2001:db8::1","requestTime":"02/Jan/2024:03:04:06 +0000","#
            + #""requestTimeEpoch":1704164646001,"httpMethod":"POST","routeKey":"POST /items","status":"502","#
            + #""protocol":"HTTP/1.1","responseLength":"-","integrationLatency":"-"}"#,
    ]

    @Test("API Gateway access logs: names in snake_case with their from:, quoted numbers kept as strings")
    func apiGatewayColumns() throws {
        let columns = try Self.propose(Self.apiGateway)
        #expect(
            columns.map(\.name) == [
                "request_id", "ip", "request_time", "request_time_epoch", "http_method", "route_key", "status",
                "protocol", "response_length", "integration_latency", "truncated",
            ])
        #expect(
            columns.map(\.type) == [
                .string, .string, .string, .timestamp, .string, .string, .string, .string, .string, .string, .boolean,
            ])
        #expect(columns[0].from == "requestId")
        #expect(columns[1].from == nil)
        // The only time it holds as a value: the table's event_time (review: `sluice new pipeline` refused this
        // sample, proposing no timestamp column for a format that needs one).
        #expect(columns[3].comment == "e.g. 1704164645678 (epoch time)")
        #expect(columns[5].comment == "e.g. GET /items/{id}")
    }

    /// A Lambda function's structured log (its JSON log format, with the application's own nested fields).
    static let lambda = [
        #"{"timestamp":"2024-01-02T03:04:05.678Z","level":"INFO","#
            + #""requestId":"79b4f56e-95b1-4643-9700-2807f4e68189","message":"order placed","#
            + #""http":{"request":{"status":200,"method":"POST"},"latency_ms":12.5},"order":{"id":123456789012,"#
            + #""items":["a","b"],"paid":true},"day":"2024-01-02"}"#,
        #"{"timestamp":"2024-01-02T03:04:06.001Z","level":"ERROR","#
            + #""requestId":"0b9f6a52-1c1e-4a63-a2a0-9ad6c2b0e3d1","message":"payment failed","#
            + #""http":{"request":{"status":502,"method":"POST"},"latency_ms":830},"order":{"id":7,"items":[],"#
            + #""paid":false},"day":"2024-01-02","error":{"type":"Timeout","retryable":null}}"#,
    ]

    @Test("a Lambda structured log: nested objects flattened, types from the values, arrays as one string column")
    func lambdaColumns() throws {
        let columns = try Self.propose(Self.lambda)
        let expected: [(String, ColumnType, String?)] = [
            ("timestamp", .timestamp, nil), ("level", .string, nil), ("request_id", .string, "requestId"),
            ("message", .string, nil), ("http_request_status", .int, "http.request.status"),
            ("http_request_method", .string, "http.request.method"), ("http_latency_ms", .double, "http.latency_ms"),
            ("order_id", .bigint, "order.id"), ("order_items", .string, "order.items"),
            ("order_paid", .boolean, "order.paid"), ("day", .date, nil), ("error_type", .string, "error.type"),
            ("error_retryable", .string, "error.retryable"), ("truncated", .boolean, "$truncated"),
        ]
        #expect(columns.map(\.name) == expected.map(\.0))
        #expect(columns.map(\.type) == expected.map(\.1))
        #expect(columns.map(\.from) == expected.map(\.2))
        #expect(columns[8].comment == #"e.g. ["a","b"] (an array, as JSON)"#)
        #expect(columns[12].comment == "only null seen in the sample")
        // Every proposed from: reads back as the path it came from, and reads its value.
        for column in columns {
            let path = try FieldPath(parsing: column.from ?? column.name)
            let reader = try JSONFormat.reader(path, for: column.type)
            if case .failure(let failure) = reader.read(try JSONLines.record(Self.lambda[0])) {
                Issue.record("\(column.name): \(failure.reason)")
            }
        }
    }

    @Test("column names: snake_case, Glue's characters, a letter first, unique, not the partition's dt")
    func names() throws {
        #expect(JSONInference.columnName("HTTPStatus") == "http_status")
        #expect(JSONInference.columnName("userID") == "user_id")
        #expect(JSONInference.columnName("http.request.status") == "http_request_status")
        #expect(JSONInference.columnName(#"labels["app.kubernetes.io/name"]"#) == "labels_app_kubernetes_io_name")
        #expect(JSONInference.columnName("9lives") == "col_9lives")
        // Words Athena reserves in SELECT need quoting in every view; `time`, `date` and `user` are not among them.
        #expect(JSONInference.columnName("order") == "order_value")
        #expect(JSONInference.columnName("Group") == "group_value")
        #expect(JSONInference.columnName("end") == "end_value")
        #expect(JSONInference.columnName("time") == "time")
        #expect(JSONInference.columnName("user") == "user")
        #expect(JSONInference.columnName("order.id") == "order_id")
        #expect(JSONInference.columnName("ümlaut") == "mlaut")
        #expect(JSONInference.columnName("ü") == "column")
        #expect(JSONInference.columnName(String(repeating: "a", count: 300)).count == 255)
        let columns = try Self.propose([#"{"a_b":1,"a":{"b":2},"aB":3,"dt":"x","$weird key":true}"#])
        #expect(columns.map(\.name) == ["a_b", "a_b_2", "a_b_3", "dt_2", "weird_key", "truncated"])
        #expect(columns.map(\.from) == [nil, "a.b", "aB", "dt", #"["$weird key"]"#, "$truncated"])
        // A key named like the flag keeps its name; the flag takes another.
        #expect(try Self.propose([#"{"truncated":"no"}"#]).map(\.name) == ["truncated", "truncated_2"])
        // An empty key: no path names it or anything under it (found by the fuzzer).
        #expect(try Self.propose([#"{"":{"a":1},"b":2,"c":{"":3}}"#]).map(\.name) == ["b", "truncated"])
    }

    @Test("mixed kinds give a string; a number with a fraction anywhere a double; past 32 bits a bigint")
    func types() throws {
        let columns = try Self.propose([
            #"{"m":1,"d":1,"b":1,"t":"2024-01-02T03:04:05Z"}"#,
            #"{"m":"x","d":2.5,"b":4294967296,"t":"not a time"}"#,
        ])
        #expect(columns.map(\.type) == [.string, .double, .bigint, .string, .boolean])
    }

    @Test("integers beyond 64 bits are proposed as strings, keeping their digits; a double would round them")
    func hugeIntegers() throws {
        let columns = try Self.propose([
            #"{"id":123456789012345678901234567890,"neg":-9223372036854775809,"u":18446744073709551615,"e":1e30}"#,
            #"{"id":1,"neg":-1,"u":1,"e":1.5}"#,
        ])
        #expect(columns.map(\.type) == [.string, .string, .string, .double, .boolean])
    }

    @Test("with no RFC 3339 time, an integer column named like a time and holding epoch instants is the timestamp")
    func epochTime() throws {
        let seconds = try Self.propose([#"{"bytes":1704164645,"ts":1704164645,"created_at":1704164645}"#])
        #expect(seconds.map(\.type) == [.int, .timestamp, .int, .boolean])
        // A text time wins; a time-named number outside 2000-2099 is not one.
        let text = try Self.propose([#"{"ts":1704164645,"time":"2024-01-02T03:04:05Z"}"#])
        #expect(text.map(\.type) == [.int, .timestamp, .boolean])
        #expect(try Self.propose([#"{"time":42}"#]).map(\.type) == [.int, .boolean])
        #expect(try Self.propose([#"{"time":1704164645}"#, #"{"time":"x"}"#]).map(\.type) == [.string, .boolean])
    }

    @Test("at most 100 columns, the most frequent, in first-seen order")
    func capped() throws {
        // Key kN appears in N+1 lines of 150: the 99 kept are k51...k149, then the truncated flag.
        let lines = (0..<150).map { line in
            "{" + (0..<150).filter { $0 >= 149 - line }.map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}"
        }
        let columns = try Self.propose(lines)
        #expect(columns.count == 100)
        #expect(Set(columns.map(\.name)) == Set((51..<150).map { "k\($0)" } + ["truncated"]))
        #expect(columns.first?.name == "k149")
    }

    @Test("sluice logs parse prints every leaf by its path, then $truncated")
    func leaves() throws {
        let record = try JSONLines.record(
            #"{"a":{"b":[1,{"c":"x"}],"e":{}},"n":2.5,"t":true,"z":null,"big":1e400,"k.dot":"q"}"#)
        #expect(
            JSONFormat.leaves(record).json()
                == #"{"a.b[0]":1,"a.b[1].c":"x","a.e":"{}","n":2.5,"t":true,"z":null,"big":"1e400","#
                + #""[\"k.dot\"]":"q","$truncated":false}"#
        )
    }
}
