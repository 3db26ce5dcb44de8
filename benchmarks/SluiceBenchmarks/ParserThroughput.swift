import Foundation

/// The measurement the parser benchmarks share (HAProxy, NCSA, JSON): `count` copies of one line in one buffer,
/// each parsed in turn on the clock, and a line of figures printed.
enum ParserThroughput {
    /// Parses `count` copies of `line`, each handed to `parse` as a slice of the buffer without its newline;
    /// `parse` returns what the line adds to a checksum (so the work cannot be optimized away), nil when it did
    /// not parse. Prints `label`, the lines parsed, MB/s and lines/s; returns the lines parsed.
    static func measure(
        _ label: String, line: String, count: Int = 1_000_000, parse: (ArraySlice<UInt8>) -> Int?
    ) -> Int {
        let lineBytes = Array((line + "\n").utf8)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(lineBytes.count * count)
        for _ in 0..<count { buffer.append(contentsOf: lineBytes) }

        var records = 0
        var checksum = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            var start = 0
            while start < buffer.count {
                var end = start
                while buffer[end] != 0x0A { end += 1 }
                if let sum = parse(buffer[start..<end]) {
                    records += 1
                    checksum &+= sum
                }
                start = end + 1
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let megabytes = Double(buffer.count) / 1_000_000
        let summary = String(
            format: "%.1f MB in %.3f s: %.0f lines/s, %.0f MB/s", megabytes, seconds,
            Double(count) / seconds, megabytes / seconds)
        print("\(label): \(records) lines, \(summary) (checksum \(checksum))")
        return records
    }
}
