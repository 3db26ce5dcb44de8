/// One output row: column names with values, in the table's column order.
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

    public var values: [(column: String, value: Value)]

    public init(_ values: [(column: String, value: Value)]) { self.values = values }

    public static func == (lhs: Row, rhs: Row) -> Bool {
        lhs.values.count == rhs.values.count
            && zip(lhs.values, rhs.values).allSatisfy { $0.column == $1.column && $0.value == $1.value }
    }

    /// Appends the row as one line of JSON and a newline, columns in order: byte by byte, since building a
    /// `String` per row costs more than parsing the line it came from.
    public func appendJSONLine(to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (index, entry) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendString(entry.column, to: &out)
            out.append(UInt8(ascii: ":"))
            switch entry.value {
            case .string(let text): JSONText.appendString(text, to: &out)
            case .int(let number): JSONText.appendInteger(number, to: &out)
            case .double(let number): out.append(contentsOf: (number.isFinite ? String(number) : "null").utf8)
            case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
            // The text Athena's JSON SerDe reads as a timestamp or a date.
            case .timestamp(let milliseconds): JSONText.appendString(Timestamps.athena(milliseconds), to: &out)
            case .date(let days): JSONText.appendString(Timestamps.day(days), to: &out)
            case .null: out.append(contentsOf: "null".utf8)
            }
        }
        out.append(UInt8(ascii: "}"))
        out.append(UInt8(ascii: "\n"))
    }

    /// The row as one line of JSON (no newline), columns in order.
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
