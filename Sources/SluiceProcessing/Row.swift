/// One output row: its values by position, in the table's column order. The column names are the writer's, held
/// once (`GzipNDJSONWriter(columns:)`), not repeated in every row.
public struct Row: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case string(String)
        case int(Int64)
        case double(Double)
        case bool(Bool)
        /// An instant, in milliseconds since 1970-01-01T00:00:00Z: a `timestamp` column.
        case timestamp(Int64)
        /// A day, counted from 1970-01-01: a `date` column.
        case date(Int32)
        case null
    }

    /// The values, column by column.
    public var values: [Value]

    public init(_ values: [Value]) { self.values = values }

    /// The value of the column at `position` (0-based, in the table's column order).
    @inlinable
    public subscript(position: Int) -> Value { values[position] }

    /// The number of values: the table's column count.
    @inlinable
    public var count: Int { values.count }
}

extension Row.Value {
    /// Appends the value as JSON: timestamps and dates as the text Athena's JSON SerDe reads as one.
    func appendJSON(to out: inout [UInt8]) {
        switch self {
        case .string(let text): JSONText.appendString(text, to: &out)
        case .int(let number): JSONText.appendInteger(number, to: &out)
        case .double(let number): out.append(contentsOf: (number.isFinite ? String(number) : "null").utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .timestamp(let milliseconds): JSONText.appendString(Timestamps.athena(milliseconds), to: &out)
        case .date(let days): JSONText.appendString(Timestamps.day(days), to: &out)
        case .null: out.append(contentsOf: "null".utf8)
        }
    }
}

/// Rows as JSON lines under fixed column names: each name's `{"name":` or `,"name":` is escaped once, not per row.
public struct JSONRowEncoder: Sendable {
    /// The columns' names.
    public let columns: [String]
    private let keys: [[UInt8]]

    public init(columns: [String]) {
        self.columns = columns
        keys = columns.enumerated().map { index, name in
            var key: [UInt8] = [index == 0 ? UInt8(ascii: "{") : UInt8(ascii: ",")]
            JSONText.appendString(name, to: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
    }

    /// Appends the row as one line of JSON and a newline, columns in order; a row of more values than columns
    /// writes the first `columns.count`, and a missing value is null.
    public func appendJSONLine(_ row: Row, to out: inout [UInt8]) {
        if keys.isEmpty { out.append(UInt8(ascii: "{")) }
        for (index, key) in keys.enumerated() {
            out.append(contentsOf: key)
            (index < row.values.count ? row.values[index] : .null).appendJSON(to: &out)
        }
        out.append(UInt8(ascii: "}"))
        out.append(UInt8(ascii: "\n"))
    }
}

/// Values with their names, for JSON records that are not lake rows: quarantine records, run summaries, what
/// `sluice logs parse` prints.
public struct NamedValues: Sendable, Equatable {
    public var values: [(column: String, value: Row.Value)]

    public init(_ values: [(column: String, value: Row.Value)]) { self.values = values }

    public static func == (lhs: NamedValues, rhs: NamedValues) -> Bool {
        lhs.values.count == rhs.values.count
            && zip(lhs.values, rhs.values).allSatisfy { $0.column == $1.column && $0.value == $1.value }
    }

    /// Appends the values as one line of JSON and a newline, in order.
    public func appendJSONLine(to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (index, entry) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendString(entry.column, to: &out)
            out.append(UInt8(ascii: ":"))
            entry.value.appendJSON(to: &out)
        }
        out.append(UInt8(ascii: "}"))
        out.append(UInt8(ascii: "\n"))
    }

    /// The values as one line of JSON (no newline).
    public func json() -> String {
        var out: [UInt8] = []
        appendJSONLine(to: &out)
        return String(decoding: out.dropLast(), as: UTF8.self)
    }
}

/// JSON string escaping for rows and quarantine records.
enum JSONText {
    /// Appends `text` quoted, escaping what JSON requires; text with nothing to escape is copied as it is.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                out.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [
                        UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)],
                    ])
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends a decimal integer.
    static func appendInteger(_ number: Int64, to out: inout [UInt8]) {
        if number == 0 {
            out.append(UInt8(ascii: "0"))
            return
        }
        if number < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var divisor: UInt64 = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        }
    }
}
