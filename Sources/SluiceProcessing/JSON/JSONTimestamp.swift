/// Instants in JSON values, for `timestamp` and `date` columns, in milliseconds since the epoch (UTC).
///
/// Text: RFC 3339 / ISO 8601 (`2024-01-02T03:04:05.678Z`, `2024-01-02T03:04:05+02:00`, `+0200`, `+02`, a space or
/// `t` for the `T`, seconds and fraction optional, digits past milliseconds dropped), Athena's form
/// (`2024-01-02 03:04:05.678`, no zone: UTC), or a day alone (`2024-01-02`: its midnight, UTC).
/// Numbers: epoch time, the unit told by the magnitude, since loggers write all four: below 1e11 seconds (until
/// the year 5138), below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds; a fraction is kept to the
/// millisecond.
enum JSONTimestamp {
    /// The earliest and latest instants a timestamp column holds: years 0001 to 9999.
    static let range: ClosedRange<Int64> = -62_135_596_800_000...253_402_300_799_999

    /// The instant `text` names, nil when it is none of the text forms.
    static func milliseconds(text: ArraySlice<UInt8>) -> Int64? {
        text.withUnsafeBufferPointer { milliseconds(bytes: $0) }
    }

    private static func milliseconds(bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10]),
            let days = Timestamps.days(year: year, month: month, day: day)
        else { return nil }
        var milliseconds = days * 86_400_000
        guard bytes.count > 10 else { return milliseconds }
        let separator = bytes[10]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " "),
            bytes.count >= 16,
            bytes[13] == UInt8(ascii: ":"), let hour = number(bytes[11..<13]), hour < 24,
            let minute = number(bytes[14..<16]), minute < 60
        else { return nil }
        var index = 16
        var second: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            // 60: a leap second, as RFC 3339 allows; it reads as the next minute's first second.
            guard index + 3 <= bytes.count, let value = number(bytes[(index + 1)..<(index + 3)]), value <= 60 else {
                return nil
            }
            second = value
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                index += 1
                let start = index
                var fraction: Int64 = 0
                while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
                    if index - start < 3 { fraction = fraction * 10 + Int64(bytes[index] - UInt8(ascii: "0")) }
                    index += 1
                }
                guard index > start else { return nil }
                for _ in min(index - start, 3)..<3 { fraction *= 10 }
                milliseconds += fraction
            }
        }
        milliseconds += ((hour * 60 + minute) * 60 + second) * 1000
        guard index < bytes.count else { return milliseconds }
        let zone = bytes[index]
        if zone == UInt8(ascii: "Z") || zone == UInt8(ascii: "z") {
            return index + 1 == bytes.count ? milliseconds : nil
        }
        guard zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-"), index + 3 <= bytes.count,
            let zoneHours = number(bytes[(index + 1)..<(index + 3)]), zoneHours < 24
        else { return nil }
        var rest = bytes[(index + 3)...]
        if rest.first == UInt8(ascii: ":") { rest = rest.dropFirst() }
        var zoneMinutes: Int64 = 0
        if !rest.isEmpty {
            guard rest.count == 2, let value = number(rest), value < 60 else { return nil }
            zoneMinutes = value
        }
        let offset = (zoneHours * 60 + zoneMinutes) * 60_000
        return zone == UInt8(ascii: "+") ? milliseconds - offset : milliseconds + offset
    }

    /// The instant an epoch number names (unit by magnitude, a fraction past the millisecond dropped), nil when
    /// it is not a number or beyond the range.
    static func milliseconds(epoch text: ArraySlice<UInt8>) -> Int64? {
        guard let value = JSONNumber.double(text) else { return nil }
        let magnitude = value.magnitude
        // Exact, from the digits as written: the double only picks the unit.
        let scale = magnitude < 1e11 ? 3 : magnitude < 1e14 ? 0 : magnitude < 1e17 ? -3 : -6
        guard case .value(let milliseconds) = JSONNumber.integer(text, scale: scale, truncating: true),
            range.contains(milliseconds)
        else { return nil }
        return milliseconds
    }

    private static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int64? {
        var value: Int64 = 0
        for byte in digits {
            guard byte &- UInt8(ascii: "0") < 10 else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return digits.isEmpty ? nil : value
    }
}
