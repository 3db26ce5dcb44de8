/// Re-reads a written Parquet file's framing, for the tests and the fuzz target: `PAR1` at both ends, a footer
/// length in range, the footer's row groups, and every column chunk's page headers walked from its first page to
/// its end, their value counts added up. Not a reader of values: a check that the bytes hold what the footer says.
package enum ParquetFileCheck {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
        init(_ description: String) { self.description = description }
    }

    package struct Summary: Equatable {
        package var rows: Int64
        package var rowGroups: Int
        package var columns: Int
        package var pages: Int
    }

    package static func check(_ file: [UInt8]) throws(Failure) -> Summary {
        let magic = Array("PAR1".utf8)
        guard file.count >= 12, Array(file.prefix(4)) == magic, Array(file.suffix(4)) == magic else {
            throw Failure("no PAR1 at both ends")
        }
        let lengthAt = file.count - 8
        let footerLength =
            Int(file[lengthAt]) | Int(file[lengthAt + 1]) << 8 | Int(file[lengthAt + 2]) << 16
            | Int(file[lengthAt + 3]) << 24
        guard footerLength > 0, footerLength <= file.count - 12 else { throw Failure("footer length out of range") }
        var footer = ThriftCompactReader(file, from: lengthAt - footerLength, to: lengthAt)
        var summary = Summary(rows: 0, rowGroups: 0, columns: 0, pages: 0)
        var groupRows: Int64 = 0
        try footer.readStruct { (reader, id, type) throws(Failure) in
            switch (id, type) {
            case (3, .i64): summary.rows = try reader.readInteger()
            case (4, .list):
                let count = try reader.readListHeader(of: .structure)
                summary.rowGroups = count
                for _ in 0..<count {
                    groupRows += try checkRowGroup(&reader, file: file, dataEnd: lengthAt - footerLength, &summary)
                }
            default: try reader.skip(type)
            }
        }
        guard groupRows == summary.rows else {
            throw Failure("the row groups hold \(groupRows) rows, the footer says \(summary.rows)")
        }
        return summary
    }

    /// A RowGroup: each column chunk's pages must add up to the group's rows.
    private static func checkRowGroup(
        _ reader: inout ThriftCompactReader, file: [UInt8], dataEnd: Int, _ summary: inout Summary
    ) throws(Failure) -> Int64 {
        var rows: Int64 = -1
        var chunkValues: [Int64] = []
        try reader.readStruct { (reader, id, type) throws(Failure) in
            switch (id, type) {
            case (1, .list):
                let count = try reader.readListHeader(of: .structure)
                summary.columns = count
                for _ in 0..<count {
                    var values: Int64 = 0
                    try reader.readStruct { (reader, id, type) throws(Failure) in
                        guard id == 3, type == .structure else { return try reader.skip(type) }
                        values = try checkColumnChunk(&reader, file: file, dataEnd: dataEnd, &summary)
                    }
                    chunkValues.append(values)
                }
            case (3, .i64): rows = try reader.readInteger()
            default: try reader.skip(type)
            }
        }
        for values in chunkValues where values != rows {
            throw Failure("a column chunk holds \(values) values in a row group of \(rows) rows")
        }
        return rows
    }

    /// A ColumnMetaData: walks its pages; returns the data pages' value count, checked against num_values.
    private static func checkColumnChunk(
        _ reader: inout ThriftCompactReader, file: [UInt8], dataEnd: Int, _ summary: inout Summary
    ) throws(Failure) -> Int64 {
        var numValues: Int64 = -1
        var compressedSize: Int64 = -1
        var dataPageOffset: Int64 = -1
        var dictionaryPageOffset: Int64?
        try reader.readStruct { (reader, id, type) throws(Failure) in
            switch (id, type) {
            case (5, .i64): numValues = try reader.readInteger()
            case (7, .i64): compressedSize = try reader.readInteger()
            case (9, .i64): dataPageOffset = try reader.readInteger()
            case (11, .i64): dictionaryPageOffset = try reader.readInteger()
            default: try reader.skip(type)
            }
        }
        let start = dictionaryPageOffset ?? dataPageOffset
        guard start >= 4, compressedSize >= 0, start + compressedSize <= Int64(dataEnd) else {
            throw Failure("a column chunk lies outside the file's data")
        }
        var position = Int(start)
        let end = Int(start + compressedSize)
        var values: Int64 = 0
        while position < end {
            var header = ThriftCompactReader(file, from: position, to: end)
            var pageValues: Int64 = 0
            var pageSize: Int64 = -1
            var isData = false
            try header.readStruct { (reader, id, type) throws(Failure) in
                switch (id, type) {
                case (3, .i32): pageSize = try reader.readInteger()
                case (5, .structure):
                    isData = true
                    try reader.readStruct { (reader, id, type) throws(Failure) in
                        guard id == 1, type == .i32 else { return try reader.skip(type) }
                        pageValues = try reader.readInteger()
                    }
                default: try reader.skip(type)
                }
            }
            guard pageSize >= 0, header.position + Int(pageSize) <= end else {
                throw Failure("a page runs past its column chunk")
            }
            if isData { values += pageValues }
            summary.pages += 1
            position = header.position + Int(pageSize)
        }
        guard values == numValues else {
            throw Failure("a column chunk's pages hold \(values) values, its metadata says \(numValues)")
        }
        return values
    }
}

