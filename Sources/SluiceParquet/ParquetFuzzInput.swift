/// The Parquet fuzz target's reading of its input (Fuzz/FuzzParquet), here so that tests replay it: the first bytes
/// choose the columns, the codec and the writer's sizes, the rest are rows, a tag byte per cell (null, a value, or
/// a repeat of a few values so that dictionaries fill), then the value's bytes. The file written must check out
/// (`ParquetFileCheck`) and hold every row.
package enum ParquetFuzzInput {
    /// Writes the file `input` describes and checks it; returns the rows written, or the check's failure.
    package static func run(_ input: UnsafeBufferPointer<UInt8>) -> Result<Int64, ParquetFileCheck.Failure> {
        var cursor = Cursor(input)
        let columnCount = Int(cursor.byte() % 8) + 1
        let columns = (0..<columnCount).map { index in
            ParquetColumn(
                name: "c\(index)",
                type: ParquetColumnType.allCases[Int(cursor.byte()) % ParquetColumnType.allCases.count])
        }
        let codec = ParquetCompression.allCases[Int(cursor.byte()) % ParquetCompression.allCases.count]
        let sizes = cursor.byte()
        let options = ParquetWriter.Options(
            rowGroupBytes: 256 << Int(sizes & 7), pageBytes: 64 << Int((sizes >> 3) & 7),
            dictionaryBytes: 16 << Int((sizes >> 6) & 3) * 3)
        var writer = ParquetWriter(columns: columns, compression: codec, createdBy: "fuzz", options: options)
        var file: [UInt8] = []
        var rows: Int64 = 0
        while !cursor.isAtEnd {
            for (index, column) in columns.enumerated() {
                let tag = cursor.byte()
                if tag % 4 == 0 {
                    writer.appendNull(column: index)
                    continue
                }
                // Tags 1 to 3 mod 4 below 128: one of a few small values, so that dictionaries hold repeats.
                let small = tag < 128
                switch column.type {
                case .string:
                    let length = small ? Int(tag % 3) : Int(cursor.byte()) * (tag > 250 ? 257 : 1)
                    let bytes = cursor.bytes(length)
                    bytes.withUnsafeBytes { writer.append(column: index, bytes: $0) }
                case .int, .date:
                    writer.append(column: index, int32: small ? Int32(tag % 5) - 2 : cursor.integer(Int32.self))
                case .bigint, .timestamp:
                    writer.append(column: index, int64: small ? Int64(tag % 5) - 2 : cursor.integer(Int64.self))
                case .double:
                    let value = small ? Double(tag % 5) - 2 : Double(bitPattern: cursor.integer(UInt64.self))
                    writer.append(column: index, double: value)
                case .boolean:
                    writer.append(column: index, bool: tag & 2 != 0)
                }
            }
            writer.endRow()
            rows += 1
            if cursor.byte() == 0xFF { file += writer.takeOutput() }
        }
        file += writer.finish()
        do {
            let summary = try ParquetFileCheck.check(file)
            guard summary.rows == rows else {
                return .failure(.init("the file holds \(summary.rows) rows, \(rows) were written"))
            }
            return .success(rows)
        } catch {
            return .failure(error)
        }
    }

    /// Reads the input front to back; past its end, every byte is 0.
    struct Cursor {
        let input: UnsafeBufferPointer<UInt8>
        var position = 0

        init(_ input: UnsafeBufferPointer<UInt8>) { self.input = input }

        var isAtEnd: Bool { position >= input.count }

        mutating func byte() -> UInt8 {
            defer { position += 1 }
            return position < input.count ? input[position] : 0
        }

        mutating func bytes(_ count: Int) -> [UInt8] {
            let start = Swift.min(position, input.count)
            let end = Swift.min(position + count, input.count)
            position += count
            return Array(input[start..<end])
        }

        mutating func integer<Value: FixedWidthInteger>(_: Value.Type) -> Value {
            var value: Value = 0
            for _ in 0..<MemoryLayout<Value>.size { value = value << 8 | Value(truncatingIfNeeded: byte()) }
            return value
        }
    }
}
