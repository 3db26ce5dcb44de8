import Foundation
import Testing

@testable import SluiceProcessing

/// Not a test: a measurement, run by hand in a release build, since a debug build says little about speed.
///
///     SLUICE_JSON_BENCH=1 swift test -c release --filter JSONBenchmark
@Suite(
    "JSON parser throughput", .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["SLUICE_JSON_BENCH"] != nil))
struct JSONBenchmarkTests {
    /// A Lambda function's structured log line, about 420 bytes.
    static let line =
        #"{"timestamp":"2024-01-02T03:04:05.678Z","level":"INFO","requestId":"79b4f56e-95b1-4643-9700-2807f4e68189","#
        + #""message":"order placed for customer 4711 after 3 retries","http":{"request":{"status":200,"#
        + #""method":"POST","path":"/v1/orders?limit=20&page=3","userAgent":"Mozilla/5.0 (X11; Linux x86_64)"},"#
        + #""latency_ms":12.5},"order":{"id":123456789012,"items":["a","b","c"],"paid":true},"region":"eu-west-1"}"#

    /// The columns a table of these lines would declare.
    static let columns: [(String, ColumnType)] = [
        ("timestamp", .timestamp), ("level", .string), ("requestId", .string), ("http.request.status", .int),
        ("http.request.path", .string), ("http.latency_ms", .double), ("order.id", .bigint), ("order.paid", .boolean),
    ]

    @Test("1,000,000 lines: parsed only, and parsed with eight columns read", arguments: [false, true])
    func lines(readColumns: Bool) throws {
        let count = 1_000_000
        let readers = try Self.columns.map { try JSONFormat.reader(FieldPath(parsing: $0.0), for: $0.1) }
        let name = readColumns ? "parse and read 8 columns" : "parse"
        let records = ParserThroughput.measure("JSON \(name)", line: Self.line, count: count) { line in
            guard case .success(let record) = JSONFormat.parse(line) else { return nil }
            var checksum = record.nodes.count
            if readColumns {
                for reader in readers {
                    if case .success(let value) = reader.read(record), case .int(let number) = value {
                        checksum &+= Int(truncatingIfNeeded: number)
                    }
                }
            }
            return checksum
        }
        #expect(records == count)
    }
}