/// The reading half of Thrift's compact protocol, enough to walk Parquet's footer and page headers; every read is
/// bounds-checked and throws on malformed bytes.
package struct ThriftCompactReader {
    private let bytes: [UInt8]
    package private(set) var position: Int
    private let end: Int
    private var depth = 0

    package init(_ bytes: [UInt8], from start: Int, to end: Int) {
        self.bytes = bytes
        position = start
        self.end = end
    }

    private mutating func byte() throws(ParquetFileCheck.Failure) -> UInt8 {
        guard position < end else { throw .init("Thrift data ends early") }
        defer { position += 1 }
        return bytes[position]
    }

    package mutating func readVarint() throws(ParquetFileCheck.Failure) -> UInt64 {
        var result: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 7) {
            let next = try byte()
            result |= UInt64(next & 0x7F) << UInt64(shift)
            if next & 0x80 == 0 { return result }
        }
        throw .init("a varint longer than 10 bytes")
    }

    /// A zigzag integer (i16, i32 or i64).
    package mutating func readInteger<Value: FixedWidthInteger>() throws(ParquetFileCheck.Failure) -> Value {
        let raw = try readVarint()
        let value = Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
        guard let result = Value(exactly: value) else { throw .init("an integer out of its type's range") }
        return result
    }

    package mutating func readListHeader(
        of expected: ThriftCompactWriter.FieldType? = nil
    ) throws(ParquetFileCheck.Failure) -> Int {
        let header = try byte()
        var count = Int(header >> 4)
        if count == 15 {
            let long = try readVarint()
            guard long <= UInt64(end - position) else { throw .init("a list longer than its data") }
            count = Int(long)
        }
        if let expected, header & 0x0F != expected.rawValue { throw .init("a list of the wrong element type") }
        return count
    }

    /// Reads a struct's fields, handing each one's id and type to `field`, which must read or skip its value.
    package mutating func readStruct(
        _ field: (inout ThriftCompactReader, Int16, ThriftCompactWriter.FieldType) throws(ParquetFileCheck.Failure)
            -> Void
    ) throws(ParquetFileCheck.Failure) {
        depth += 1
        defer { depth -= 1 }
        guard depth < 64 else { throw .init("structs nested too deep") }
        var lastID: Int16 = 0
        while true {
            let header = try byte()
            if header == 0 { return }
            guard let type = ThriftCompactWriter.FieldType(rawValue: header & 0x0F) else {
                throw .init("unknown field type \(header & 0x0F)")
            }
            let delta = Int16(header >> 4)
            let id: Int16 = delta == 0 ? try readInteger() : lastID &+ delta
            lastID = id
            try field(&self, id, type)
        }
    }

    /// Skips a value of `type`.
    package mutating func skip(_ type: ThriftCompactWriter.FieldType) throws(ParquetFileCheck.Failure) {
        switch type {
        case .boolTrue, .boolFalse: return
        case .byte: _ = try byte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double: try advance(8)
        case .binary: try advance(Int(exactly: try readVarint()) ?? Int.max)
        case .list, .set:
            let header = bytes.indices.contains(position) ? bytes[position] : 0
            let count = try readListHeader()
            guard let element = ThriftCompactWriter.FieldType(rawValue: header & 0x0F) else {
                throw .init("unknown list element type")
            }
            // Bools in lists are a byte each.
            for _ in 0..<count {
                if element == .boolTrue || element == .boolFalse { try advance(1) } else { try skip(element) }
            }
        case .map:
            throw .init("a map: Parquet's structures have none")
        case .structure:
            try readStruct { (reader, _, type) throws(ParquetFileCheck.Failure) in try reader.skip(type) }
        }
    }

    private mutating func advance(_ count: Int) throws(ParquetFileCheck.Failure) {
        guard count >= 0, count <= end - position else { throw .init("Thrift data ends early") }
        position += count
    }
}
