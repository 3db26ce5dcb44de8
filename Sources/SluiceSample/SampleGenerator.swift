/// Writes deterministic synthetic Firehose objects of access-log traffic, in any log format Sluice reads (see
/// `SampleLineWriters`), and the directory of the accounts and integrations they name, for trying a pipeline
/// locally.
///
/// The same options give the same bytes on every platform: the numbers come from `SplitMix64`, the calendar and
/// the JSON are written by hand, and the arithmetic is integer or IEEE's exactly rounded double operations, never
/// a C library function such as `log`, whose last bits vary.
/// The object is streamed: compressed bytes go to the sink in chunks of at most `SampleOptions.chunkBytes` as
/// they are made, so a sample of many gigabytes needs no more memory than a small one.
package struct SampleGenerator: Sendable {
    package let options: SampleOptions
    /// The directory the requests refer to (but for the deliberately unknown accounts).
    package let directory: SampleDirectory

    /// Throws `SampleError.invalidOption` for an option out of range.
    package init(options: SampleOptions) throws(SampleError) {
        try options.validate()
        self.options = options
        directory = SampleDirectory(
            seed: options.seed, accountCount: options.accountCount, integrationCount: options.integrationCount)
    }

    /// Writes the object, handing each chunk of compressed bytes to `sink` in order; their concatenation is the
    /// object. A sink that throws stops the writing, and the error comes out of here.
    @discardableResult
    package func write(to sink: ([UInt8]) throws -> Void) rethrows -> SampleStats {
        var lines = SampleLineSource(options: options)
        let encoder = FirehoseObjectEncoder(options: options)
        var stats = SampleStats()
        var line: [UInt8] = []
        line.reserveCapacity(1024)
        for _ in 0..<options.lines {
            let written = lines.next(into: &line)
            let timestamp = written.timestamp
            encoder.append(line, timestamp: timestamp)
            stats.lines += 1
            if written.cut { stats.truncatedLines += 1 }
            switch written.kind {
            case .good: break
            case .unknownAccount: stats.unknownAccountLines += 1
            case .malformed: stats.malformedLines += 1
            }
            if stats.firstTimestamp == nil { stats.firstTimestamp = timestamp }
            stats.lastTimestamp = timestamp
            while let chunk = encoder.nextChunk() {
                try sink(chunk)
                stats.compressedBytes += chunk.count
            }
        }
        encoder.finish()
        while let chunk = encoder.nextChunk() {
            try sink(chunk)
            stats.compressedBytes += chunk.count
        }
        stats.uncompressedBytes = encoder.uncompressedBytes
        stats.documents = encoder.dataMessages
        stats.controlMessages = encoder.controlMessages
        return stats
    }

    /// The directory as JSON (see `SampleDirectory.json()`).
    package func directoryJSON() -> [UInt8] {
        directory.json()
    }
}
