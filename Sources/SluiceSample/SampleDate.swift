import SluiceProcessing

/// The dates a sample writes, from milliseconds since the epoch, in UTC: HAProxy's accept dates and ISO 8601
/// for query strings. Calendar arithmetic by hand, so no time-zone database or Foundation is involved.
enum SampleDate {
    private static let months: [StaticString] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// `%tr`: `02/Mar/2026:00:00:00.123`.
    static func appendHTTP(_ millis: Int64, to out: inout [UInt8]) {
        let time = Parts(millis)
        appendDayMonthYearTime(time, to: &out)
        out.append(UInt8(ascii: "."))
        out.appendDecimal(time.millisecond, width: 3)
    }

    /// `%trg`: `02/Mar/2026:00:00:00 +0000` (the milliseconds go in `%ms`).
    static func appendCLF(_ millis: Int64, to out: inout [UInt8]) {
        appendDayMonthYearTime(Parts(millis), to: &out)
        out.appendASCII(" +0000")
    }

    /// `2026-03-02T00:00:00Z`, or `2026-03-02T00:00:00.123Z` with the milliseconds.
    static func appendISO(_ millis: Int64, millisecond: Bool = false, to out: inout [UInt8]) {
        let time = Parts(millis)
        out.appendDecimal(time.year, width: 4)
        out.append(UInt8(ascii: "-"))
        out.appendDecimal(time.month, width: 2)
        out.append(UInt8(ascii: "-"))
        out.appendDecimal(time.day, width: 2)
        out.append(UInt8(ascii: "T"))
        appendClock(time, to: &out)
        if millisecond {
            out.append(UInt8(ascii: "."))
            out.appendDecimal(time.millisecond, width: 3)
        }
        out.append(UInt8(ascii: "Z"))
    }

    private static func appendDayMonthYearTime(_ time: Parts, to out: inout [UInt8]) {
        out.appendDecimal(time.day, width: 2)
        out.append(UInt8(ascii: "/"))
        months[time.month - 1].withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(UInt8(ascii: "/"))
        out.appendDecimal(time.year, width: 4)
        out.append(UInt8(ascii: ":"))
        appendClock(time, to: &out)
    }

    private static func appendClock(_ time: Parts, to out: inout [UInt8]) {
        out.appendDecimal(time.hour, width: 2)
        out.append(UInt8(ascii: ":"))
        out.appendDecimal(time.minute, width: 2)
        out.append(UInt8(ascii: ":"))
        out.appendDecimal(time.second, width: 2)
    }

    /// A time's calendar fields. Times before 1970 are not made (`SampleOptions.validate`).
    struct Parts {
        var year, month, day, hour, minute, second, millisecond: Int

        init(_ millis: Int64) {
            let days = Int(millis / 86_400_000)
            var rest = Int(millis % 86_400_000)
            (year, month, day) = SampleDate.civil(daysSinceEpoch: days)
            hour = rest / 3_600_000
            rest %= 3_600_000
            minute = rest / 60_000
            rest %= 60_000
            second = rest / 1000
            millisecond = rest % 1000
        }
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01.
    static func civil(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let date = Timestamps.civil(days: Int64(days))
        return (Int(date.year), Int(date.month), Int(date.day))
    }
}
