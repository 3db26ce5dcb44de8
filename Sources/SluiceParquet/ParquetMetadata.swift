/// The footer's and page headers' structures, as far as Sluice fills them, and their Thrift encoding. Field ids and
/// enum values are parquet.thrift's (apache/parquet-format); a comment names each field at its id.
package struct ColumnStatistics: Sendable, Equatable {
    /// PLAIN encodings of the bounds (byte arrays without their length prefix), nil when not written.
    package var min: [UInt8]?
    package var max: [UInt8]?
    package var nullCount: Int64
    /// Set for DOUBLE columns only (the spec requires it for floating-point columns ordered by TYPE_ORDER).
    package var nanCount: Int64?
    /// False when a bound was shortened (long strings): it bounds the values without being one of them.
    package var isMinExact = true
    package var isMaxExact = true

    package func write(to thrift: inout ThriftCompactWriter) {
        thrift.field(3, i64: nullCount)  // null_count
        if let max { thrift.field(5, binary: max) }  // max_value
        if let min { thrift.field(6, binary: min) }  // min_value
        if max != nil { thrift.field(7, bool: isMaxExact) }  // is_max_value_exact
        if min != nil { thrift.field(8, bool: isMinExact) }  // is_min_value_exact
        if let nanCount { thrift.field(9, i64: nanCount) }  // nan_count
    }
}

package struct PageEncodingCount: Sendable, Equatable {
    package var pageType: PageType
    package var encoding: ParquetEncoding
    package var count: Int32
}

package struct ColumnChunkMetadata: Sendable {
    package var column: ParquetColumn
    package var encodings: [ParquetEncoding]
    package var codec: ParquetCompression
    package var numValues: Int64
    package var totalUncompressedSize: Int64
    package var totalCompressedSize: Int64
    package var dataPageOffset: Int64
    package var dictionaryPageOffset: Int64?
    package var statistics: ColumnStatistics
    package var encodingStats: [PageEncodingCount]

    /// A ColumnChunk whose ColumnMetaData is inline (file_offset 0, as the spec asks of writers that write none
    /// elsewhere).
    package func write(to thrift: inout ThriftCompactWriter) {
        thrift.field(2, i64: 0)  // file_offset
        thrift.field(3) { meta in  // meta_data: ColumnMetaData
            meta.field(1, i32: column.type.physical.rawValue)  // type
            meta.field(2, i32List: encodings.map(\.rawValue))  // encodings
            meta.field(3, stringList: [column.name])  // path_in_schema
            meta.field(4, i32: codec.thriftValue)  // codec
            meta.field(5, i64: numValues)  // num_values
            meta.field(6, i64: totalUncompressedSize)  // total_uncompressed_size
            meta.field(7, i64: totalCompressedSize)  // total_compressed_size
            meta.field(9, i64: dataPageOffset)  // data_page_offset
            if let dictionaryPageOffset { meta.field(11, i64: dictionaryPageOffset) }  // dictionary_page_offset
            meta.field(12) { statistics.write(to: &$0) }  // statistics
            meta.field(13, structList: encodingStats) { stats, entry in  // encoding_stats: PageEncodingStats
                stats.field(1, i32: entry.pageType.rawValue)  // page_type
                stats.field(2, i32: entry.encoding.rawValue)  // encoding
                stats.field(3, i32: entry.count)  // count
            }
        }
    }
}

package struct RowGroupMetadata: Sendable {
    package var columns: [ColumnChunkMetadata]
    package var totalByteSize: Int64
    package var numRows: Int64
    package var fileOffset: Int64
    package var totalCompressedSize: Int64
    /// Left out past Int16.max row groups (the field is an i16).
    package var ordinal: Int16?

    package func write(to thrift: inout ThriftCompactWriter) {
        thrift.field(1, structList: columns) { $1.write(to: &$0) }  // columns
        thrift.field(2, i64: totalByteSize)  // total_byte_size
        thrift.field(3, i64: numRows)  // num_rows
        thrift.field(5, i64: fileOffset)  // file_offset
        thrift.field(6, i64: totalCompressedSize)  // total_compressed_size
        if let ordinal {
            thrift.fieldHeader(7, .i16)  // ordinal (an i16: a zigzag varint like the other integers)
            thrift.writeI32(Int32(ordinal))
        }
    }
}

/// A file's row groups as the footer will hold them, each encoded as it completes: a file of a thousand row groups
/// of 13 columns held 6 MB of `RowGroupMetadata` (arrays and bounds in their own allocations, per column chunk),
/// and its encoding is a fifth of that. The footer is these bytes after its list header.
package struct EncodedRowGroups: Sendable {
    package private(set) var bytes: [UInt8] = []
    package private(set) var count = 0
    package private(set) var numRows: Int64 = 0

    package init() {}

    package mutating func append(_ group: RowGroupMetadata) {
        var thrift = ThriftCompactWriter()
        thrift.writeStruct { group.write(to: &$0) }
        bytes.append(contentsOf: thrift.bytes)
        count += 1
        numRows += group.numRows
    }
}

