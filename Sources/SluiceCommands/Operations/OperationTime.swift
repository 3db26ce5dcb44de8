import Foundation

/// A point in time as `sluice replay` takes it: ISO 8601 (`2026-12-01T10:00:00Z`, with an offset or fractional
/// seconds, or a date alone, meaning its midnight UTC) or relative to now (`90m`, `24h`, `7d`).
enum OperationTime {
    /// The instant `text` names, `now` being the reference of a relative time.
    static func parse(_ text: String, now: Date) throws(OperationTimeError) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let relative = relative(trimmed) {
            return now.addingTimeInterval(-relative)
        }
        let full = ISO8601DateFormatter()
        full.formatOptions = [.withInternetDateTime]
        if let date = full.date(from: trimmed) { return date }
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = full.date(from: trimmed) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if trimmed.count == 10, let date = day.date(from: trimmed) { return date }
        throw OperationTimeError(text: text)
    }

    /// Seconds back from now for `24h`, `7d`, `90m`; nil for anything else.
    private static func relative(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let seconds = ["m": 60.0, "h": 3600.0, "d": 86400.0][String(unit)] else {
            return nil
        }
        let digits = text.dropLast()
        // Ten digits at most: a number of days that Date can still hold.
        guard (1...10).contains(digits.count), digits.allSatisfy(\.isASCII), let count = Int(digits), count > 0
        else { return nil }
        return Double(count) * seconds
    }

    /// `2026-12-01T10:00:00Z`: how the commands print an instant (and how a resume command quotes it).
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

/// A time `sluice replay` cannot read.
struct OperationTimeError: Error, CustomStringConvertible {
    var text: String
    var description: String {
        "'\(text)' is not a time: give ISO 8601 (2026-12-01T10:00:00Z, 2026-12-01T10:00:00+01:00 or a date alone, "
            + "2026-12-01, meaning its midnight UTC) or a time back from now (90m, 24h, 7d)"
    }
}

/// The window of `LastModified` times a replay covers: from `since` (included) to `until` (excluded).
struct ReplayWindow: Equatable {
    var since: Date
    var until: Date

    /// The window `--since` and `--until` name (`until` now when not given).
    static func parse(since: String, until: String?, now: Date) throws -> ReplayWindow {
        let start: Date
        let end: Date
        do {
            start = try OperationTime.parse(since, now: now)
        } catch {
            throw ReplayWindowError("--since: \(error)")
        }
        do {
            end = try until.map { try OperationTime.parse($0, now: now) } ?? now
        } catch {
            throw ReplayWindowError("--until: \(error)")
        }
        guard end > start else {
            throw ReplayWindowError(
                "--until (\(OperationTime.format(end))) must be after --since (\(OperationTime.format(start)))")
        }
        return ReplayWindow(since: start, until: end)
    }

    func contains(_ date: Date) -> Bool { date >= since && date < until }

    /// `2026-12-01T10:00:00Z..2026-12-02T10:00:00Z`
    var description: String { "\(OperationTime.format(since))..\(OperationTime.format(until))" }
}

/// A replay window that cannot be used, said with the option at fault.
struct ReplayWindowError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
