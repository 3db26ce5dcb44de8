import SluiceProcessing

/// The last step of building a row: every value against its column's type, by position, so that a writer never
/// gets a value its column cannot hold. The Parquet writer would write such a value as null and the JSON writer
/// as it is (which Athena then fails to read, or reads as null): either loses it, and the two formats would hold
/// different rows. The line is quarantined instead, with the column, the value and the type in its reason.
///
/// What a column holds: null in any column; a string in `string`; an integer in `bigint`, in `int` when it fits 32
/// bits, in `double` when the double is exactly it (rewritten as that double, as a record field's integers are);
/// a finite double in `double` (JSON has no NaN or infinity, so the formats would differ); a boolean in `boolean`;
/// a timestamp in `timestamp`; a date in `date`.
enum ColumnValueCheck {
    /// Checks the table columns' `values` (partition keys are checked when the partition is named) against
    /// `layout`'s types; nil when every value fits, else why the first one does not.
    @inline(__always)
    static func mismatch(_ values: inout [Row.Value], layout: ColumnLayout) -> LineFailure? {
        let types = layout.types
        for position in values.indices {
            let type = types[position]
            // Payloads are bound only where a value is needed: the common case copies nothing.
            switch values[position] {
            case .null: continue
            case .string: if type == .string { continue }
            case .int(let number):
                switch type {
                case .bigint: continue
                case .int: if Int32(exactly: number) != nil { continue }
                case .double:
                    if let exact = Double(exactly: number) {
                        values[position] = .double(exact)
                        continue
                    }
                default: break
                }
            case .double(let number): if type == .double, number.isFinite { continue }
            case .bool: if type == .boolean { continue }
            case .timestamp: if type == .timestamp { continue }
            case .date: if type == .date { continue }
            }
            return LineFailure(reason(values[position], column: layout.names[position], type: type))
        }
        return nil
    }

    /// `column seats is int and cannot hold the integer 4294967296 (beyond 32 bits)`.
    static func reason(_ value: Row.Value, column: String, type: ColumnType) -> String {
        "column \(column) is \(type.rawValue) and cannot hold \(describe(value, in: type))"
    }

    /// The value, shortened, with what is wrong with it when its kind is right.
    static func describe(_ value: Row.Value, in type: ColumnType) -> String {
        switch value {
        case .null: return "null"
        case .string(let text):
            let shown = String(text.unicodeScalars.prefix(64)).debugDescription
            let bytes = text.utf8.count
            return "the string \(shown)" + (text.unicodeScalars.count > 64 ? "... (\(bytes) bytes)" : "")
        case .int(let number):
            switch type {
            case .int: return "the integer \(number) (beyond 32 bits)"
            case .double: return "the integer \(number) (no double is exactly it)"
            default: return "the integer \(number)"
            }
        case .double(let number):
            return "the double \(number)" + (type == .double ? " (JSON has no NaN or infinity)" : "")
        case .bool(let flag): return "the boolean \(flag)"
        case .timestamp(let milliseconds): return "the timestamp \(Timestamps.athena(milliseconds))"
        case .date(let days): return "the date \(Timestamps.day(days))"
        }
    }
}
