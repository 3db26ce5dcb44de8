/// One input of the `firehose` fuzz target (Fuzz/FuzzFirehoseObject), here so that the unit tests replay the
/// seed corpus and every crash found through the same code.
package enum ObjectFuzzInput {
    /// Runs `input` through the processor and returns what is wrong with the run's accounting, or nil. The
    /// first byte chooses the format (bit 0: lines or CloudWatch Logs documents), whether the rest is gzipped
    /// first (bit 1: so the line and document splitters see arbitrary text) or read as it is (so the gzip
    /// reader sees arbitrary bytes), and the chunk size (bits 2 to 5: 1 byte to 32 KiB).
    package static func run(_ input: [UInt8]) -> String? {
        guard let control = input.first else { return nil }
        let format: FirehoseObjectFormat = control & 1 == 0 ? .lines : .cloudWatchDocuments
        var object = Array(input.dropFirst())
        if control & 2 != 0 {
            let writer = GzipWriter()
            writer.write(object)
            writer.finish()
            object = writer.drain()
        }
        let chunk = 1 << Int(control >> 2 & 0x0f)
        let processor = ObjectProcessor(
            inputKey: "raw/fuzz.gz", format: format,
            keys: OutputKeys(tablePrefix: "tables/fuzz/", quarantinePrefix: "quarantine/fuzz/"),
            writer: GzipNDJSONWriter(columns: ["length"]),
            // Small: quicker under the sanitizer, and output often ends mid-line.
            inflateSize: 1024
        ) { line, _ in
            line.count % 3 == 0
                ? .failure(LineFailure("a third of the lines fail"))
                : .success((Row([.int(Int64(line.count))]), "dt=2024-01-01"))
        }
        var offset = 0
        while offset < object.count {
            let end = min(offset + chunk, object.count)
            object[offset..<end].withUnsafeBytes { processor.feed($0) }
            _ = processor.takeReady(minimumBytes: 4096)
            offset = end
        }
        return processor.finish().summary.accountingProblem(objectSize: object.count)
    }
}
