/// One column's share of the row group being built: a definition level per row (1 a value, 0 null), and the
/// values, as dictionary indices until the dictionary is full, PLAIN after that.
package struct ColumnBuffer {
    package let column: ParquetColumn
    private let physical: PhysicalType
    package private(set) var definitionLevels: [UInt8] = []
    package private(set) var nullCount = 0
    /// nil for BOOLEAN, always PLAIN (a dictionary of two values saves nothing over one bit each).
    private var dictionary: ByteDictionary?
    private var indices: [UInt32] = []
    /// The first row whose value went PLAIN because the dictionary was full; nil while none did.
    package private(set) var fallbackRow: Int?
    /// Set once a chunk's dictionary overflowed: the file's later chunks of this column are PLAIN from the start,
    /// since a column with that many distinct values (a timestamp, an id) would overflow again, after costing a
    /// dictionary's worth of hashing each time.
    package private(set) var dictionaryAbandoned = false
    package static let dictionaryTrialValues = 8192
    /// PLAIN values (byte arrays with their length prefix), after the fallback; BOOLEAN: one byte (0 or 1) each.
    private var plain: [UInt8] = []
    private var statistics = StatisticsAccumulator()

    package init(column: ParquetColumn) {
        self.column = column
        physical = column.type.physical
        if physical != .boolean { dictionary = ByteDictionary(lengthPrefixed: physical == .byteArray) }
    }

    /// Bytes held, for the writer's row-group budget.
    package var memoryBytes: Int {
        definitionLevels.count + indices.count * 4 + plain.count + (dictionary?.memoryBytes ?? 0)
    }

    package var rowCount: Int { definitionLevels.count }

    // MARK: Appending

    package mutating func appendNull() {
        definitionLevels.append(0)
        nullCount += 1
    }

    package mutating func append(int32 value: Int32, dictionaryLimit: Int) {
        statistics.add(Int64(value))
        withUnsafeBytes(of: value.littleEndian) { _ = appendValue($0, dictionaryLimit: dictionaryLimit) }
    }

    package mutating func append(int64 value: Int64, dictionaryLimit: Int) {
        statistics.add(value)
        withUnsafeBytes(of: value.littleEndian) { _ = appendValue($0, dictionaryLimit: dictionaryLimit) }
    }

    package mutating func append(double value: Double, dictionaryLimit: Int) {
        statistics.add(value)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { _ = appendValue($0, dictionaryLimit: dictionaryLimit) }
    }

    package mutating func append(bool value: Bool) {
        statistics.add(value)
        withUnsafeBytes(of: UInt8(value ? 1 : 0)) { _ = appendValue($0, dictionaryLimit: 0) }
    }

    package mutating func append(bytes value: UnsafeRawBufferPointer, dictionaryLimit: Int) {
        // A value already in the dictionary cannot move the bounds: compare only new ones.
        if appendValue(value, dictionaryLimit: dictionaryLimit) { statistics.add(bytes: value) }
    }

    /// Stores a value's PLAIN bytes (without a length prefix); true when it is new to the dictionary or PLAIN.
    private mutating func appendValue(_ value: UnsafeRawBufferPointer, dictionaryLimit: Int) -> Bool {
        definitionLevels.append(1)
        if fallbackRow == nil && !dictionaryAbandoned && dictionary != nil {
            // Mostly distinct values (timestamps, ids) gain nothing from a dictionary and cost a hash table that
            // outgrows the caches: after the first 8,192 values, more than half of them distinct goes PLAIN.
            if indices.count == Self.dictionaryTrialValues && dictionary!.count * 2 > indices.count {
                fallbackRow = definitionLevels.count - 1
            } else if let found = dictionary!.index(of: value, limit: dictionaryLimit) {
                indices.append(found.index)
                return found.inserted
            } else {
                fallbackRow = definitionLevels.count - 1
            }
        }
        if physical == .byteArray { appendLittleEndian(UInt32(truncatingIfNeeded: value.count), to: &plain) }
        plain.append(contentsOf: value)
        return true
    }

    // MARK: Encoding a column chunk

    /// Appends the column chunk (a dictionary page if any value went through the dictionary, then data pages of
    /// about `pageBytes` each) to `out`, whose first byte is at `baseOffset` in the file; returns its metadata
    /// and empties the buffer for the next row group.
    package mutating func writeChunk(
        to out: inout [UInt8], baseOffset: Int64, compressor: PageCompressor, pageBytes: Int,
        scratch: inout PageScratch
    ) -> ColumnChunkMetadata {
        let rows = definitionLevels.count
        let dictionaryRows = fallbackRow ?? rows
        let dictionaryCount = dictionary?.count ?? 0
        var sizes = (uncompressed: 0, compressed: 0)
        var dictionaryPageOffset: Int64?
        var encodingStats: [PageEncodingCount] = []
        var row = 0

        if dictionaryCount > 0, let dictionary {
            dictionaryPageOffset = baseOffset + Int64(out.count)
            scratch.page.removeAll(keepingCapacity: true)
            scratch.page.append(contentsOf: dictionary.page)
            scratch.writePage(to: &out, compressor: compressor, sizes: &sizes) { uncompressed, compressed in
                ParquetMetadata.dictionaryPageHeader(
                    uncompressedSize: uncompressed, compressedSize: compressed, numValues: dictionaryCount)
            }
            encodingStats.append(PageEncodingCount(pageType: .dictionaryPage, encoding: .plain, count: 1))
        }
        let dataPageOffset = baseOffset + Int64(out.count)

        // Dictionary-encoded pages: rows before the fallback. Indices take at most 4 bytes each.
        var dictionaryPages: Int32 = 0
        var indexCursor = 0
        if dictionaryCount > 0 {
            let width = Swift.max(1, RLEHybrid.bitWidth(UInt32(dictionaryCount - 1)))
            let rowsPerPage = Swift.max(1, pageBytes / 4)
            while row < dictionaryRows {
                let end = Swift.min(dictionaryRows, row + rowsPerPage)
                let values = valueCount(from: row, to: end)
                scratch.startPage(levels: definitionLevels[row..<end])
                scratch.page.append(UInt8(width))
                RLEHybrid.encode(indices[indexCursor..<(indexCursor + values)], bitWidth: width, to: &scratch.page)
                scratch.writePage(to: &out, compressor: compressor, sizes: &sizes) { uncompressed, compressed in
                    ParquetMetadata.dataPageHeader(
                        uncompressedSize: uncompressed, compressedSize: compressed, numValues: end - row,
                        encoding: .rleDictionary)
                }
                indexCursor += values
                row = end
                dictionaryPages += 1
            }
        }

        // PLAIN pages: the rest (every row when nothing went through the dictionary).
        var plainPages: Int32 = 0
        var byteCursor = 0
        while row < rows {
            let start = row
            let startByte = byteCursor
            var pageSize = 0
            while row < rows && (pageSize < pageBytes || row == start) {
                if definitionLevels[row] == 1 {
                    let size = plainValueSize(at: byteCursor)
                    byteCursor += size
                    pageSize += size
                }
                row += 1
            }
            scratch.startPage(levels: definitionLevels[start..<row])
            if physical == .boolean {
                RLEHybrid.bitPack(
                    plain, from: startByte, count: byteCursor - startByte, width: 1, to: &scratch.page)
            } else {
                scratch.page.append(contentsOf: plain[startByte..<byteCursor])
            }
            scratch.writePage(to: &out, compressor: compressor, sizes: &sizes) { uncompressed, compressed in
                ParquetMetadata.dataPageHeader(
                    uncompressedSize: uncompressed, compressedSize: compressed, numValues: row - start,
                    encoding: .plain)
            }
            plainPages += 1
        }

        var encodings: [ParquetEncoding] = []
        if dictionaryCount > 0 || plainPages > 0 { encodings.append(.plain) }
        encodings.append(.rle)
        if dictionaryPages > 0 {
            encodings.append(.rleDictionary)
            encodingStats.append(
                PageEncodingCount(pageType: .dataPage, encoding: .rleDictionary, count: dictionaryPages))
        }
        if plainPages > 0 {
            encodingStats.append(PageEncodingCount(pageType: .dataPage, encoding: .plain, count: plainPages))
        }
        let metadata = ColumnChunkMetadata(
            column: column, encodings: encodings, codec: compressor.codec, numValues: Int64(rows),
            totalUncompressedSize: Int64(sizes.uncompressed), totalCompressedSize: Int64(sizes.compressed),
            dataPageOffset: dataPageOffset, dictionaryPageOffset: dictionaryPageOffset,
            statistics: statistics.statistics(type: physical, nullCount: nullCount), encodingStats: encodingStats)
        reset()
        return metadata
    }

    /// Non-null values among rows `start..<end`.
    private func valueCount(from start: Int, to end: Int) -> Int {
        var count = 0
        for index in start..<end { count &+= Int(definitionLevels[index]) }
        return count
    }

    /// The size of the PLAIN value at `offset` of `plain`.
    private func plainValueSize(at offset: Int) -> Int {
        switch physical {
        case .boolean: 1
        case .int32: 4
        case .int64, .double: 8
        case .byteArray:
            4
                + Int(
                    plain.withUnsafeBytes {
                        UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                    })
        }
    }

    private mutating func reset() {
        definitionLevels.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
        plain.removeAll(keepingCapacity: true)
        dictionary?.removeAll()
        nullCount = 0
        if fallbackRow != nil {
            dictionaryAbandoned = true
            dictionary = nil
        }
        fallbackRow = nil
        statistics = StatisticsAccumulator()
    }
}

