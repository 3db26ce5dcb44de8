import Foundation
import Testing

@testable import SluiceProcessing

/// Not a test: a measurement, run by hand in a release build, since a debug build says little about speed.
///
///     SLUICE_NCSA_BENCH=1 swift test -c release --filter NCSABenchmark
@Suite(
    "NCSA parser throughput", .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["SLUICE_NCSA_BENCH"] != nil))
struct NCSABenchmarkTests {
    @Test(
        "1,000,000 combined lines",
        arguments: [
            ("nginx", NCSALines.nginx),
            (
                "nginx, escaped UTF-8 user agent and extra",
                substituting("Firefox/122.0", with: #"K\xC3\xA4se/1.0" 0.012 "10.0.0.5:8080"#, in: NCSALines.nginx)
            ),
        ])
    func combinedLines(name: String, line: String) {
        let count = 1_000_000
        let records = ParserThroughput.measure("NCSA \(name)", line: line, count: count) { line in
            line.withUnsafeBufferPointer { bytes in
                guard case .success(let record) = NCSAParser.parse(bytes, layout: .combined) else { return nil }
                return Int(record.bytesSent ?? 0) &+ (record.path?.utf8.count ?? 0)
            }
        }
        #expect(records == count)
    }
}
