/// Checks AWS's 6-field cron expressions (`cron(minutes hours day-of-month month day-of-week year)`), as Glue
/// and EventBridge read them.
package enum CronRules {
    private struct Field {
        let name: String
        let range: ClosedRange<Int>
        let names: [String]
        let extra: Set<Character>
    }

    private static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    private static let days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
    private static let fields = [
        Field(name: "minutes", range: 0...59, names: [], extra: []),
        Field(name: "hours", range: 0...23, names: [], extra: []),
        Field(name: "day-of-month", range: 1...31, names: [], extra: ["?", "L", "W"]),
        Field(name: "month", range: 1...12, names: months, extra: []),
        Field(name: "day-of-week", range: 1...7, names: days, extra: ["?", "L", "#"]),
        Field(name: "year", range: 1970...2199, names: [], extra: []),
    ]

    /// The problem with a schedule (`hourly`, `daily` or a cron expression), or nil.
    package static func scheduleProblem(_ schedule: String) -> String? {
        if schedule == "hourly" || schedule == "daily" { return nil }
        guard schedule.hasPrefix("cron(") && schedule.hasSuffix(")") else {
            return "a schedule is 'hourly', 'daily' or 'cron(minutes hours day-of-month month day-of-week year)', "
                + "found '\(schedule)'"
        }
        let body = schedule.dropFirst(5).dropLast()
        let parts = body.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard parts.count == 6 else {
            return "a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), "
                + "'\(schedule)' has \(parts.count)"
        }
        for (field, text) in zip(fields, parts) {
            if let problem = fieldProblem(text, field) { return "in '\(schedule)': \(problem)" }
        }
        let dayOfMonth = parts[2]
        let dayOfWeek = parts[4]
        if (dayOfMonth == "?") == (dayOfWeek == "?") {
            return "in '\(schedule)': exactly one of day-of-month and day-of-week must be '?'"
        }
        return nil
    }

    private static func fieldProblem(_ text: String, _ field: Field) -> String? {
        if text == "*" { return nil }
        if text == "?" { return field.extra.contains("?") ? nil : "'?' is not allowed in \(field.name)" }
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            if let problem = itemProblem(String(item), field) { return problem }
        }
        return nil
    }

    private static func itemProblem(_ item: String, _ field: Field) -> String? {
        let bad = "'\(item)' is not a valid \(field.name) value (\(field.range.lowerBound)-\(field.range.upperBound))"
        if item.isEmpty { return bad }
        if field.extra.contains("L"), item == "L" || item == "LW" { return nil }
        if field.extra.contains("W"), item.hasSuffix("W"), let day = Int(item.dropLast()), field.range.contains(day) {
            return nil
        }
        if field.extra.contains("L"), item.hasSuffix("L"), value(String(item.dropLast()), field) != nil { return nil }
        if field.extra.contains("#") {
            let pieces = item.split(separator: "#", omittingEmptySubsequences: false)
            if pieces.count == 2 {
                return value(String(pieces[0]), field) != nil && (1...5).contains(Int(pieces[1]) ?? 0) ? nil : bad
            }
        }
        let stepParts = item.split(separator: "/", omittingEmptySubsequences: false)
        if stepParts.count > 2 { return bad }
        if stepParts.count == 2 {
            guard let step = Int(stepParts[1]), step > 0 else { return bad }
        }
        let start = String(stepParts[0])
        if start == "*" { return stepParts.count == 2 ? nil : bad }
        let range = start.split(separator: "-", omittingEmptySubsequences: false)
        guard range.count <= 2, let low = value(String(range[0]), field) else { return bad }
        if range.count == 2 {
            guard let high = value(String(range[1]), field), low <= high else { return bad }
        }
        return nil
    }

    /// The values one comma-separated item of field `index` (0 minutes ... 5 year) takes: `*` or `?` all,
    /// `*/n` and `a/n` every n-th from a, `a-b` and `a-b/n` a range, a number or a name. Nil for the day fields'
    /// `L`, `W` and `#` items (they depend on the calendar) and for anything `scheduleProblem` refuses.
    package static func values(_ item: String, fieldAt index: Int) -> [Int]? {
        guard fields.indices.contains(index) else { return nil }
        let field = fields[index]
        if item == "*" || item == "?" { return Array(field.range) }
        let stepParts = item.split(separator: "/", omittingEmptySubsequences: false)
        guard stepParts.count <= 2 else { return nil }
        var step = 1
        if stepParts.count == 2 {
            guard let parsed = Int(stepParts[1]), parsed > 0 else { return nil }
            step = parsed
        }
        let start = String(stepParts[0])
        if start == "*" {
            return stepParts.count == 2
                ? Array(stride(from: field.range.lowerBound, through: field.range.upperBound, by: step)) : nil
        }
        let range = start.split(separator: "-", omittingEmptySubsequences: false)
        guard range.count <= 2, let low = value(String(range[0]), field) else { return nil }
        // `a/n` runs from a to the field's end; `a-b` to b; a lone value is itself.
        var high = stepParts.count == 2 ? field.range.upperBound : low
        if range.count == 2 {
            guard let end = value(String(range[1]), field), low <= end else { return nil }
            high = end
        }
        return Array(stride(from: low, through: high, by: step))
    }

    private static func value(_ text: String, _ field: Field) -> Int? {
        if let number = Int(text), field.range.contains(number) { return number }
        if let index = field.names.firstIndex(of: text.uppercased()) { return field.range.lowerBound + index }
        return nil
    }
}
