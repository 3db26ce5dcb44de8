import SluiceEmit
import SluiceModel

/// The schema section of a plan summary, as text and as Markdown.
extension SchemaSection {
    /// The allowance's flag, as the summaries spell it.
    static let flag = "--allow-schema-change"

    /// The section for a terminal: its notes, then each change, refused ones first.
    package func text() -> String {
        var out = "\nSchema (compared with \(basePath)):\n"
        for note in notes { out += "  \(note)\n" }
        if changes.isEmpty, notes.isEmpty { out += "  no column changes\n" }
        for change in ordered {
            let mark = change.refused ? "REFUSED " : change.breaking ? "ALLOWED " : ""
            out += "  \(mark)\(change.kind.rawValue) \(change.qualifiedColumn)\(change.shownDetail)"
            out += change.refused ? " (allow with \(Self.flag) \(change.allowance))\n" : "\n"
            out += "      data already written: \(change.effect)\n"
            if !change.users.isEmpty { out += "      used by: \(change.usersText { $0 })\n" }
        }
        return out
    }

    /// The section for a pull-request comment, in at most about `limit` characters: its notes, the refusal when
    /// there is one, then a table of the changes, refused ones first. Room goes to the refused changes first (their
    /// allowance lines, then their table rows), then to the notes, then to the other rows, so notes and safe rows are
    /// cut before any refused one. Past the limit even refused changes are cut, and their count is named; every
    /// line cut is in the text summary.
    package func markdown(limit: Int = 10_000) -> String {
        let header = "\n#### Schema (compared with \(Markdown.code(basePath, inTable: false)))\n\n"
        let refused = refused
        var intro = notes.isEmpty ? "" : "\n"
        intro += ":no_entry: **Refused**: these changes break data already written or what reads it. "
        intro += "Allow each on purpose with `\(Self.flag) TABLE.COLUMN`, or migrate (README, \"Schema changes\"):\n\n"
        let tableHeader = "\n| change | column | used by | data already written |\n|---|---|---|---|\n"
        let rows = ordered.map { change in
            let mark = change.refused ? "**refused** " : change.breaking ? "allowed " : ""
            return "| \(mark)\(change.kind.rawValue) | \(Markdown.code(change.qualifiedColumn))"
                + "\(Markdown.inline(change.shownDetail)) | \(change.usersText { Markdown.code($0) }) | "
                + "\(Markdown.inline(change.effect)) |\n"
        }
        // The closing notes' room, so the result stays within the limit.
        var room =
            limit - header.count - 400 - (refused.isEmpty ? 0 : intro.count) - (rows.isEmpty ? 0 : tableHeader.count)
        func take(_ lines: [String]) -> [String] {
            var kept: [String] = []
            for line in lines {
                guard line.count <= room else { break }
                kept.append(line)
                room -= line.count
            }
            return kept
        }
        let allowances = take(refused.map { "- \(Markdown.code($0.allowance, inTable: false))\n" })
        let refusedRows = allowances.count == refused.count ? take(Array(rows.prefix(refused.count))) : []
        let noteLines = take(notes.map { "- \(Markdown.inline($0))\n" })
        let otherRows = refusedRows.count == refused.count ? take(Array(rows.dropFirst(refused.count))) : []
        var out = header + noteLines.joined()
        if changes.isEmpty, notes.isEmpty { out += "No column changes.\n" }
        if !refused.isEmpty { out += intro + allowances.joined() }
        if !refusedRows.isEmpty || !otherRows.isEmpty { out += tableHeader + (refusedRows + otherRows).joined() }
        let cutRefused = refused.count - allowances.count
        if cutRefused > 0 {
            out += "\n_\(cutRefused) more refused change\(cutRefused == 1 ? "" : "s") did not fit in this comment: the "
            out += "text summary in the run's artifacts (and `sluice plan`'s output) names every one._\n"
        }
        let cut = notes.count - noteLines.count + rows.count - refusedRows.count - otherRows.count
        if cut > 0 {
            out += "\n_\(cut) more schema line\(cut == 1 ? "" : "s") did not fit in this comment: see the "
            out += "text summary in the run's artifacts._\n"
        }
        return out
    }

    /// One line per refused change, for `brief()`.
    package func briefLines() -> [String] {
        refused.map { "  REFUSED schema \($0.kind.rawValue) \($0.allowance) (allow with \(Self.flag))\n" }
    }

    /// Refused first, then the other breaking ones, then the safe ones; in each, by table and column.
    var ordered: [SchemaChange] {
        changes.sorted { a, b in
            let rank = { (change: SchemaChange) in change.refused ? 0 : change.breaking ? 1 : 2 }
            return (rank(a), a.database, a.table, a.column) < (rank(b), b.database, b.table, b.column)
        }
    }
}

extension SchemaChange {
    /// `database.table.column`.
    var qualifiedColumn: String { "\(database).\(table).\(column)" }

    /// ` (string -> bigint)`, ` -> new_name (string)`, ` (string, partition key)`.
    var shownDetail: String {
        let key = partitionKey ? ", partition key" : ""
        switch kind {
        case .renamed: return " -> \(newName ?? "") (\(newType ?? "")\(key))"
        case .retyped, .widened, .format: return " (\(detail)\(key))"
        case .resourced: return " (\(newType ?? ""), \(detail)\(key))"
        case .added, .removed: return " (\(oldType ?? "")\(key))"
        case .partitioning: return " (\(detail))"
        }
    }

    /// `view a; dataset b; dashboard c (visuals: c: T)`, each name shown through `show`.
    func usersText(_ show: (String) -> String) -> String {
        var parts: [String] = []
        if !users.views.isEmpty { parts.append("view\(users.views.count == 1 ? "" : "s") " + list(users.views)) }
        if !users.datasets.isEmpty {
            parts.append("dataset\(users.datasets.count == 1 ? "" : "s") " + list(users.datasets))
        }
        if !users.dashboards.isEmpty {
            var text = "dashboard\(users.dashboards.count == 1 ? "" : "s") " + list(users.dashboards)
            if !users.visuals.isEmpty { text += " (visuals: \(users.visuals.map(show).joined(separator: ", ")))" }
            parts.append(text)
        }
        return parts.joined(separator: "; ")

        func list(_ names: [String]) -> String { names.map(show).joined(separator: ", ") }
    }
}
