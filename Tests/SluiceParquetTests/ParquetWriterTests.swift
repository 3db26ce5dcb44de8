import CSnappy
import CZlib
import CZstd
import Testing

@testable import SluiceParquet

@Suite("Parquet writer")
struct ParquetWriterTests {
    static let createdBy = "sluice version test"

    func chunk(_ buffer: inout ColumnBuffer, codec: ParquetCompression = .uncompressed) -> ColumnChunkMetadata {
        var out: [UInt8] = []
        var scratch = PageScratch()
        return buffer.writeChunk(
            to: &out, baseOffset: 4, compressor: PageCompressor(codec), pageBytes: 1 << 20, scratch: &scratch)
    }

    @Test("a dictionary that would pass its limit sends the rest of the chunk PLAIN, and the metadata says so")
    func dictionaryFallback() {
        var buffer = ColumnBuffer(column: ParquetColumn(name: "s", type: .string))
        // Each entry is a 4-byte length and 6 bytes: four fit in 40 bytes.
        for index in 0..<10 {
            Array("value\(index)".utf8).withUnsafeBytes { buffer.append(bytes: $0, dictionaryLimit: 40) }
        }
        #expect(buffer.fallbackRow == 4)
        let metadata = chunk(&buffer)
        #expect(metadata.dictionaryPageOffset == 4)
        #expect(metadata.encodings == [.plain, .rle, .rleDictionary])
        #expect(
            metadata.encodingStats == [
                PageEncodingCount(pageType: .dictionaryPage, encoding: .plain, count: 1),
                PageEncodingCount(pageType: .dataPage, encoding: .rleDictionary, count: 1),
                PageEncodingCount(pageType: .dataPage, encoding: .plain, count: 1),
            ])
        // Bounds over every value, the PLAIN ones included.
        #expect(metadata.statistics.min == Array("value0".utf8))
        #expect(metadata.statistics.max == Array("value9".utf8))
        // The buffer starts the next chunk empty, and PLAIN: the column overflowed its dictionary once.
        #expect(buffer.fallbackRow == nil && buffer.rowCount == 0 && buffer.dictionaryAbandoned)
        Array("again".utf8).withUnsafeBytes { buffer.append(bytes: $0, dictionaryLimit: 40) }
        let next = chunk(&buffer)
        #expect(next.dictionaryPageOffset == nil && next.encodings == [.plain, .rle])
    }

    @Test("mostly distinct values go PLAIN after the dictionary's trial, and stay PLAIN in the file's later chunks")
    func dictionaryTrial() {
        var buffer = ColumnBuffer(column: ParquetColumn(name: "t", type: .timestamp))
        for index in 0..<10_000 { buffer.append(int64: 1_700_000_000_000 + Int64(index), dictionaryLimit: 1 << 20) }
        #expect(buffer.fallbackRow == ColumnBuffer.dictionaryTrialValues)
        let metadata = chunk(&buffer)
        #expect(metadata.statistics.min == littleEndian(Int64(1_700_000_000_000)))
        #expect(metadata.statistics.max == littleEndian(Int64(1_700_000_009_999)))
        #expect(buffer.dictionaryAbandoned)
    }

    @Test("repeated values stay in the dictionary")
    func dictionaryRepeats() {
        var buffer = ColumnBuffer(column: ParquetColumn(name: "i", type: .int))
        for index in 0..<1000 { buffer.append(int32: Int32(index % 3), dictionaryLimit: 12) }
        #expect(buffer.fallbackRow == nil)
        #expect(chunk(&buffer).encodings == [.plain, .rle, .rleDictionary])
    }

    @Test("statistics: signed ints, byte-wise strings, NaN left out of doubles, none for a column of nulls")
    func statistics() {
        var ints = ColumnBuffer(column: ParquetColumn(name: "i", type: .bigint))
        for value: Int64 in [5, -7, 3] { ints.append(int64: value, dictionaryLimit: 1 << 20) }
        ints.appendNull()
        let intStats = chunk(&ints).statistics
        #expect(intStats.min == littleEndian(Int64(-7)) && intStats.max == littleEndian(Int64(5)))
        #expect(intStats.nullCount == 1)

        var strings = ColumnBuffer(column: ParquetColumn(name: "s", type: .string))
        for value in ["b", "é", "a", "", "Z"] {
            Array(value.utf8).withUnsafeBytes { strings.append(bytes: $0, dictionaryLimit: 1 << 20) }
        }
        let stringStats = chunk(&strings).statistics
        #expect(stringStats.min == [] && stringStats.max == Array("é".utf8))

        var doubles = ColumnBuffer(column: ParquetColumn(name: "d", type: .double))
        for value in [Double.nan, 0.0, 2.5, .nan] { doubles.append(double: value, dictionaryLimit: 1 << 20) }
        let doubleStats = chunk(&doubles).statistics
        #expect(doubleStats.nanCount == 2)
        #expect(doubleStats.min == littleEndian((-0.0 as Double).bitPattern))
        #expect(doubleStats.max == littleEndian((2.5 as Double).bitPattern))

        var onlyNaN = ColumnBuffer(column: ParquetColumn(name: "d", type: .double))
        onlyNaN.append(double: .nan, dictionaryLimit: 1 << 20)
        #expect(chunk(&onlyNaN).statistics == ColumnStatistics(min: nil, max: nil, nullCount: 0, nanCount: 1))

        var nulls = ColumnBuffer(column: ParquetColumn(name: "t", type: .timestamp))
        nulls.appendNull()
        nulls.appendNull()
        #expect(chunk(&nulls).statistics == ColumnStatistics(min: nil, max: nil, nullCount: 2, nanCount: nil))

        var long = ColumnBuffer(column: ParquetColumn(name: "s", type: .string))
        Array(String(repeating: "x", count: 2000).utf8).withUnsafeBytes {
            long.append(bytes: $0, dictionaryLimit: 1 << 20)
        }
        let longStats = chunk(&long).statistics
        #expect(longStats.min == Array(String(repeating: "x", count: 1024).utf8))
        #expect(longStats.max == Array((String(repeating: "x", count: 1023) + "y").utf8))
        #expect(!longStats.isMinExact && !longStats.isMaxExact && longStats.nullCount == 0)

        var flags = ColumnBuffer(column: ParquetColumn(name: "f", type: .boolean))
        flags.append(bool: true)
        let flagStats = chunk(&flags).statistics
        #expect(flagStats.min == [1] && flagStats.max == [1])
    }

    @Test(
        "long string bounds are shortened between characters, the max's last character incremented",
        arguments: [
            ("é", 600, String(repeating: "é", count: 512), String(repeating: "é", count: 511) + "ê"),
            ("€", 400, String(repeating: "€", count: 341), String(repeating: "€", count: 340) + "\u{20AD}"),
            (
                "a\u{D7FF}", 400, String(repeating: "a\u{D7FF}", count: 256),
                String(repeating: "a\u{D7FF}", count: 255) + "a\u{E000}"
            ),
        ])
    func longStringBounds(unit: String, count: Int, low: String, high: String) {
        let value = Array(String(repeating: unit, count: count).utf8)
        #expect(StatisticsAccumulator.lowerBound(value) == Array(low.utf8))
        #expect(StatisticsAccumulator.upperBound(value) == Array(high.utf8))
    }

    @Test("a max of only U+10FFFF has no short upper bound: neither bound is written")
    func unboundedMax() {
        var buffer = ColumnBuffer(column: ParquetColumn(name: "s", type: .string))
        for text in ["a", String(repeating: "\u{10FFFF}", count: 300)] {
            Array(text.utf8).withUnsafeBytes { buffer.append(bytes: $0, dictionaryLimit: 1 << 20) }
        }
        let stats = chunk(&buffer).statistics
        #expect(stats.min == nil && stats.max == nil && stats.nullCount == 0)
        // Bytes that are not UTF-8 (only a caller of append(bytes:) can give them) are bounded byte-wise.
        let raw = [UInt8](repeating: 0xFF, count: 1000) + [0x41] + [UInt8](repeating: 0xFF, count: 100)
        #expect(StatisticsAccumulator.upperBound(raw) == [UInt8](repeating: 0xFF, count: 1000) + [0x42])
    }

    @Test("row groups are written as the buffer fills, so output comes before the footer and memory stays bounded")
    func rowGroupsBySize() {
        var writer = ParquetWriter(
            columns: [ParquetColumn(name: "n", type: .bigint), ParquetColumn(name: "s", type: .string)],
            createdBy: Self.createdBy, options: .init(rowGroupBytes: 64 * 1024))
        var taken: [UInt8] = []
        var largestBuffer = 0
        for index in 0..<50_000 {
            writer.append(column: 0, int64: Int64(index))
            writer.append(column: 1, string: "row \(index)")
            writer.endRow()
            largestBuffer = max(largestBuffer, writer.bufferedBytes)
            if writer.outputCount > 0 { taken += writer.takeOutput() }
        }
        #expect(writer.rowGroupCount > 5)
        #expect(taken.count > 100_000)
        #expect(largestBuffer < 64 * 1024 + 64 * 64)
        taken += writer.finish()
        #expect(Array(taken.prefix(4)) == Array("PAR1".utf8) && Array(taken.suffix(4)) == Array("PAR1".utf8))
        #expect(writer.rowCount == 50_000)
    }

    @Test("rows of long strings are checked against the budget at once, not 64 rows later")
    func longStringsBudget() {
        var writer = ParquetWriter(
            columns: [ParquetColumn(name: "s", type: .string)], createdBy: Self.createdBy,
            options: .init(rowGroupBytes: 64 * 1024))
        var largestBuffer = 0
        for index in 0..<200 {
            let letter = Character(UnicodeScalar(65 + index % 26)!)
            writer.append(column: 0, string: String(repeating: letter, count: 10_000))
            writer.endRow()
            largestBuffer = max(largestBuffer, writer.bufferedBytes)
        }
        #expect(largestBuffer < 64 * 1024 + 10_100)
        #expect(writer.rowGroupCount > 20)
    }

    @Test("a file of no rows is PAR1, a footer with no row groups, its length, PAR1")
    func emptyFile() {
        var writer = ParquetWriter(
            columns: [ParquetColumn(name: "n", type: .int)], createdBy: Self.createdBy)
        let bytes = writer.finish()
        let footerLength = Int(bytes[bytes.count - 8]) | Int(bytes[bytes.count - 7]) << 8
        #expect(bytes.count == 4 + footerLength + 8)
        #expect(writer.finish().isEmpty)
    }

    @Test("each codec's pages decompress, with its library, to the page", arguments: ParquetCompression.allCases)
    func codecsRoundTrip(codec: ParquetCompression) throws {
        let page = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 * 7 / 3) }
        var compressed: [UInt8] = [9]
        let length = PageCompressor(codec).compress(page, appendingTo: &compressed)
        #expect(compressed.count == length + 1)
        let body = Array(compressed.dropFirst())
        switch codec {
        case .uncompressed: #expect(body == page)
        case .snappy: #expect(unsnappy(body) == page)
        case .zstd: #expect(unzstd(body, size: page.count) == page)
        case .gzip:
            #expect(body.prefix(2) == [0x1F, 0x8B])
            #expect(gunzip(body, size: page.count) == page)
        }
        if codec != .uncompressed { #expect(body.count < page.count) }
    }

    func littleEndian<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
        var out: [UInt8] = []
        appendLittleEndian(value, to: &out)
        return out
    }

    func unsnappy(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBytes { source in
            let base = source.baseAddress!.assumingMemoryBound(to: CChar.self)
            var length = 0
            guard snappy_uncompressed_length(base, source.count, &length) == SNAPPY_OK else { return [] }
            var out = [UInt8](repeating: 0, count: length)
            let status = out.withUnsafeMutableBytes {
                snappy_uncompress(base, source.count, $0.baseAddress!.assumingMemoryBound(to: CChar.self), &length)
            }
            return status == SNAPPY_OK ? out : []
        }
    }

    func unzstd(_ input: [UInt8], size: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: size + 16)
        let length = out.withUnsafeMutableBytes { destination in
            input.withUnsafeBytes {
                ZSTD_decompress(destination.baseAddress, destination.count, $0.baseAddress, $0.count)
            }
        }
        return ZSTD_isError(length) != 0 ? [] : Array(out.prefix(length))
    }

    func gunzip(_ input: [UInt8], size: Int) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return []
        }
        defer { inflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: size + 16)
        let status = out.withUnsafeMutableBufferPointer { destination in
            input.withUnsafeBufferPointer { source in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = UInt32(source.count)
                stream.next_out = destination.baseAddress
                stream.avail_out = UInt32(destination.count)
                return inflate(&stream, Z_FINISH)
            }
        }
        return status == Z_STREAM_END ? Array(out.prefix(Int(stream.total_out))) : []
    }
}
