/// One output row: column names with values, in the table's column order.
public struct Row: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case string(String)
        case int(Int64)
        case double(Double)
        case bool(Bool)
        case null
    }

    public var values: [(column: String, value: Value)]

    public init(_ values: [(column: String, value: Value)]) { self.values = values }

    public static func == (lhs: Row, rhs: Row) -> Bool {
        lhs.values.count == rhs.values.count
            && zip(lhs.values, rhs.values).allSatisfy { $0.column == $1.column && $0.value == $1.value }
    }

    /// The row as one line of JSON (no newline), columns in order.
    public func json() -> String {
        var out = "{"
        for (index, entry) in values.enumerated() {
            if index > 0 { out += "," }
            JSONText.appendString(entry.column, to: &out)
            out += ":"
            switch entry.value {
            case .string(let text): JSONText.appendString(text, to: &out)
            case .int(let number): out += String(number)
            case .double(let number): out += number.isFinite ? String(number) : "null"
            case .bool(let flag): out += flag ? "true" : "false"
            case .null: out += "null"
            }
        }
        return out + "}"
    }
}

/// JSON string escaping for rows and quarantine records.
enum JSONText {
    static func appendString(_ text: String, to out: inout String) {
        out += "\""
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += text
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