/// Buffers reused from page to page: the page being assembled and its compressed form.
package struct PageScratch {
    package var page: [UInt8] = []
    package var compressed: [UInt8] = []

    package init() {}

    /// Starts a data page with its definition levels: a 4-byte little-endian length, then the hybrid at width 1.
    mutating func startPage(levels: ArraySlice<UInt8>) {
        page.removeAll(keepingCapacity: true)
        page.append(contentsOf: [0, 0, 0, 0])
        RLEHybrid.encode(levels, bitWidth: 1, to: &page)
        let length = UInt32(page.count - 4)
        for byte in 0..<4 { page[byte] = UInt8(truncatingIfNeeded: length >> (8 * byte)) }
    }

    /// Compresses `page` and appends its header (made by `header` from the two sizes) and the compressed bytes.
    mutating func writePage(
        to out: inout [UInt8], compressor: PageCompressor, sizes: inout (uncompressed: Int, compressed: Int),
        header: (Int, Int) -> [UInt8]
    ) {
        compressed.removeAll(keepingCapacity: true)
        compressor.compress(page, appendingTo: &compressed)
        let headerBytes = header(page.count, compressed.count)
        out.append(contentsOf: headerBytes)
        out.append(contentsOf: compressed)
        sizes.uncompressed += headerBytes.count + page.count
        sizes.compressed += headerBytes.count + compressed.count
    }
}
