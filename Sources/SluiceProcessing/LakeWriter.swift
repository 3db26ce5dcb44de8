/// Where rows go: one writer per output format (`RowWriters.make` picks it from the configuration). Gzipped NDJSON
/// here; a Parquet writer takes the same rows, per partition, and hands out a row group's bytes when one is
/// complete, the footer at the end.
///
/// A writer is made for one table: it holds the column names and types once; a `Row` carries only values, by
/// position (`row[index]`, in the order of the columns the writer was made with).
package protocol RowWriter {
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
    package var rejectedValues: Int { 0 }
    package var firstRejection: String? { nil }
}

/// Gzipped newline-delimited JSON, one gzip stream per partition.
package struct GzipNDJSONWriter: RowWriter {
    /// Each partition's position in `writers` and `pending`.
    private var positions: [String: Int] = [:]
    private var partitions: [String] = []
    private var writers: [GzipWriter] = []
    /// Rows not yet handed to zlib, by partition: deflating 64 KiB at a time, not a row at a time.
    private var pending: [JSONLineBuffer] = []
    /// The partition written last: consecutive rows mostly share one, and comparing is cheaper than hashing.
    private var last: (partition: String, position: Int)?
    private let level: Int32
    private let encoder: JSONRowEncoder
    private static let batchBytes = 64 * 1024

    /// A writer of rows with these columns (names, in order), compressing at zlib `level` (1 fastest, 9 smallest).
    package init(columns: [String], level: Int32 = GzipNDJSONWriter.defaultLevel) {
        self.level = level
        encoder = JSONRowEncoder(columns: columns)
    }

    /// Level 1: on one core, deflate is what bounds a processor's throughput, and level 1 runs about three
    /// times faster than zlib's default 6 for objects about a fifth larger (BENCHMARKS.md).
    package static let defaultLevel: Int32 = 1

    package var fileExtension: String { "json.gz" }

    package mutating func write(_ row: Row, partition: String) {
        let position: Int
        if let last, last.partition == partition {
            position = last.position
        } else {
            position = self.position(partition)
            last = (partition, position)
        }
        let buffer = pending[position]
        buffer.append(row, encoder)
        if buffer.count >= Self.batchBytes { deflatePending(position) }
    }

    private mutating func position(_ partition: String) -> Int {
        if let known = positions[partition] { return known }
        positions[partition] = writers.count
        partitions.append(partition)
        writers.append(GzipWriter(level: level))
        pending.append(JSONLineBuffer(capacity: Self.batchBytes + 16 * 1024))
        return writers.count - 1
    }

    private mutating func deflatePending(_ position: Int) {
        let buffer = pending[position]
        guard buffer.count > 0 else { return }
        writers[position].write(buffer.bytes)
        buffer.removeAll()
    }

    /// Positions in the order of their partitions' names.
    private var sortedPositions: [Int] { partitions.indices.sorted { partitions[$0] < partitions[$1] } }

    package mutating func drain(minimumBytes: Int) -> [(partition: String, bytes: [UInt8])] {
        sortedPositions.filter { writers[$0].output.count >= minimumBytes }.map {
            (partitions[$0], writers[$0].drain())
        }
    }

    package mutating func finish() -> [(partition: String, bytes: [UInt8])] {
        let done = sortedPositions.map { position in
            deflatePending(position)
            writers[position].finish()
            return (partitions[position], writers[position].drain())
        }
        positions.removeAll()
        partitions.removeAll()
        writers.removeAll()
        pending.removeAll()
        last = nil
        return done
    }
}

/// Output object keys derived from the input object's key, so a retried event overwrites what the first try
/// wrote instead of adding a second copy.
package struct OutputKeys: Sendable {
    /// `tables/<table>/`.
    package var tablePrefix: String
    /// `quarantine/<table>/`.
    package var quarantinePrefix: String

    package init(tablePrefix: String, quarantinePrefix: String) {
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
    package func rows(inputKey: String, partition: String, fileExtension: String) -> String {
        "\(tablePrefix)\(partition)/\(Self.stem(inputKey)).\(fileExtension)"
    }

    /// `quarantine/<table>/<input name>.json.gz`: every line that could not become a row, with its reason.
    package func quarantine(inputKey: String) -> String {
        "\(quarantinePrefix)\(Self.stem(inputKey)).json.gz"
    }
}
