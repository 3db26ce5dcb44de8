import SluiceParquet

/// One input of the `firehose` fuzz target (Fuzz/FuzzFirehoseObject), here so that the unit tests replay the
/// seed corpus and every crash found through the same code.
package enum ObjectFuzzInput {
    /// Runs `input` through the processor and returns what is wrong with the run's accounting or its output, or
    /// nil. The first byte chooses the format (bit 0: lines or CloudWatch Logs documents), whether the rest is
    /// gzipped first (bit 1: so the line and document splitters see arbitrary text) or read as it is (so the gzip
    /// reader sees arbitrary bytes), the chunk size (bits 2 to 5: 1 byte to 32 KiB), and the lake format (bit 6:
    /// Parquet, with small row groups and pages, rows of two partitions whose files must re-read whole, or gzipped
    /// JSON).
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
        let parquet = control & 0x40 != 0
        let writer: any RowWriter
        if parquet {
            do {
                writer = try ParquetRowWriter(
                    columns: [("length", "bigint"), ("text", "string")], compression: .snappy,
                    createdBy: "sluice fuzz",
                    options: ParquetWriter.Options(rowGroupBytes: 4096, pageBytes: 1024, dictionaryBytes: 1024))
            } catch {
                return "the Parquet writer refused its schema: \(error)"
            }
        } else {
            writer = GzipNDJSONWriter(columns: ["length"])
        }
        var rowsByPartition: [String: Int64] = [:]
        let processor = ObjectProcessor(
            inputKey: "raw/fuzz.gz", format: format,
            keys: OutputKeys(tablePrefix: "tables/fuzz/", quarantinePrefix: "quarantine/fuzz/"), writer: writer,
            // Small: quicker under the sanitizer, and output often ends mid-line.
            inflateSize: 1024
        ) { line, _ in
            if line.count % 3 == 0 { return .failure(LineFailure("a third of the lines fail")) }
            let partition = line.count % 3 == 1 ? "dt=2024-01-01" : "dt=2024-01-02"
            rowsByPartition[partition, default: 0] += 1
            return .success(
                (Row([.int(Int64(line.count)), .string(String(decoding: line, as: UTF8.self))]), partition))
        }
        var written: [String: [UInt8]] = [:]
        var offset = 0
        while offset < object.count {
            let end = min(offset + chunk, object.count)
            object[offset..<end].withUnsafeBytes { processor.feed($0) }
            for (key, bytes) in processor.takeReady(minimumBytes: 4096) { written[key, default: []] += bytes }
            offset = end
        }
        let (tails, summary) = processor.finish()
        if let problem = summary.accountingProblem(objectSize: object.count) { return problem }
        if summary.rejectedValues != 0 { return "the writer rejected values: \(summary.json())" }
        guard parquet else { return nil }
        for (key, bytes) in tails { written[key, default: []] += bytes }
        for (partition, rows) in rowsByPartition {
            let key = "tables/fuzz/\(partition)/fuzz.parquet"
            guard let file = written[key] else { return "no file for \(partition)" }
            do {
                let read = try ParquetFileCheck.check(file)
                if read.rows != rows { return "\(key): \(read.rows) rows read back, \(rows) written" }
            } catch {
                return "\(key) does not re-read: \(error)"
            }
        }
        return nil
    }
}
