import Foundation
import Testing

@testable import SluiceParquet

/// Files the writer makes, re-read by ParquetFileCheck (the fuzz target's check): framing, row groups, pages.
@Suite("Parquet files re-read")
struct ParquetFileCheckTests {
    @Test("every type, nulls, many row groups and a dictionary overflow: the pages add up to the rows")
    func pagesAddUp() throws {
        let columns = ParquetColumnType.allCases.map { ParquetColumn(name: $0.rawValue, type: $0) }
        var writer = ParquetWriter(
            columns: columns, compression: .zstd, createdBy: "test",
            options: .init(rowGroupBytes: 16 * 1024, pageBytes: 1024, dictionaryBytes: 256))
        var file: [UInt8] = []
        for row in 0..<5000 {
            for (index, column) in columns.enumerated() where row % 7 != index {
                switch column.type {
                case .string: writer.append(column: index, string: "value \(row % 300)")
                case .int, .date: writer.append(column: index, int32: Int32(row % 50))
                case .bigint, .timestamp: writer.append(column: index, int64: Int64(row) * 1_000_003)
                case .double: writer.append(column: index, double: Double(row) / 3)
                case .boolean: writer.append(column: index, bool: row % 3 == 0)
                }
            }
            writer.endRow()
            file += writer.takeOutput()
        }
        file += writer.finish()
        let summary = try ParquetFileCheck.check(file)
        #expect(summary.rows == 5000 && summary.columns == columns.count)
        #expect(summary.rowGroups > 3 && summary.pages > summary.rowGroups * columns.count)
    }

    @Test("a damaged file does not check out")
    func damage() throws {
        var writer = ParquetWriter(columns: [ParquetColumn(name: "n", type: .int)], createdBy: "test")
        writer.append(column: 0, int32: 1)
        writer.endRow()
        let file = writer.finish()
        #expect(try ParquetFileCheck.check(file).rows == 1)
        #expect(throws: ParquetFileCheck.Failure.self) { try ParquetFileCheck.check(Array(file.dropFirst())) }
        var truncatedFooter = file
        truncatedFooter[file.count - 8] = 0xFF
        #expect(throws: ParquetFileCheck.Failure.self) { try ParquetFileCheck.check(truncatedFooter) }
    }

    @Test("the fuzz target's seed corpus writes files that check out")
    func fuzzCorpus() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Fuzz/corpus/parquet").standardized
        let seeds = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(seeds.count >= 4)
        for seed in seeds {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(seed)))
            let result = bytes.withUnsafeBufferPointer { ParquetFuzzInput.run($0) }
            if case .failure(let failure) = result { Issue.record("\(seed): \(failure)") }
        }
    }
}
