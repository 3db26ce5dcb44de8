/// Text as a typed value: what Athena answers (every value of a result set is text) made into the value of the
/// column it fills.
extension Row.Value {
    /// `text` as a value of `type`; nil text, or text that is not one, is null. Timestamps are read as Athena
    /// prints them (`2024-01-02 03:04:05.678`, fraction optional, a `T` accepted for the space, UTC); dates as
    /// `2024-01-02`.
    package init(text: String?, as type: ColumnType) {
        guard let text else {
            self = .null
            return
        }
        switch type {
        case .string: self = .string(text)
        case .int: self = Int32(text).map { .int(Int64($0)) } ?? .null
        case .bigint: self = Int64(text).map(Row.Value.int) ?? .null
        case .double: self = Double(text).map(Row.Value.double) ?? .null
        case .boolean: self = text == "true" ? .bool(true) : text == "false" ? .bool(false) : .null
        case .timestamp: self = Timestamps.milliseconds(athena: text).map(Row.Value.timestamp) ?? .null
        case .date: self = Timestamps.days(day: text).map(Row.Value.date) ?? .null
        }
    }
}

extension Row.Value {
    /// The value as one of `type`, for a record field declared as a column of another type: numbers as doubles,
    /// anything as its text (timestamps and dates as Athena prints them). Null stays null, and so does a value
    /// with no such form.
    package func converted(to type: ColumnType) -> Row.Value {
        switch (self, type) {
        case (.null, _): .null
        case (.string, .string), (.int, .int), (.int, .bigint), (.double, .double), (.bool, .boolean),
            (.timestamp, .timestamp), (.date, .date):
            self
        case (.int(let number), .double): .double(Double(number))
        case (.int(let number), .string): .string(String(number))
        case (.double(let number), .string): number.isFinite ? .string(String(number)) : .null
        case (.bool(let flag), .string): .string(flag ? "true" : "false")
        case (.timestamp(let milliseconds), .string): .string(Timestamps.athena(milliseconds))
        case (.date(let days), .string): .string(Timestamps.day(days))
        default: .null
        }
    }
}

extension Timestamps {
    /// Milliseconds since the epoch of `yyyy-MM-dd HH:mm:ss[.fraction]` (UTC); digits past milliseconds are
    /// dropped. Nil for anything else.
    package static func milliseconds(athena text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19, bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let days = days(day: String(decoding: bytes[0..<10], as: UTF8.self)),
            let hour = number(bytes[11..<13]), hour < 24, let minute = number(bytes[14..<16]), minute < 60,
            let second = number(bytes[17..<19]), second < 60
        else { return nil }
        var millisecond: Int64 = 0
        if bytes.count > 19 {
            guard bytes[19] == UInt8(ascii: "."), bytes.count > 20, number(bytes[20...]) != nil else { return nil }
            let digits = bytes[20..<min(bytes.count, 23)]
            millisecond = number(digits)! * [100, 10, 1][digits.count - 1]
        }
        return Int64(days) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond
    }

    /// The day count since 1970-01-01 of `yyyy-MM-dd`; nil for anything else, or a date that does not exist.
    package static func days(day text: String) -> Int32? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10]),
            let days = days(year: year, month: month, day: day)
        else { return nil }
        return Int32(days)
    }

    /// The day count since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`, the inverse of
    /// `civil(days:)`); nil for a date that does not exist (month 13, 2024-02-30: a day past the month's end comes
    /// back from `civil` as another date).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64? {
        guard (1...12).contains(month), day >= 1, day <= 31 else { return nil }
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        guard civil(days: days) == (year, month, day) else { return nil }
        return days
    }

    /// The decimal number of ASCII digits only; nil when empty or anything else.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int64? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
