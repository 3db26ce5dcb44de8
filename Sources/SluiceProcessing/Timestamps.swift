/// Epoch milliseconds as the lake writes them, computed by hand: a formatter per line would cost more than
/// parsing the line.
public enum Timestamps {
    /// `yyyy-MM-dd HH:mm:ss.SSS` in UTC: the text Athena reads from JSON as a `timestamp`.
    public static func athena(_ milliseconds: Int64) -> String {
        let (days, millisecondOfDay) = split(milliseconds)
        let seconds = millisecondOfDay / 1000
        return date(days: days) + " " + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":"
            + pad(seconds % 60, 2) + "." + pad(millisecondOfDay % 1000, 3)
    }

    /// `yyyy-MM-dd` in UTC: the `dt` partition.
    public static func date(_ milliseconds: Int64) -> String { date(days: split(milliseconds).days) }

    private static func split(_ milliseconds: Int64) -> (days: Int64, millisecondOfDay: Int64) {
        let perDay: Int64 = 86_400_000
        let days = milliseconds >= 0 ? milliseconds / perDay : (milliseconds - perDay + 1) / perDay
        return (days, milliseconds - days * perDay)
    }

    /// The civil date of a day count since 1970-01-01 (the proleptic Gregorian calendar, as Athena uses).
    private static func date(days: Int64) -> String {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
