import SluiceCost

/// `sluice cost`'s report for a terminal: each pipeline's lines grouped by stage with the stage's total, each line's
/// quantity, unit price and formula, the totals by account, the assumptions and the alternatives; then the project's
/// total and, with a base, what changed. Columns are aligned and no line is wider than `width`.
package enum CostText {
    /// The widest line the report prints (a formula or an assumption longer than that wraps).
    package static let width = 110
    /// How many changed lines the comparison lists.
    package static let changedLinesShown = 10

    package static func report(
        _ estimate: ProjectEstimate, project: String, comparison: CostComparison = .none
    ) -> String {
        var out = ""
        for pipeline in estimate.pipelines {
            out += section(pipeline)
            out += "\n"
        }
        let count = estimate.pipelines.count
        out += fit(
            "\(clean(project)): \(count) pipeline\(count == 1 ? "" : "s")",
            "\(CostFigures.money(estimate.monthlyUSD))/month")
        out += wrap("prices as of \(estimate.pricesAsOf); free tiers not applied", indent: 0)
        switch comparison {
        case .none: break
        // One line whatever the path's length: scripts and readers look for it.
        case .missing(let path): out += "no base estimate at \(clean(path)): no comparison\n"
        case .delta(let delta): out += "\n" + self.delta(delta)
        }
        return out
    }

    static func section(_ pipeline: PipelineEstimate) -> String {
        let summary = CostSummary(pipeline)
        var out = fit(clean(pipeline.pipeline), "\(CostFigures.money(pipeline.monthlyUSD))/month")
        let itemWidth = min(36, pipeline.lines.map { clean($0.item).count }.max() ?? 0)
        let accountWidth = min(16, pipeline.lines.map { clean($0.account).count }.max() ?? 0)
        for stage in summary.stages {
            out += fit("  \(stage.stage.rawValue)", CostFigures.money(stage.monthlyUSD))
            for line in stage.lines {
                // The unit once: the price is per the same unit.
                let quantity =
                    CostFigures.quantity(line.quantity, unit: line.unit) + " × "
                    + CostFigures.price(line.unitPriceUSD)
                let left =
                    "    \(padded(clean(line.item), itemWidth))  \(padded(clean(line.account), accountWidth))  "
                    + clean(quantity)
                out += fit(left, CostFigures.money(line.monthlyUSD))
                out += wrap(line.formula, indent: 6)
            }
        }
        out += "  by account\n"
        for account in summary.accounts {
            let region = account.region.map { " (\(clean($0)))" } ?? ""
            out += fit("    \(clean(account.account))\(region)", CostFigures.money(account.monthlyUSD))
        }
        if !pipeline.assumptions.isEmpty {
            out += "  assumptions\n"
            for assumption in pipeline.assumptions { out += wrap("- " + assumption, indent: 4, hanging: 2) }
        }
        if !pipeline.alternatives.isEmpty {
            out += "  alternatives\n"
            for alternative in pipeline.alternatives { out += wrap("- " + alternative.sentence, indent: 4, hanging: 2) }
        }
        return out
    }

    static func delta(_ delta: CostDelta) -> String {
        var out = fit(
            "against the base (\(clean(delta.basePath)))",
            "\(CostFigures.money(delta.beforeUSD)) → \(CostFigures.money(delta.afterUSD)), "
                + CostFigures.change(delta.deltaUSD))
        let nameWidth = min(40, delta.pipelines.map { clean($0.pipeline).count }.max() ?? 0)
        for pipeline in delta.pipelines {
            let before = pipeline.beforeUSD.map(CostFigures.money) ?? "new"
            let after = pipeline.afterUSD.map(CostFigures.money) ?? "removed"
            out += fit(
                "  \(padded(clean(pipeline.pipeline), nameWidth))",
                "\(before) → \(after), \(CostFigures.change(pipeline.deltaUSD))")
        }
        guard !delta.lines.isEmpty else { return out + "  no line changed\n" }
        out += "  lines that changed most\n"
        for line in delta.lines.prefix(changedLinesShown) {
            let key = line.key
            out += fit(
                "    \(clean(key.pipeline)): \(clean(key.stage)), \(clean(key.account)), \(clean(key.item))",
                "\(CostFigures.money(line.beforeUSD)) → \(CostFigures.money(line.afterUSD)), "
                    + CostFigures.change(line.deltaUSD))
        }
        if delta.lines.count > changedLinesShown {
            out += "    … \(delta.lines.count - changedLinesShown) more\n"
        }
        return out
    }

    /// `left` and `right` on one line of `width`, `right` flush right; `left` is cut with "…" to leave room.
    static func fit(_ left: String, _ right: String) -> String {
        let room = width - right.count - 2
        let shown = left.count > room ? String(left.prefix(max(0, room - 1))) + "…" : left
        return shown + String(repeating: " ", count: width - shown.count - right.count) + right + "\n"
    }

    /// Text wrapped at word boundaries to `width`, its first line indented by `indent` and the others by
    /// `indent + hanging`; a word longer than a line is cut.
    static func wrap(_ text: String, indent: Int, hanging: Int = 0) -> String {
        var out = ""
        var line = String(repeating: " ", count: indent)
        var empty = true
        for word in clean(text).split(separator: " ") {
            var word = String(word)
            let room = width - indent - hanging
            if word.count > room { word = String(word.prefix(room - 1)) + "…" }
            if !empty && line.count + 1 + word.count > width {
                out += line + "\n"
                line = String(repeating: " ", count: indent + hanging)
                empty = true
            }
            line += (empty ? "" : " ") + word
            empty = false
        }
        return out + line + "\n"
    }

    private static func padded(_ text: String, _ width: Int) -> String {
        text.count > width
            ? String(text.prefix(width - 1)) + "…" : text + String(repeating: " ", count: width - text.count)
    }

    /// Declared text on a terminal: one line, no control characters.
    private static func clean(_ text: String) -> String { Markdown.oneLine(text) }
}
