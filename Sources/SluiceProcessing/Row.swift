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
        for index in values.indices {
            let entry = values[index]
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendString(entry.column, to: &out)
            out.append(UInt8(ascii: ":"))
            switch entry.value {
            case .string(let text): JSONText.appendString(text, to: &out)
            case .int(let number): JSONText.appendInteger(number, to: &out)
            case .double(let number): out.append(contentsOf: (number.isFinite ? String(number) : "null").utf8)
            case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
            // The text Athena's JSON SerDe reads as a timestamp or a date.
            case .timestamp(let milliseconds):
                out.append(UInt8(ascii: "\""))
                Timestamps.appendAthena(milliseconds, to: &out)
                out.append(UInt8(ascii: "\""))
            case .date(let days):
                out.append(UInt8(ascii: "\""))
                Timestamps.appendDay(days, to: &out)
                out.append(UInt8(ascii: "\""))
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
        // A native string's bytes are read in place; only a bridged one is copied first.
        if text.utf8.withContiguousStorageIfAvailable({ appendString(bytes: $0, to: &out) }) == nil {
            appendString(bytes: Array(text.utf8), to: &out)
        }
    }

    /// Appends UTF-8 `bytes` as a JSON string, as `appendString(_:to:)` does.
    static func appendString(bytes: some Collection<UInt8>, to out: inout [UInt8]) {
        if bytes.withContiguousStorageIfAvailable({ appendString(buffer: $0, to: &out) }) == nil {
            Array(bytes).withUnsafeBufferPointer { appendString(buffer: $0, to: &out) }
        }
    }

    private static func appendString(buffer bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // The runs between bytes that need escaping are copied whole.
        var run = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if index > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index])) }
            run = index + 1
            out.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            default:
                let hex: StaticString = "0123456789abcdef"
                out.append(UInt8(ascii: "u"))
                out.append(0x30)
                out.append(0x30)
                out.append(hex.utf8Start[Int(byte >> 4)])
                out.append(hex.utf8Start[Int(byte & 15)])
            }
        }
        if bytes.count > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count])) }
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
