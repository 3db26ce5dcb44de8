/// A column's type, named as in Glue and Athena (`string`, `int`, `bigint`, `double`, `boolean`, `timestamp`,
/// `date`): the only ones a Sluice table declares.
package enum ParquetColumnType: String, Sendable, CaseIterable {
    case string, int, bigint, double, boolean, timestamp, date

    /// The Parquet physical type that stores the column's values.
    package var physical: PhysicalType {
        switch self {
        case .string: .byteArray
        case .int, .date: .int32
        case .bigint, .timestamp: .int64
        case .double: .double
        case .boolean: .boolean
        }
    }

    /// The width of a PLAIN value, or nil for variable-length byte arrays (and booleans, packed to bits).
    package var fixedWidth: Int? {
        switch physical {
        case .int32: 4
        case .int64, .double: 8
        case .byteArray, .boolean: nil
        }
    }
}

/// One column of a flat schema: every column is OPTIONAL (nullable), at the top level.
package struct ParquetColumn: Sendable, Equatable {
    package var name: String
    package var type: ParquetColumnType

    package init(name: String, type: ParquetColumnType) {
        self.name = name
        self.type = type
    }
}

/// The compression of every page of a file (Parquet's CompressionCodec).
package enum ParquetCompression: String, Sendable, CaseIterable {
    case uncompressed, snappy, gzip, zstd

    /// The codec's value in parquet.thrift's CompressionCodec.
    package var thriftValue: Int32 {
        switch self {
        case .uncompressed: 0
        case .snappy: 1
        case .gzip: 2
        case .zstd: 6
        }
    }
}

/// parquet.thrift's Type, the cases Sluice writes.
package enum PhysicalType: Int32, Sendable {
    case boolean = 0
    case int32 = 1
    case int64 = 2
    case double = 5
    case byteArray = 6
}

/// parquet.thrift's Encoding, the cases Sluice writes.
package enum ParquetEncoding: Int32, Sendable {
    case plain = 0
    case rle = 3
    case rleDictionary = 8
}

/// parquet.thrift's PageType, the cases Sluice writes.
package enum PageType: Int32, Sendable {
    case dataPage = 0
    case dictionaryPage = 2
}
