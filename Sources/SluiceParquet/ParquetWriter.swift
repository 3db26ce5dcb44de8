/// Writes one Parquet file, a row at a time, handing out its bytes as row groups complete: `PAR1`, the row
/// groups (each column chunk a dictionary page and data pages v1), the footer (FileMetaData, its length, `PAR1`).
///
/// A row is one `append…` or `appendNull` per column, in any order, then `endRow()`; a column left out of a row is
/// null. Memory is bounded by `Options.rowGroupBytes` (the buffered row group) plus the bytes not yet taken with
/// `takeOutput()`.
package struct ParquetWriter {
    package struct Options: Sendable {
        /// A row group is written once the buffered rows hold this many bytes (values, levels, dictionaries).
        package var rowGroupBytes: Int
        /// A data page holds about this many bytes of values before compression.
        package var pageBytes: Int
        /// A column chunk's dictionary grows to this many bytes at most (its page's PLAIN size); later values of the
        /// chunk are written PLAIN.
        package var dictionaryBytes: Int

        /// 4 MiB row groups, 1 MiB pages and dictionaries (the page size Parquet's own writers default to). The
        /// processor holds one file per partition being written (usually one or two) within its 64 MB: measured,
        /// a file being written costs about 9 MB of memory at 4 MiB (the buffers' growth and the pages being
        /// compressed come on top of the budget), 17 MB at 8 MiB.
        package init(rowGroupBytes: Int = 4 << 20, pageBytes: Int = 1 << 20, dictionaryBytes: Int = 1 << 20) {
            self.rowGroupBytes = rowGroupBytes
            self.pageBytes = pageBytes
            self.dictionaryBytes = dictionaryBytes
        }
    }

    package let columns: [ParquetColumn]
    package let compression: ParquetCompression
    package let options: Options
    private let createdBy: String
    private var buffers: [ColumnBuffer]
    private var rowGroups = EncodedRowGroups()
    private var rowsInGroup = 0
    /// Bytes written but not yet taken, and how many were taken before them.
    private var output: [UInt8] = Array("PAR1".utf8)
    private var taken: Int64 = 0
    private var scratch = PageScratch()
    private var finished = false
    /// The row count at which to compare the buffered bytes with the budget again.
    private var nextBudgetCheck = 1

    /// A writer for `columns` (a flat schema, every column nullable) with `compression` on every page.
    /// `createdBy` is the footer's `created_by`, e.g. "sluice version 0.1.0".
    package init(
        columns: [ParquetColumn], compression: ParquetCompression = .snappy, createdBy: String,
        options: Options = Options()
    ) {
        self.columns = columns
        self.compression = compression
        self.createdBy = createdBy
        self.options = options
        buffers = columns.map { ColumnBuffer(column: $0) }
    }

    /// Rows written so far, in completed row groups and the one being built.
    package var rowCount: Int64 { rowGroups.numRows + Int64(rowsInGroup) }

    /// Row groups completed so far.
    package var rowGroupCount: Int { rowGroups.count }

    /// Bytes ready to be taken.
    package var outputCount: Int { output.count }

    /// Bytes held by the row group being built.
    package var bufferedBytes: Int { buffers.reduce(0) { $0 + $1.memoryBytes } }

    // MARK: Rows

    package mutating func appendNull(column: Int) { buffers[column].appendNull() }

    package mutating func append(column: Int, int32 value: Int32) {
        buffers[column].append(int32: value, dictionaryLimit: options.dictionaryBytes)
    }

    package mutating func append(column: Int, int64 value: Int64) {
        buffers[column].append(int64: value, dictionaryLimit: options.dictionaryBytes)
    }

    package mutating func append(column: Int, double value: Double) {
        buffers[column].append(double: value, dictionaryLimit: options.dictionaryBytes)
    }

    package mutating func append(column: Int, bool value: Bool) { buffers[column].append(bool: value) }

    /// A string column's value: its UTF-8 bytes.
    package mutating func append(column: Int, bytes value: UnsafeRawBufferPointer) {
        buffers[column].append(bytes: value, dictionaryLimit: options.dictionaryBytes)
        // A long value could carry the buffer far past its budget before the next periodic check: check this row.
        if value.count > 1024 { nextBudgetCheck = rowsInGroup + 1 }
    }

    /// A string column's value.
    package mutating func append(column: Int, string value: String) {
        // A native string's bytes are read in place, without the copy `withUTF8` needs of a `var`.
        let done: Void? = value.utf8.withContiguousStorageIfAvailable {
            append(column: column, bytes: UnsafeRawBufferPointer($0))
        }
        if done == nil {
            var value = value
            value.withUTF8 { append(column: column, bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// Ends the row: columns given no value are null, and a full row group is written out.
    package mutating func endRow() {
        rowsInGroup += 1
        for index in buffers.indices where buffers[index].rowCount < rowsInGroup {
            buffers[index].appendNull()
        }
        // Summing every column's size per row would cost more than the row: check every 64 rows, every row when
        // close, and after any row with a long string.
        if rowsInGroup >= nextBudgetCheck {
            let buffered = bufferedBytes
            if buffered >= options.rowGroupBytes {
                flushRowGroup()
            } else {
                nextBudgetCheck = rowsInGroup + (buffered * 8 < options.rowGroupBytes * 7 ? 64 : 1)
            }
        }
    }

    // MARK: Output

    /// Hands over the bytes written so far (whole row groups, and the footer once finished).
    package mutating func takeOutput() -> [UInt8] {
        let bytes = output
        taken += Int64(bytes.count)
        output = []
        output.reserveCapacity(bytes.count)
        return bytes
    }

    /// Writes the last row group and the footer; returns every byte not yet taken. Rows appended after this are
    /// ignored, and a second call returns nothing.
    package mutating func finish() -> [UInt8] {
        guard !finished else { return takeOutput() }
        finished = true
        if rowsInGroup > 0 { flushRowGroup() }
        let footer = ParquetMetadata.fileMetadata(columns: columns, rowGroups: rowGroups, createdBy: createdBy)
        output.append(contentsOf: footer)
        appendLittleEndian(UInt32(footer.count), to: &output)
        output.append(contentsOf: Array("PAR1".utf8))
        return takeOutput()
    }

    /// Writes the buffered rows out as a row group.
    package mutating func flushRowGroup() {
        guard rowsInGroup > 0 else { return }
        let compressor = PageCompressor(compression)
        let start = taken + Int64(output.count)
        var chunks: [ColumnChunkMetadata] = []
        chunks.reserveCapacity(buffers.count)
        for index in buffers.indices {
            chunks.append(
                buffers[index].writeChunk(
                    to: &output, baseOffset: taken, compressor: compressor, pageBytes: options.pageBytes,
                    scratch: &scratch))
        }
        rowGroups.append(
            RowGroupMetadata(
                columns: chunks, totalByteSize: chunks.reduce(0) { $0 + $1.totalUncompressedSize },
                numRows: Int64(rowsInGroup), fileOffset: start,
                totalCompressedSize: chunks.reduce(0) { $0 + $1.totalCompressedSize },
                ordinal: Int16(exactly: rowGroups.count)))
        rowsInGroup = 0
        nextBudgetCheck = 1
    }
}
