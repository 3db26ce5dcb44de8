import SluiceCost

/// A pipeline's estimate in `generated/README.md`: its total, the totals by stage and by account, the assumptions in
/// one line, and where the formulas are.
enum CostDocs {
    static func section(_ pipeline: PipelineEstimate, pricesAsOf: String) -> String {
        let summary = CostSummary(pipeline)
        var out = "\n### Cost estimate\n\n"
        out += "**\(CostFigures.money(pipeline.monthlyUSD))/month**, at the prices of \(Markdown.inline(pricesAsOf)). "
        out += "Assumed: \(Markdown.inline(pipeline.assumptions.joined(separator: "; "))). "
        let command = Markdown.code("sluice cost --pipeline \(pipeline.pipeline)", inTable: false)
        out += "Run \(command) for the formulas and the alternatives.\n\n"
        out += "| stage | monthly |\n|---|---:|\n"
        for stage in summary.stages {
            out += "| \(stage.stage.rawValue) | \(CostFigures.money(stage.monthlyUSD)) |\n"
        }
        out += "\n| account | region | monthly |\n|---|---|---:|\n"
        for account in summary.accounts {
            out += "| \(Markdown.inline(account.account)) | \(Markdown.inline(account.region ?? "")) | "
            out += "\(CostFigures.money(account.monthlyUSD)) |\n"
        }
        return out
    }
}
