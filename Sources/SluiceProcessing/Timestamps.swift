/// Epoch milliseconds as the lake writes them, computed by hand into bytes: a formatter, or a `String` built
/// piece by piece, would cost more per line than parsing the line.
package enum Timestamps {
    /// `yyyy-MM-dd HH:mm:ss.SSS` in UTC: the text Athena reads from JSON as a `timestamp`.
    package static func athena(_ milliseconds: Int64) -> String {
        let (days, millisecondOfDay) = split(milliseconds)
        let seconds = millisecondOfDay / 1000
        return String(unsafeUninitializedCapacity: 24) { buffer in
            var at = writeDate(days: days, into: buffer)
            at = write(seconds / 3600, width: 2, after: UInt8(ascii: " "), into: buffer, at: at)
            at = write(seconds / 60 % 60, width: 2, after: UInt8(ascii: ":"), into: buffer, at: at)
            at = write(seconds % 60, width: 2, after: UInt8(ascii: ":"), into: buffer, at: at)
            return write(millisecondOfDay % 1000, width: 3, after: UInt8(ascii: "."), into: buffer, at: at)
        }
    }

    /// Appends `athena(milliseconds)`'s bytes, making no `String` (longer than a small one, it would allocate).
    package static func appendAthena(_ milliseconds: Int64, to out: inout [UInt8]) {
        let (days, millisecondOfDay) = split(milliseconds)
        let seconds = millisecondOfDay / 1000
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var at = writeDate(days: days, into: buffer)
            at = write(seconds / 3600, width: 2, after: UInt8(ascii: " "), into: buffer, at: at)
            at = write(seconds / 60 % 60, width: 2, after: UInt8(ascii: ":"), into: buffer, at: at)
            at = write(seconds % 60, width: 2, after: UInt8(ascii: ":"), into: buffer, at: at)
            at = write(millisecondOfDay % 1000, width: 3, after: UInt8(ascii: "."), into: buffer, at: at)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<at]))
        }
    }

    /// Appends `day(days)`'s bytes.
    package static func appendDay(_ days: Int32, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { buffer in
            let end = writeDate(days: Int64(days), into: buffer)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<end]))
        }
    }

    /// Writes `athena(milliseconds)`'s 23 bytes into `buffer`; returns how many.
    static func writeAthena(_ milliseconds: Int64, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let (days, millisecondOfDay) = split(milliseconds)
        let seconds = millisecondOfDay / 1000
        var at = writeDate(days: days, into: buffer)
        at = write(seconds / 3600, width: 2, after: UInt8(ascii: " "), into: buffer, at: at)
        at = write(seconds / 60 % 60, width: 2, after: UInt8(ascii: ":"), into: buffer, at: at)
        at = write(seconds % 60, width: 2, after: UInt8(ascii: ":"), into: buffer, at: at)
        return write(millisecondOfDay % 1000, width: 3, after: UInt8(ascii: "."), into: buffer, at: at)
    }

    /// Writes `day(days)`'s 10 bytes into `buffer`; returns how many.
    static func writeDay(_ days: Int32, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        writeDate(days: Int64(days), into: buffer)
    }

    /// `yyyy-MM-dd` in UTC: the `dt` partition.
    package static func date(_ milliseconds: Int64) -> String {
        let days = split(milliseconds).days
        return String(unsafeUninitializedCapacity: 16) { writeDate(days: days, into: $0) }
    }

    /// `yyyy-MM-dd` of a day counted from 1970-01-01: a `date` column in JSON.
    package static func day(_ days: Int32) -> String {
        String(unsafeUninitializedCapacity: 16) { writeDate(days: Int64(days), into: $0) }
    }

    /// The day (counted from 1970-01-01, UTC) an instant falls on: a `date` column's value.
    package static func days(_ milliseconds: Int64) -> Int32 {
        Int32(clamping: split(milliseconds).days)
    }

    private static func split(_ milliseconds: Int64) -> (days: Int64, millisecondOfDay: Int64) {
        let perDay: Int64 = 86_400_000
        let days = milliseconds >= 0 ? milliseconds / perDay : (milliseconds - perDay + 1) / perDay
        return (days, milliseconds - days * perDay)
    }

    /// Howard Hinnant's `civil_from_days`: the date of a day counted from 1970-01-01 in the proleptic Gregorian
    /// calendar, as Athena uses.
    package static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// Writes the civil date of a day count since 1970-01-01 and returns where it ended.
    private static func writeDate(days: Int64, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let (year, month, day) = civil(days: days)
        var at = write(max(0, min(year, 9999)), width: 4, into: buffer, at: 0)
        at = write(month, width: 2, after: UInt8(ascii: "-"), into: buffer, at: at)
        return write(day, width: 2, after: UInt8(ascii: "-"), into: buffer, at: at)
    }

    /// Writes `separator`, then `value` as `write(_:width:into:at:)` does.
    private static func write(
        _ value: Int64, width: Int, after separator: UInt8, into buffer: UnsafeMutableBufferPointer<UInt8>,
        at start: Int
    ) -> Int {
        buffer[start] = separator
        return write(value, width: width, into: buffer, at: start + 1)
    }

    /// Writes `value` (not negative, at most `width` digits) zero-padded to `width` digits.
    private static func write(_ value: Int64, width: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int)
        -> Int
    {
        var remaining = value
        for offset in stride(from: width - 1, through: 0, by: -1) {
            buffer[start + offset] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
        }
        return start + width
    }
}
