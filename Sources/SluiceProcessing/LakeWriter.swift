/// Where rows go: one writer per output format (`RowWriters.make` picks it from the configuration). Gzipped NDJSON
/// here; a Parquet writer takes the same rows, per partition, and hands out a row group's bytes when one is
/// complete, the footer at the end.
///
/// A writer is made for one table: it holds the column names and types once; a `Row` carries only values, by
/// position (`row[index]`, in the order of the columns the writer was made with).
public protocol RowWriter {
    /// Adds a row to its partition's object: `row[i]` is the value of the writer's i-th column.
    mutating func write(_ row: Row, partition: String)
    /// Hands over the bytes of each partition that has at least `minimumBytes` ready, so that they can be
    /// uploaded (as a multipart part) and memory stays bounded whatever the object's size.
    mutating func drain(minimumBytes: Int) -> [(partition: String, bytes: [UInt8])]
    /// Ends every object and hands over what is left of each, by partition: every partition written to appears.
    mutating func finish() -> [(partition: String, bytes: [UInt8])]
    /// The file name extension of the objects (`json.gz`).
    var fileExtension: String { get }
    /// Values written as null because their column's type cannot hold them: 0 when the rows were checked before
    /// (the processor quarantines such lines), so anything else is a processor bug the run reports.
    var rejectedValues: Int { get }
    /// The first of them: its column and why.
    var firstRejection: String? { get }
}

extension RowWriter {
    /// A writer that writes every value as it gets it rejects none.
    public var rejectedValues: Int { 0 }
    public var firstRejection: String? { nil }
}

/// Gzipped newline-delimited JSON, one gzip stream per partition.
public struct GzipNDJSONWriter: RowWriter {
    private var writers: [String: GzipWriter] = [:]
    /// Rows not yet handed to zlib, by partition: deflating 64 KiB at a time, not a row at a time.
    private var pending: [String: [UInt8]] = [:]
    private let level: Int32
    private let encoder: JSONRowEncoder
    private static let batchBytes = 64 * 1024

    /// A writer of rows with these columns (names, in order), compressing at zlib `level` (1 fastest, 9 smallest).
    public init(columns: [String], level: Int32 = GzipNDJSONWriter.defaultLevel) {
        self.level = level
        encoder = JSONRowEncoder(columns: columns)
    }

    /// Level 1: on one core, deflate is what bounds a processor's throughput, and level 1 runs about three
    /// times faster than zlib's default 6 for objects about a fifth larger (BENCHMARKS.md).
    public static let defaultLevel: Int32 = 1

    public var fileExtension: String { "json.gz" }

    public mutating func write(_ row: Row, partition: String) {
        if writers[partition] == nil { writers[partition] = GzipWriter(level: level) }
        encoder.appendJSONLine(row, to: &pending[partition, default: []])
        if pending[partition]!.count >= Self.batchBytes { deflatePending(partition) }
    }

    private mutating func deflatePending(_ partition: String) {
        guard let bytes = pending[partition], !bytes.isEmpty else { return }
        writers[partition]!.write(bytes)
        pending[partition]!.removeAll(keepingCapacity: true)
    }

    public mutating func drain(minimumBytes: Int) -> [(partition: String, bytes: [UInt8])] {
        writers.filter { $0.value.output.count >= minimumBytes }.sorted { $0.key < $1.key }.map {
            ($0.key, $0.value.drain())
        }
    }

    public mutating func finish() -> [(partition: String, bytes: [UInt8])] {
        for partition in writers.keys { deflatePending(partition) }
        let done = writers.sorted { $0.key < $1.key }.map { partition, writer in
            writer.finish()
            return (partition, writer.drain())
        }
        writers.removeAll()
        pending.removeAll()
        return done
    }
}

/// Output object keys derived from the input object's key, so a retried event overwrites what the first try
/// wrote instead of adding a second copy.
public struct OutputKeys: Sendable {
    /// `tables/<table>/`.
    public var tablePrefix: String
    /// `quarantine/<table>/`.
    public var quarantinePrefix: String

    public init(tablePrefix: String, quarantinePrefix: String) {
        self.tablePrefix = tablePrefix
        self.quarantinePrefix = quarantinePrefix
    }

    /// The input object's name without folders and compression suffix, kept readable and unique.
    static func stem(_ inputKey: String) -> String {
        var name = String(inputKey.split(separator: "/").last ?? Substring(inputKey))
        for suffix in [".gz", ".json", ".log"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
        return name.isEmpty ? "object" : name
    }

    /// `tables/<table>/<partition>/<input name>.<ext>`, e.g. `tables/requests/dt=2024-01-01/stream-1-....json.gz`.
    public func rows(inputKey: String, partition: String, fileExtension: String) -> String {
        "\(tablePrefix)\(partition)/\(Self.stem(inputKey)).\(fileExtension)"
    }

    /// `quarantine/<table>/<input name>.json.gz`: every line that could not become a row, with its reason.
    public func quarantine(inputKey: String) -> String {
        "\(quarantinePrefix)\(Self.stem(inputKey)).json.gz"
    }
}
