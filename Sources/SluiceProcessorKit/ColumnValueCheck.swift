import SluiceProcessing

/// The last step of building a row: every value against its column's type, by position, so that a writer never
/// gets a value its column cannot hold. The Parquet writer would write such a value as null and the JSON writer
/// as it is (which Athena then fails to read, or reads as null): either loses it, and the two formats would hold
/// different rows. The line is quarantined instead, with the column, the value and the type in its reason.
///
/// What a column holds: null in any column; a string in `string`; an integer in `bigint`, in `int` when it fits 32
/// bits, in `double` when the double is exactly it (rewritten as that double, as a record field's integers are);
/// a finite double in `double` (JSON has no NaN or infinity, so the formats would differ); a boolean in `boolean`;
/// a timestamp in `timestamp` and a date in `date`, each from 0000-01-01 to 9999-12-31 (the years Athena's text,
/// and so the JSON writer, spells with four digits: beyond, the JSON would hold another day than the Parquet).
enum ColumnValueCheck {
    /// The timestamps (milliseconds since the epoch) of 0000-01-01 00:00:00.000 to 9999-12-31 23:59:59.999.
    static let timestamps: ClosedRange<Int64> = -62_167_219_200_000...253_402_300_799_999
    /// The days (since 1970-01-01) of 0000-01-01 to 9999-12-31.
    static let days: ClosedRange<Int32> = -719_528...2_932_896

    /// Whether `type` holds `value` as it is (the integer a `double` column takes is rewritten by `mismatch`, not
    /// held as it is); the one rule for both columns and partition keys.
    @inline(__always)
    static func fits(_ value: Row.Value, _ type: ColumnType) -> Bool {
        // Payloads are bound only where a value is needed: the common case copies nothing.
        switch value {
        case .null: true
        case .string: type == .string
        case .int(let number): type == .bigint || (type == .int && Int32(exactly: number) != nil)
        case .double(let number): type == .double && number.isFinite
        case .bool: type == .boolean
        case .timestamp(let milliseconds): type == .timestamp && timestamps.contains(milliseconds)
        case .date(let days): type == .date && Self.days.contains(days)
        }
    }

    /// Checks the table columns' `values` (partition keys are checked when the partition is named) against
    /// `layout`'s types; nil when every value fits, else why the first one does not.
    @inline(__always)
    static func mismatch(_ values: inout [Row.Value], layout: ColumnLayout) -> LineFailure? {
        let types = layout.types
        for position in values.indices {
            let type = types[position]
            if fits(values[position], type) { continue }
            if type == .double, case .int(let number) = values[position], let exact = Double(exactly: number) {
                values[position] = .double(exact)
                continue
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
        case .timestamp(let milliseconds):
            guard timestamps.contains(milliseconds) else {
                return "the timestamp \(milliseconds) ms from the epoch (outside 0000-01-01 to 9999-12-31)"
            }
            return "the timestamp \(Timestamps.athena(milliseconds))"
        case .date(let days):
            guard Self.days.contains(days) else {
                return "the date \(days) days from 1970-01-01 (outside 0000-01-01 to 9999-12-31)"
            }
            return "the date \(Timestamps.day(days))"
        }
    }
}
