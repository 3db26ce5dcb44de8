import Testing

@testable import SluiceParquet
@testable import SluiceProcessing

/// The processor's Parquet lake writer: one file per partition, rows read by position, values its columns cannot
/// hold counted rather than lost unseen.
@Suite("Parquet row writer")
struct ParquetRowWriterTests {
    static let columns: [(name: String, type: String)] = [
        ("s", "string"), ("i", "int"), ("b", "bigint"), ("d", "double"), ("f", "boolean"), ("t", "timestamp"),
        ("dt", "date"),
    ]

    static func row(_ index: Int) -> Row {
        Row([
            .string("value \(index % 10)"), .int(Int64(index)), .int(Int64(index) << 40),
            index % 3 == 0 ? .null : .double(Double(index) / 4), .bool(index % 2 == 0),
            .timestamp(1_700_000_000_000 + Int64(index)), .date(Int32(19_000 + index % 2)),
        ])
    }

    @Test("one file per partition, row groups drained as they complete, every partition finished")
    func partitions() throws {
        var writer = try ParquetRowWriter(
            columns: Self.columns, compression: .snappy, createdBy: "sluice version test",
            options: .init(rowGroupBytes: 32 * 1024))
        #expect(writer.fileExtension == "parquet")
        var files: [String: [UInt8]] = [:]
        for index in 0..<20_000 {
            writer.write(Self.row(index), partition: index % 4 == 0 ? "dt=2024-01-01" : "dt=2024-01-02")
            for (partition, bytes) in writer.drain(minimumBytes: 64 * 1024) { files[partition, default: []] += bytes }
        }
        #expect(!files.isEmpty, "nothing was handed out before finish")
        let finished = writer.finish()
        #expect(finished.map(\.partition) == ["dt=2024-01-01", "dt=2024-01-02"])
        for (partition, bytes) in finished { files[partition, default: []] += bytes }
        #expect(try ParquetFileCheck.check(files["dt=2024-01-01"]!).rows == 5_000)
        #expect(try ParquetFileCheck.check(files["dt=2024-01-02"]!).rows == 15_000)
        #expect(writer.rejectedValues == 0)
    }

    @Test("an int outside 32 bits, or a value of another kind, is written as null and counted")
    func rejections() throws {
        var writer = try ParquetRowWriter(
            columns: [("i", "int"), ("s", "string")], compression: .zstd, createdBy: "test")
        writer.write(Row([.int(1 << 40), .int(3)]), partition: "p")
        writer.write(Row([.int(7), .string("ok")]), partition: "p")
        // A row shorter than the columns: the missing ones are null, not rejected.
        writer.write(Row([.int(8)]), partition: "p")
        #expect(writer.rejectedValues == 2)
        #expect(writer.firstRejection == "column i: 1099511627776 does not fit an int (32 bits)")
        let file = writer.finish()[0].bytes
        #expect(try ParquetFileCheck.check(file).rows == 3)
    }

    @Test("a column type Parquet has no mapping for is refused, naming the column")
    func unknownType() {
        #expect(throws: ParquetSchemaError.self) {
            _ = try ParquetRowWriter(columns: [("m", "map<string,int>")], compression: .snappy, createdBy: "test")
        }
        let error = ParquetSchemaError(column: "m", type: "map<string,int>")
        #expect(error.description.hasPrefix("column m: type \"map<string,int>\" cannot be written to Parquet"))
    }
}
