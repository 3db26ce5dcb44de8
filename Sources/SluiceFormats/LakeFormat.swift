/// The file format of a lake table's objects (`processor.output.format`).
package enum LakeFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// Columnar: Athena reads only the columns a query names.
    case parquet
    /// Newline-delimited JSON, gzipped: one row per line, for people and tools that read text.
    case json

    /// SNAPPY for Parquet (what Athena itself writes); gzip for JSON, the only codec Athena reads NDJSON in.
    package var defaultCompression: LakeCompression { self == .parquet ? .snappy : .gzip }

    /// The codecs the format can be written with: Athena reads JSON only gzipped (of these three).
    package var allowedCompressions: [LakeCompression] { self == .parquet ? LakeCompression.allCases : [.gzip] }
}

/// The codec of a lake table's objects (`processor.output.compression`).
package enum LakeCompression: String, Sendable, Hashable, CaseIterable, Codable {
    case snappy
    case zstd
    case gzip
}
