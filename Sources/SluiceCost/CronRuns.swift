import SluiceModel

/// How many times a day, on average over a year, a crawler schedule runs.
///
/// A cron expression runs (minutes × hours) times on each day its day-of-month, month and day-of-week fields
/// match. Those days are counted over one calendar year, 2025 (365 days, starting on a Wednesday), so a weekly
/// schedule is 52 days of 365 and a weekday schedule 261. The calendar-dependent items are counted exactly on
/// that year: `L` (the month's last day), `LW` (its last weekday), `nW` (the weekday nearest day n, within the
/// month), `xL` (the month's last weekday x) and `x#n` (its n-th weekday x); another year moves them by a day or
/// two, which is the approximation. The year field is taken as a year the schedule runs in.
package enum CronRuns {
    /// What a schedule's runs a day are made of.
    package struct Count: Sendable, Equatable {
        /// Runs on each matching day: the minutes field's values × the hours field's.
        package var runsPerMatchingDay: Int
        /// The days of the counted year on which the day fields match.
        package var matchingDays: Int
        /// Whether `L`, `W` or `#` made the count depend on the counted year's calendar.
        package var calendarDependent: Bool

        /// Runs per day averaged over the year.
        package var perDay: Double { Double(runsPerMatchingDay) * Double(matchingDays) / Double(CronRuns.yearDays) }
    }

    /// The days in the counted year.
    package static let yearDays = 365
    /// The counted year, named in formulas.
    package static let countedYear = 2025
    /// 2025's first day is a Wednesday: 4 in AWS's day-of-week numbering (1 = SUN ... 7 = SAT).
    private static let firstWeekday = 4
    private static let monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

    /// Runs per day averaged over the year; `hourly` 24, `daily` 1.
    package static func perDay(_ schedule: Schedule) -> Double { count(schedule).perDay }

    /// The runs on each matching day and the matching days of the counted year.
    package static func count(_ schedule: Schedule) -> Count {
        let fields = schedule.cron.dropFirst("cron(".count).dropLast().split(separator: " ").map(String.init)
        guard fields.count == 6 else {
            return Count(runsPerMatchingDay: 1, matchingDays: yearDays, calendarDependent: false)
        }
        let runs = plainValues(fields[0], fieldAt: 0).count * plainValues(fields[1], fieldAt: 1).count
        let special = (fields[2] + fields[4]).contains { "LW#".contains($0) }
        let any: Set<String> = ["*", "?"]
        // Every day (`hourly`, `daily` and most schedules): no calendar to walk.
        if any.contains(fields[2]), any.contains(fields[4]), fields[3] == "*" {
            return Count(runsPerMatchingDay: runs, matchingDays: yearDays, calendarDependent: false)
        }
        let months = Set(plainValues(fields[3], fieldAt: 3))
        // Each item parsed once, not once a day: the walk below runs for every estimate and its alternatives.
        let dayOfMonth = fields[2].split(separator: ",").map { DayItem(dayOfMonth: String($0)) }
        let dayOfWeek = fields[4].split(separator: ",").map { DayItem(dayOfWeek: String($0)) }
        var matching = 0
        var weekday = firstWeekday
        for (index, length) in monthLengths.enumerated() {
            let month = MonthCalendar(length: length, firstWeekday: weekday)
            if months.contains(index + 1) {
                for day in 1...length
                where dayOfMonth.contains(where: { month.matches($0, day: day) })
                    && dayOfWeek.contains(where: { month.matches($0, day: day) })
                {
                    matching += 1
                }
            }
            weekday = (weekday - 1 + length) % 7 + 1
        }
        return Count(runsPerMatchingDay: runs, matchingDays: matching, calendarDependent: special)
    }

    /// The formula of a schedule's runs a day, figures put in.
    package static func formula(_ schedule: Schedule) -> String {
        let count = count(schedule)
        // Every day: the runs a day alone, as `hourly` and `daily` read.
        if count.matchingDays == yearDays { return "\(count.runsPerMatchingDay) runs/day (\(schedule.written))" }
        let calendar = count.calendarDependent ? ", L/W/# counted on \(countedYear)'s calendar" : ""
        return "\(count.runsPerMatchingDay) runs × \(count.matchingDays)/\(yearDays) days (\(schedule.written)"
            + "\(calendar)) = \(num(count.perDay)) runs/day"
    }

    /// A plain field's values, each value once (a list may overlap itself).
    private static func plainValues(_ field: String, fieldAt index: Int) -> [Int] {
        let items = field.split(separator: ",").map { CronRules.values(String($0), fieldAt: index) ?? [] }
        return Array(Set(items.joined()))
    }

    /// One item of a day field, parsed.
    private enum DayItem {
        /// Days of the month (day-of-month) or weekdays (day-of-week) it names.
        case days(Set<Int>)
        case weekdays(Set<Int>)
        /// `L`: the month's last day.
        case lastDay
        /// `LW`: the month's last weekday.
        case lastWeekdayOfMonth
        /// `nW`: the weekday nearest day n.
        case nearestWeekday(Int)
        /// `xL`: the month's last weekday x.
        case lastOf(Set<Int>)
        /// `x#n`: the month's n-th weekday x.
        case nth(Set<Int>, Int)

        init(dayOfMonth item: String) {
            if item == "L" {
                self = .lastDay
            } else if item == "LW" {
                self = .lastWeekdayOfMonth
            } else if item.hasSuffix("W"), let target = Int(item.dropLast()) {
                self = .nearestWeekday(target)
            } else {
                self = .days(Set(CronRules.values(item, fieldAt: 2) ?? []))
            }
        }

        init(dayOfWeek item: String) {
            let pieces = item.split(separator: "#")
            if item == "L" || item == "LW" {
                // `L` alone is the week's last day, Saturday.
                self = .weekdays([7])
            } else if item.hasSuffix("L"), let target = CronRules.values(String(item.dropLast()), fieldAt: 4) {
                self = .lastOf(Set(target))
            } else if pieces.count == 2, let target = CronRules.values(String(pieces[0]), fieldAt: 4),
                let nth = Int(pieces[1])
            {
                self = .nth(Set(target), nth)
            } else {
                self = .weekdays(Set(CronRules.values(item, fieldAt: 4) ?? []))
            }
        }
    }

    /// One month of the counted year, for the calendar-dependent items.
    private struct MonthCalendar {
        let length: Int
        let firstWeekday: Int

        func weekday(_ day: Int) -> Int { (firstWeekday - 1 + day - 1) % 7 + 1 }

        func matches(_ item: DayItem, day: Int) -> Bool {
            switch item {
            case .days(let days): days.contains(day)
            case .weekdays(let weekdays): weekdays.contains(weekday(day))
            case .lastDay: day == length
            case .lastWeekdayOfMonth: day == nearestWeekday(length)
            case .nearestWeekday(let target): target <= length && day == nearestWeekday(target)
            case .lastOf(let weekdays): weekdays.contains(weekday(day)) && day + 7 > length
            case .nth(let weekdays, let nth): weekdays.contains(weekday(day)) && (day - 1) / 7 + 1 == nth
            }
        }

        /// The weekday nearest `target` without leaving the month (Saturday moves back, Sunday forward, except
        /// at the month's edges).
        func nearestWeekday(_ target: Int) -> Int {
            switch weekday(target) {
            case 7: target == 1 ? 3 : target - 1
            case 1: target == length ? target - 2 : target + 1
            default: target
            }
        }
    }
}
