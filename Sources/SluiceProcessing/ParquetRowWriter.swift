import SluiceParquet

/// Parquet lake files: one file per partition, its columns the table's (by position, with their Glue types), every
/// page compressed with the table's codec. A row group's bytes are handed out by `drain` once complete, so memory
/// stays bounded by one row group per partition being written.
///
/// A value that its column's type cannot hold (an `int` outside INT32, a string in a number column) is written as
/// null and counted in `rejectedValues`, with the first one described in `firstRejection`, so that the processor
/// can report it rather than lose it unseen.
package struct ParquetRowWriter: RowWriter {
    package let columns: [ParquetColumn]
    package let compression: ParquetCompression
    private let createdBy: String
    private let options: ParquetWriter.Options
    /// One writer per partition, found by `positions`; `last` is the partition written last: consecutive rows
    /// mostly share one, and comparing its name is cheaper than hashing it (a hash per row was 3% of a run).
    private var writers: [ParquetWriter] = []
    private var partitions: [String] = []
    private var positions: [String: Int] = [:]
    private var last: (partition: String, position: Int)?
    /// Values written as null because their column's type cannot hold them.
    package private(set) var rejectedValues = 0
    /// The first of them: its column and why.
    package private(set) var firstRejection: String?

    /// `columns` as (name, Glue type) pairs: "string", "int", "bigint", "double", "boolean", "timestamp", "date".
    /// Fails, naming the column, on any other type.
    package init(
        columns: [(name: String, type: String)], compression: ParquetCompression, createdBy: String,
        options: ParquetWriter.Options = ParquetWriter.Options()
    ) throws(ParquetSchemaError) {
        self.columns = try columns.map { column throws(ParquetSchemaError) in
            guard let type = ParquetColumnType(rawValue: column.type) else {
                throw ParquetSchemaError(column: column.name, type: column.type)
            }
            return ParquetColumn(name: column.name, type: type)
        }
        self.compression = compression
        self.createdBy = createdBy
        self.options = options
    }

    package var fileExtension: String { "parquet" }

    /// The value at `position` of `row`: the one place the writer reads a row.
    @inline(__always)
    static func value(of row: Row, at position: Int) -> Row.Value {
        position < row.count ? row[position] : .null
    }

    /// Starts `partition`'s file unless it has one: `finish` then hands it out even if no row is written to it (a
    /// valid Parquet file of no rows).
    package mutating func startPartition(_ partition: String) {
        _ = position(partition)
    }

    /// The position of `partition`'s writer in `writers`, starting one if it has none.
    private mutating func position(_ partition: String) -> Int {
        if let known = positions[partition] { return known }
        positions[partition] = writers.count
        partitions.append(partition)
        writers.append(
            ParquetWriter(columns: columns, compression: compression, createdBy: createdBy, options: options))
        return writers.count - 1
    }

    package mutating func write(_ row: Row, partition: String) {
        let index: Int
        if let last, last.partition == partition {
            index = last.position
        } else {
            index = position(partition)
            last = (partition, index)
        }
        for position in columns.indices {
            let value = Self.value(of: row, at: position)
            let type = columns[position].type
            if let reason = Self.append(value, column: position, type: type, to: &writers[index]) {
                rejectedValues += 1
                if firstRejection == nil { firstRejection = "column \(columns[position].name): \(reason)" }
            }
        }
        writers[index].endRow()
    }

    /// Appends `value` to `column` of `writer`; a value the column cannot hold is appended as null and the reason
    /// returned.
    private static func append(
        _ value: Row.Value, column: Int, type: ParquetColumnType, to writer: inout ParquetWriter
    ) -> String? {
        switch (type, value) {
        case (_, .null):
            writer.appendNull(column: column)
        case (.string, .string(let text)):
            writer.append(column: column, string: text)
        case (.int, .int(let number)):
            guard let narrow = Int32(exactly: number) else {
                writer.appendNull(column: column)
                return "\(number) does not fit an int (32 bits)"
            }
            writer.append(column: column, int32: narrow)
        case (.bigint, .int(let number)):
            writer.append(column: column, int64: number)
        case (.double, .double(let number)):
            writer.append(column: column, double: number)
        case (.double, .int(let number)):
            writer.append(column: column, double: Double(number))
        case (.boolean, .bool(let flag)):
            writer.append(column: column, bool: flag)
        case (.timestamp, .timestamp(let milliseconds)):
            writer.append(column: column, int64: milliseconds)
        case (.date, .date(let days)):
            writer.append(column: column, int32: days)
        case (let type, let value):
            writer.appendNull(column: column)
            return "a \(kind(of: value)) value in a \(type.rawValue) column"
        }
        return nil
    }

    private static func kind(of value: Row.Value) -> String {
        switch value {
        case .string: "string"
        case .int: "integer"
        case .double: "double"
        case .bool: "boolean"
        case .timestamp: "timestamp"
        case .date: "date"
        case .null: "null"
        }
    }

    /// Positions in the order of their partitions' names.
    private var sortedPositions: [Int] { partitions.indices.sorted { partitions[$0] < partitions[$1] } }

    package mutating func drain(minimumBytes: Int) -> [(partition: String, bytes: [UInt8])] {
        var ready: [(partition: String, bytes: [UInt8])] = []
        for position in sortedPositions where writers[position].outputCount >= minimumBytes {
            ready.append((partitions[position], writers[position].takeOutput()))
        }
        return ready
    }

    package mutating func finish() -> [(partition: String, bytes: [UInt8])] {
        var done: [(partition: String, bytes: [UInt8])] = []
        for position in sortedPositions {
            done.append((partitions[position], writers[position].finish()))
        }
        writers.removeAll()
        partitions.removeAll()
        positions.removeAll()
        last = nil
        return done
    }
}

/// A table column whose type has no Parquet mapping here.
package struct ParquetSchemaError: Error, CustomStringConvertible, Sendable {
    package var column: String
    package var type: String
    package var description: String {
        "column \(column): type \"\(type)\" cannot be written to Parquet (use one of "
            + ParquetColumnType.allCases.map(\.rawValue).joined(separator: ", ") + ")"
    }
}
