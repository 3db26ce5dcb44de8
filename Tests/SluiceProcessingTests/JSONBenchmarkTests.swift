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
        let lineBytes = Array((Self.line + "\n").utf8)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(lineBytes.count * count)
        for _ in 0..<count { buffer.append(contentsOf: lineBytes) }
        let readers = try Self.columns.map { try JSONFormat.reader(FieldPath(parsing: $0.0), for: $0.1) }

        var records = 0
        var checksum = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            var start = 0
            while start < buffer.count {
                var end = start
                while buffer[end] != 0x0A { end += 1 }
                if case .success(let record) = JSONFormat.parse(buffer[start..<end]) {
                    records += 1
                    checksum &+= record.nodes.count
                    if readColumns {
                        for reader in readers {
                            if case .success(let value) = reader.read(record), case .int(let number) = value {
                                checksum &+= Int(truncatingIfNeeded: number)
                            }
                        }
                    }
                }
                start = end + 1
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let megabytes = Double(buffer.count) / 1_000_000
        let summary = String(
            format: "%.1f MB in %.3f s: %.0f lines/s, %.0f MB/s", megabytes, seconds,
            Double(count) / seconds, megabytes / seconds)
        let name = readColumns ? "parse and read 8 columns" : "parse"
        print("JSON \(name): \(records) lines, \(summary) (checksum \(checksum))")
        #expect(records == count)
    }
}
