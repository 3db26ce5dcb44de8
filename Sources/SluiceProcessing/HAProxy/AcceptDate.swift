/// HAProxy's accept dates: `dd/Mon/yyyy:HH:MM:SS.mmm` (`%tr`, local time) and `dd/Mon/yyyy:HH:MM:SS +zzzz`
/// (`%trg`, CLF), read at fixed positions.
enum AcceptDate {
    /// Bytes between the brackets of `[%tr]`.
    static let httpWidth = 24
    /// Bytes between the brackets of `[%tr]` without milliseconds, as HAProxy 1.2 logged it (the manual's
    /// header-capture examples still show it): the milliseconds are then 0.
    static let httpWidthWithoutMilliseconds = 20
    /// Bytes between the brackets of `[%trg]`.
    static let clfWidth = 26

    /// Milliseconds since 1970-01-01T00:00:00Z of the date filling `range`.
    ///
    /// `%tr` carries no zone, so the HTTP form is read as UTC (a log written in another zone comes out shifted
    /// by that zone's offset); the CLF form applies its `+zzzz`. CLF has whole seconds only.
    static func milliseconds(
        _ range: Range<Int>, in cursor: ByteCursor, format: LogFormat
    ) throws(ParseFailure) -> Int64 {
        let width = format == .http ? httpWidth : clfWidth
        let withoutMilliseconds = format == .http && range.count == httpWidthWithoutMilliseconds
        guard range.count == width || withoutMilliseconds else { throw ParseFailure(.badDate, at: range.lowerBound) }
        let base = range.lowerBound
        let bytes = cursor.bytes

        func digits(_ offset: Int, _ count: Int) throws(ParseFailure) -> Int {
            var value = 0
            for index in base + offset..<base + offset + count {
                let digit = bytes[index] &- ASCII.zero
                guard digit < 10 else { throw ParseFailure(.badDate, at: index) }
                value = value * 10 + Int(digit)
            }
            return value
        }
        func literal(_ offset: Int, _ byte: UInt8) throws(ParseFailure) {
            guard bytes[base + offset] == byte else { throw ParseFailure(.badDate, at: base + offset) }
        }

        let day = try digits(0, 2)
        try literal(2, ASCII.slash)
        guard let month = month(bytes[base + 3], bytes[base + 4], bytes[base + 5]) else {
            throw ParseFailure(.badDate, at: base + 3)
        }
        try literal(6, ASCII.slash)
        let year = try digits(7, 4)
        try literal(11, ASCII.colon)
        let hour = try digits(12, 2)
        try literal(14, ASCII.colon)
        let minute = try digits(15, 2)
        try literal(17, ASCII.colon)
        let second = try digits(18, 2)
        guard day >= 1 && day <= daysIn(month: month, year: year) else { throw ParseFailure(.badDate, at: base) }
        guard hour < 24 else { throw ParseFailure(.badDate, at: base + 12) }
        guard minute < 60 else { throw ParseFailure(.badDate, at: base + 15) }
        // 60 is a leap second, which a local clock may print.
        guard second <= 60 else { throw ParseFailure(.badDate, at: base + 18) }

        var fraction = 0
        var zoneSeconds = 0
        switch format {
        case .http where withoutMilliseconds:
            break
        case .http:
            try literal(20, ASCII.dot)
            fraction = try digits(21, 3)
        case .clf:
            try literal(20, ASCII.space)
            let sign = bytes[base + 21]
            guard sign == ASCII.plus || sign == ASCII.minus else { throw ParseFailure(.badDate, at: base + 21) }
            let zoneHours = try digits(22, 2)
            let zoneMinutes = try digits(24, 2)
            guard zoneHours < 24 && zoneMinutes < 60 else { throw ParseFailure(.badDate, at: base + 22) }
            zoneSeconds = (zoneHours * 3600 + zoneMinutes * 60) * (sign == ASCII.minus ? -1 : 1)
        }

        let days = Int64(daysSinceEpoch(year: year, month: month, day: day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - zoneSeconds)
        // A zone can move 31/Dec/9999 (or 01/Jan/0000) out of the years a timestamp holds: the day would be written
        // clamped, filing the row under a `dt` it is not of.
        guard Self.instants.contains(seconds * 1000) else { throw ParseFailure(.badDate, at: base + 21) }
        return seconds * 1000 + Int64(fraction)
    }

    /// The instants of 0000-01-01 00:00:00 to 9999-12-31 23:59:59 UTC, in milliseconds: the years a timestamp holds.
    static let instants: ClosedRange<Int64> = -62_167_219_200_000...253_402_300_799_000

    /// The month (1...12) of an English three-letter abbreviation as HAProxy and syslog print it.
    static func month(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int? {
        switch (first, second, third) {
        case (0x4A, 0x61, 0x6E): 1  // Jan
        case (0x46, 0x65, 0x62): 2  // Feb
        case (0x4D, 0x61, 0x72): 3  // Mar
        case (0x41, 0x70, 0x72): 4  // Apr
        case (0x4D, 0x61, 0x79): 5  // May
        case (0x4A, 0x75, 0x6E): 6  // Jun
        case (0x4A, 0x75, 0x6C): 7  // Jul
        case (0x41, 0x75, 0x67): 8  // Aug
        case (0x53, 0x65, 0x70): 9  // Sep
        case (0x4F, 0x63, 0x74): 10  // Oct
        case (0x4E, 0x6F, 0x76): 11  // Nov
        case (0x44, 0x65, 0x63): 12  // Dec
        default: nil
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's `days_from_civil`), so the
    /// parser needs neither Foundation nor a time-zone database.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
