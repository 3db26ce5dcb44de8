import SluiceEmit

/// Plan summaries as text for a terminal and as Markdown for a pull-request comment.
extension PlanSummary {
    /// `3 to create, 1 to update, 1 to replace, 0 to delete`, the shape Terraform uses.
    package var countsLine: String {
        let shown: [(Action, String)] = [
            (.create, "to create"), (.update, "to update"), (.replace, "to replace"), (.delete, "to delete"),
        ]
        var parts = shown.map { "\(counts[$0.0, default: 0]) \($0.1)" }
        if let reads = counts[.read], reads > 0 { parts.append("\(reads) to read") }
        if let forgets = counts[.forget], forgets > 0 { parts.append("\(forgets) to forget") }
        if !drift.isEmpty { parts.append("\(drift.count) changed outside Terraform") }
        return parts.joined(separator: ", ")
    }

    /// Everything, for a terminal or the full-plan artifact.
    package func text() -> String {
        var out = "Stack \(stack): \(hasChanges ? countsLine : "no changes")\n"
        for note in notes { out += "Note: \(note)\n" }
        if let schema { out += schema.text() }
        if !refused.isEmpty {
            out += "\nREFUSED: destroys resources that hold data (allow each with --allow-destroy ADDRESS):\n"
            for entry in refused { out += "  \(entry.action.rawValue) \(entry.address)\(Self.reason(entry))\n" }
        }
        let destructive = destructive
        if !destructive.isEmpty {
            out += "\nDestructive changes:\n"
            for entry in destructive {
                let data = entry.holdsData ? " [holds data]" : ""
                out += "  \(entry.action.rawValue) \(entry.address)\(data)\(Self.reason(entry))\n"
            }
        }
        for stage in stages {
            out += "\n\(stage):\n"
            for entry in entries where entry.stage == stage {
                out += "  \(Self.symbol(entry.action)) \(entry.address) (\(entry.action.rawValue))\n"
                for detail in entry.details { out += "      \(detail)\n" }
            }
        }
        if !drift.isEmpty {
            out += "\nChanged outside Terraform:\n"
            for entry in drift {
                out += "  \(entry.address) (\(entry.action.rawValue))\n"
                for detail in entry.details { out += "      \(detail)\n" }
            }
        }
        if !outputs.isEmpty {
            out += "\nOutputs:\n"
            for output in outputs {
                out += "  \(Self.symbol(output.action)) \(output.name) (\(output.action.rawValue))\n"
            }
        }
        return out
    }

    /// Markdown of at most `limit` characters: the counts, the schema section (within half the budget) and every
    /// refused or destructive change always,
    /// then the changes by stage folded in `<details>`, stage by stage while they fit. What does not fit is
    /// named, and stays in the full plan (the text summary and plan JSON of the run's artifact).
    package func markdown(limit: Int = 20_000) -> String {
        // Room kept for the closing notes, so the result never passes the limit.
        let budget = limit - 400
        var out = "### Stack \(Markdown.code(stack, inTable: false)): \(hasChanges ? countsLine : "no changes")\n"
        if !notes.isEmpty { out += "\n" + notes.map { "- **Note:** \(Markdown.inline($0))\n" }.joined() }
        // Half the budget at most, so the refused and destructive changes that follow still fit.
        if let schema { out += schema.markdown(limit: budget / 2) }
        var omitted = 0
        func add(_ rows: [String], to text: inout String) {
            for row in rows {
                if omitted == 0, text.count + row.count <= budget { text += row } else { omitted += 1 }
            }
        }
        if !refused.isEmpty {
            out += "\n:no_entry: **Refused**: this plan destroys resources that hold data. "
            out += "Allow each on purpose with `--allow-destroy ADDRESS`:\n\n"
            add(
                refused.map {
                    "- \(Markdown.code($0.address, inTable: false)) "
                        + "(\($0.action.rawValue)\(Self.reason($0, prefix: ", ")))\n"
                }, to: &out)
        }
        let destructive = destructive
        if !destructive.isEmpty {
            out += "\n| destructive change | resource | reason |\n|---|---|---|\n"
            add(
                destructive.map { entry in
                    let data = entry.holdsData ? " (holds data)" : ""
                    return "| \(entry.action.rawValue)\(data) | \(Markdown.code(entry.address)) | "
                        + "\(Markdown.inline(entry.reason ?? "")) |\n"
                }, to: &out)
        }
        var sections: [String] = []
        for stage in stages {
            let stageEntries = entries.filter { $0.stage == stage }
            var section = "\n<details><summary>\(stage): \(stageEntries.count) change"
            section += "\(stageEntries.count == 1 ? "" : "s")</summary>\n\n| | resource | changes |\n|---|---|---|\n"
            for entry in stageEntries {
                let details = entry.details.map(Self.escape).joined(separator: "<br>")
                section += "| \(entry.action.rawValue) | \(Markdown.code(entry.address)) | \(details) |\n"
            }
            sections.append(section + "\n</details>\n")
        }
        if !drift.isEmpty {
            var section = "\n<details><summary>\(drift.count) changed outside Terraform</summary>\n\n"
            for entry in drift {
                let details = entry.details.map(Self.escape).joined(separator: "; ")
                section += "- \(Markdown.code(entry.address, inTable: false))\(details.isEmpty ? "" : ": \(details)")\n"
            }
            sections.append(section + "\n</details>\n")
        }
        var left = 0
        for section in sections {
            if omitted == 0, left == 0, out.count + section.count <= budget { out += section } else { left += 1 }
        }
        if omitted > 0 {
            out += "\n_\(omitted) more destructive change\(omitted == 1 ? "" : "s") did not fit in this comment: "
            out += "see the full plan in the run's artifacts._\n"
        }
        if left > 0 {
            out += "\n_\(left) more section\(left == 1 ? "" : "s") of changes did not fit in this comment: "
            out += "see the full plan in the run's artifacts._\n"
        }
        return out
    }

    private static func reason(_ entry: Entry, prefix: String = ": ") -> String {
        entry.reason.map { "\(prefix)\($0)" } ?? ""
    }

    private static func symbol(_ action: Action) -> String {
        switch action {
        case .create: "+"
        case .update: "~"
        case .replace: "-/+"
        case .delete: "-"
        case .read: "<="
        case .forget: "."
        case .noop: " "
        }
    }

    /// Keeps table cells intact and shows a change as written: attribute paths and values (for_each keys, tag
    /// values) may hold `|`, line breaks, backticks or `<`, escaped as the generated docs escape declaration text.
    private static func escape(_ text: String) -> String {
        Markdown.inline(text)
    }
}
