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
        let lineBytes = Array((line + "\n").utf8)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(lineBytes.count * count)
        for _ in 0..<count { buffer.append(contentsOf: lineBytes) }

        var records = 0
        var checksum = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            buffer.withUnsafeBufferPointer { all in
                var start = 0
                while start < all.count {
                    var end = start
                    while all[end] != 0x0A { end += 1 }
                    switch NCSAParser.parse(UnsafeBufferPointer(rebasing: all[start..<end]), layout: .combined) {
                    case .success(let record):
                        records += 1
                        checksum &+= Int(record.bytesSent ?? 0) &+ (record.path?.utf8.count ?? 0)
                    case .failure: break
                    }
                    start = end + 1
                }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let megabytes = Double(buffer.count) / 1_000_000
        let summary = String(
            format: "%.1f MB in %.3f s: %.0f lines/s, %.0f MB/s", megabytes, seconds,
            Double(count) / seconds, megabytes / seconds)
        print("NCSA \(name): \(records) lines, \(summary) (checksum \(checksum))")
        #expect(records == count)
    }
}
