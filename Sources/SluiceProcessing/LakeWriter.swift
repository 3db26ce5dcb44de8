/// Where rows go: one writer per output format. Gzipped NDJSON now; a Parquet writer takes the same rows, per
/// partition, and hands back whole objects at the end (Parquet cannot be streamed row by row into S3 anyway).
public protocol RowWriter {
    /// Adds a row to its partition's object.
    mutating func write(_ row: Row, partition: String)
    /// Ends every object and hands them over, by partition.
    mutating func finish() -> [(partition: String, bytes: [UInt8])]
    /// The file name extension of the objects (`json.gz`).
    var fileExtension: String { get }
}

/// Gzipped newline-delimited JSON, one gzip stream per partition.
public struct GzipNDJSONWriter: RowWriter {
    private var writers: [String: GzipWriter] = [:]

    public init() {}

    public var fileExtension: String { "json.gz" }

    public mutating func write(_ row: Row, partition: String) {
        let writer = writers[partition] ?? GzipWriter()
        writers[partition] = writer
        writer.write(Array((row.json() + "\n").utf8))
    }

    public mutating func finish() -> [(partition: String, bytes: [UInt8])] {
        let done = writers.sorted { $0.key < $1.key }.map { partition, writer in
            writer.finish()
            return (partition, writer.drain())
        }
        writers.removeAll()
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