package enum ParquetMetadata {
    /// The footer's FileMetaData: version 1, the schema (a root group and one OPTIONAL leaf per column), the row
    /// groups, `created_by`, and TYPE_ORDER for every column (min_value/max_value mean nothing without it).
    package static func fileMetadata(
        columns: [ParquetColumn], rowGroups: [RowGroupMetadata], createdBy: String
    ) -> [UInt8] {
        var encoded = EncodedRowGroups()
        for group in rowGroups { encoded.append(group) }
        return fileMetadata(columns: columns, rowGroups: encoded, createdBy: createdBy)
    }

    /// The footer's FileMetaData, with the row groups already encoded.
    package static func fileMetadata(
        columns: [ParquetColumn], rowGroups: EncodedRowGroups, createdBy: String
    ) -> [UInt8] {
        var thrift = ThriftCompactWriter()
        thrift.writeStruct { file in
            file.field(1, i32: 1)  // version
            file.field(2, structList: [nil] + columns.map { Optional($0) }) { element, column in  // schema
                guard let column else {
                    element.field(4, string: "schema")  // name
                    element.field(5, i32: Int32(columns.count))  // num_children
                    return
                }
                writeSchemaElement(column, to: &element)
            }
            file.field(3, i64: rowGroups.numRows)  // num_rows
            file.fieldHeader(4, .list)  // row_groups: RowGroup
            file.listHeader(.structure, count: rowGroups.count)
            file.writeEncoded(rowGroups.bytes)
            file.field(6, string: createdBy)  // created_by
            file.field(7, structList: columns) { order, _ in  // column_orders: ColumnOrder (a union)
                order.field(1) { _ in }  // TYPE_ORDER: TypeDefinedOrder {}
            }
        }
        return thrift.bytes
    }

    /// A leaf: its type, OPTIONAL, its name, and the logical type with its legacy converted type where one applies.
    static func writeSchemaElement(_ column: ParquetColumn, to element: inout ThriftCompactWriter) {
        element.field(1, i32: column.type.physical.rawValue)  // type
        element.field(3, i32: 1)  // repetition_type: OPTIONAL
        element.field(4, string: column.name)  // name
        switch column.type {
        case .string:
            element.field(6, i32: 0)  // converted_type: UTF8
            element.field(10) { $0.field(1) { _ in } }  // logicalType: STRING
        case .date:
            element.field(6, i32: 6)  // converted_type: DATE
            element.field(10) { $0.field(6) { _ in } }  // logicalType: DATE
        case .timestamp:
            element.field(6, i32: 9)  // converted_type: TIMESTAMP_MILLIS
            element.field(10) { logical in  // logicalType
                logical.field(8) { timestamp in  // TIMESTAMP: TimestampType
                    timestamp.field(1, bool: true)  // isAdjustedToUTC
                    timestamp.field(2) { $0.field(1) { _ in } }  // unit: TimeUnit.MILLIS
                }
            }
        case .int, .bigint, .double, .boolean:
            break
        }
    }

    /// A data page (v1) header: `numValues` counts nulls too; levels are RLE (the hybrid), data `encoding`.
    package static func dataPageHeader(
        uncompressedSize: Int, compressedSize: Int, numValues: Int, encoding: ParquetEncoding
    ) -> [UInt8] {
        var thrift = ThriftCompactWriter()
        thrift.writeStruct { page in
            page.field(1, i32: PageType.dataPage.rawValue)  // type
            page.field(2, i32: Int32(uncompressedSize))  // uncompressed_page_size
            page.field(3, i32: Int32(compressedSize))  // compressed_page_size
            page.field(5) { header in  // data_page_header: DataPageHeader
                header.field(1, i32: Int32(numValues))  // num_values
                header.field(2, i32: encoding.rawValue)  // encoding
                header.field(3, i32: ParquetEncoding.rle.rawValue)  // definition_level_encoding
                header.field(4, i32: ParquetEncoding.rle.rawValue)  // repetition_level_encoding (none written)
            }
        }
        return thrift.bytes
    }

    /// A dictionary page header: PLAIN entries.
    package static func dictionaryPageHeader(uncompressedSize: Int, compressedSize: Int, numValues: Int) -> [UInt8] {
        var thrift = ThriftCompactWriter()
        thrift.writeStruct { page in
            page.field(1, i32: PageType.dictionaryPage.rawValue)  // type
            page.field(2, i32: Int32(uncompressedSize))  // uncompressed_page_size
            page.field(3, i32: Int32(compressedSize))  // compressed_page_size
            page.field(7) { header in  // dictionary_page_header: DictionaryPageHeader
                header.field(1, i32: Int32(numValues))  // num_values
                header.field(2, i32: ParquetEncoding.plain.rawValue)  // encoding
            }
        }
        return thrift.bytes
    }
}
