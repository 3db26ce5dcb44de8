import SluiceCost

/// `sluice cost --format markdown`: a summary (each pipeline's total and, with a base, its change; the lines that
/// changed most), never longer than `summaryBudget` bytes whatever the number of pipelines, then `detailsMarker`, then
/// each pipeline's full estimate (lines by stage and by account, formulas, assumptions, alternatives).
///
/// The pull request's comment takes the summary only (what precedes the marker, pr-comment.sh): the comment has
/// room for the plans of every stack, so the cost section's size must not grow with the project. The whole report is
/// the run's `plan-cost` artifact.
package enum CostMarkdown {
    /// The most bytes the summary takes, marker excluded: an eighth of a comment (GitHub takes 65,536 characters),
    /// enough for about 40 pipelines' totals and 10 changed lines.
    package static let summaryBudget = 8_000
    /// The line between the summary and the details.
    package static let detailsMarker = "<!-- sluice-cost-details -->"
    /// How many changed lines the summary lists at most.
    package static let changedLinesShown = 10

    package static func report(_ estimate: ProjectEstimate, comparison: CostComparison = .none) -> String {
        summary(estimate, comparison: comparison) + "\n" + detailsMarker + "\n" + details(estimate)
    }

    /// The summary, at most `budget` bytes.
    package static func summary(
        _ estimate: ProjectEstimate, comparison: CostComparison, budget: Int = summaryBudget
    ) -> String {
        let count = estimate.pipelines.count
        var out = "### Cost estimate\n\n"
        out += "**\(CostFigures.money(estimate.monthlyUSD))/month** for \(count) pipeline\(count == 1 ? "" : "s")"
        out += " (prices as of \(Markdown.inline(estimate.pricesAsOf)), free tiers not applied)"
        var rows: [(name: String, cells: String)] = []
        var changes: [CostDelta.LineChange] = []
        switch comparison {
        case .none:
            out += ".\n"
            rows = estimate.pipelines.map {
                ($0.pipeline, "| \(Markdown.inline($0.pipeline)) | \(CostFigures.money($0.monthlyUSD)) |\n")
            }
        case .missing(let path):
            out += ".\n\nNo base estimate at \(Markdown.code(path, inTable: false)): no comparison.\n"
            rows = estimate.pipelines.map {
                ($0.pipeline, "| \(Markdown.inline($0.pipeline)) | \(CostFigures.money($0.monthlyUSD)) |\n")
            }
        case .delta(let delta):
            out +=
                "; against the base: **\(CostFigures.change(delta.deltaUSD))** "
                + "(\(CostFigures.money(delta.beforeUSD)) before).\n"
            rows = delta.pipelinesByChange.map { pipeline in
                let total = pipeline.afterUSD.map(CostFigures.money) ?? "removed"
                let change = pipeline.beforeUSD == nil ? "new" : CostFigures.change(pipeline.deltaUSD)
                return (pipeline.pipeline, "| \(Markdown.inline(pipeline.pipeline)) | \(total) | \(change) |\n")
            }
            changes = delta.lines
        }
        let withChange = if case .delta = comparison { true } else { false }
        let more = { (count: Int, what: String) in
            "\n… \(count) more \(what): the full estimate is the `plan-cost` artifact (or run `sluice cost`).\n"
        }
        // The pipelines' table gets half the budget left after the heading and the changed lines the rest, each
        // closing with how many it left out; the longest closing line is kept free for each.
        let reserve = more(Int.max, "changed lines").utf8.count
        let pipelineBudget = (budget - out.utf8.count) / 2 - reserve
        var table =
            withChange
            ? "\n| pipeline | monthly | change |\n|---|---:|---:|\n" : "\n| pipeline | monthly |\n|---|---:|\n"
        var shown = 0
        for row in rows {
            guard table.utf8.count + row.cells.utf8.count <= pipelineBudget else { break }
            table += row.cells
            shown += 1
        }
        out += table
        if shown < rows.count { out += more(rows.count - shown, "pipelines") }
        guard withChange else { return out }
        if changes.isEmpty { return out + "\nNo line changed.\n" }
        var lines = "\nLines that changed most:\n\n| pipeline | stage | account | item | before | after | change |\n"
        lines += "|---|---|---|---|---:|---:|---:|\n"
        shown = 0
        for change in changes.prefix(changedLinesShown) {
            let key = change.key
            let row =
                "| \(Markdown.inline(key.pipeline)) | \(Markdown.inline(key.stage)) | \(Markdown.inline(key.account)) "
                + "| \(Markdown.inline(key.item)) | \(CostFigures.money(change.beforeUSD)) | "
                + "\(CostFigures.money(change.afterUSD)) | \(CostFigures.change(change.deltaUSD)) |\n"
            guard out.utf8.count + lines.utf8.count + row.utf8.count + reserve <= budget else { break }
            lines += row
            shown += 1
        }
        if shown > 0 { out += lines }
        if shown < changes.count { out += more(changes.count - shown, "changed lines") }
        return out
    }

    /// Each pipeline's whole estimate.
    package static func details(_ estimate: ProjectEstimate) -> String {
        var out = ""
        for pipeline in estimate.pipelines {
            let summary = CostSummary(pipeline)
            out += "\n#### \(Markdown.inline(pipeline.pipeline)): \(CostFigures.money(pipeline.monthlyUSD))/month\n\n"
            out += "| stage | item | account | quantity | unit price | monthly | formula |\n"
            out += "|---|---|---|---:|---:|---:|---|\n"
            for stage in summary.stages {
                for line in stage.lines {
                    out +=
                        "| \(stage.stage.rawValue) | \(Markdown.inline(line.item)) | \(Markdown.inline(line.account)) "
                    out += "| \(Markdown.inline(CostFigures.quantity(line.quantity, unit: line.unit))) "
                    out += "| \(Markdown.inline(CostFigures.unitPrice(line.unitPriceUSD, unit: line.unit))) "
                    out += "| \(CostFigures.money(line.monthlyUSD)) | \(Markdown.inline(line.formula)) |\n"
                }
                out += "| **\(stage.stage.rawValue)** | | | | | **\(CostFigures.money(stage.monthlyUSD))** | |\n"
            }
            out += "| **total** | | | | | **\(CostFigures.money(pipeline.monthlyUSD))** | |\n"
            out += "\n| account | region | monthly |\n|---|---|---:|\n"
            for account in summary.accounts {
                out += "| \(Markdown.inline(account.account)) | \(Markdown.inline(account.region ?? "")) | "
                out += "\(CostFigures.money(account.monthlyUSD)) |\n"
            }
            if !pipeline.assumptions.isEmpty {
                out += "\nAssumptions:\n\n"
                for assumption in pipeline.assumptions { out += "- \(Markdown.inline(assumption))\n" }
            }
            if !pipeline.alternatives.isEmpty {
                out += "\nAlternatives:\n\n"
                for alternative in pipeline.alternatives { out += "- \(Markdown.inline(alternative.sentence))\n" }
            }
        }
        return out
    }
}
