import Foundation
import Testing

@testable import SluiceProcessing

/// Not a test: a measurement, run by hand in a release build, since a debug build says little about speed.
///
///     SLUICE_HAPROXY_BENCH=1 swift test -c release --filter HAProxyBenchmark
@Suite(
    "HAProxy parser throughput", .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["SLUICE_HAPROXY_BENCH"] != nil))
struct HAProxyBenchmarkTests {
    static let captures = " 0/0 {shop.example.com|Mozilla/5.0 (X11; Linux x86_64)} "

    @Test(
        "1,000,000 httplog lines",
        arguments: [
            ("plain", HAProxyLines.http),
            (
                "syslog prefix and captures",
                HAProxyLines.bsdPrefix + substituting(" 0/0 ", with: captures, in: HAProxyLines.http)
            ),
        ])
    func httpLines(name: String, line: String) {
        let count = 1_000_000
        let records = ParserThroughput.measure("HAProxy \(name)", line: line, count: count) { line in
            line.withUnsafeBufferPointer { bytes in
                guard case .success(let record) = HAProxyParser.parse(bytes, format: .http) else { return nil }
                return record.bytesRead &+ (record.path?.utf8.count ?? 0)
            }
        }
        #expect(records == count)
    }
}
