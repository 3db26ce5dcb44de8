import SluiceCost

/// A pipeline's estimate added up by stage (in the order data flows) and by account (in the order the lines first
/// name them): the totals every report shows beside the lines.
struct CostSummary {
    struct StageTotal {
        var stage: CostStage
        var monthlyUSD: Double
        var lines: [CostLine]
    }

    struct AccountTotal {
        var account: String
        var region: String?
        var monthlyUSD: Double
    }

    var stages: [StageTotal]
    var accounts: [AccountTotal]

    init(_ pipeline: PipelineEstimate) {
        stages = CostStage.allCases.compactMap { stage in
            let lines = pipeline.lines.filter { $0.stage == stage }
            guard !lines.isEmpty else { return nil }
            return StageTotal(stage: stage, monthlyUSD: lines.reduce(0) { $0 + $1.monthlyUSD }, lines: lines)
        }
        var order: [String] = []
        var totals: [String: Double] = [:]
        for line in pipeline.lines {
            if totals[line.account] == nil { order.append(line.account) }
            totals[line.account, default: 0] += line.monthlyUSD
        }
        accounts = order.map {
            AccountTotal(account: $0, region: pipeline.regions[$0], monthlyUSD: totals[$0] ?? 0)
        }
    }
}

extension CostAlternative {
    /// "catalog: projection instead of crawler: $110.00/month, −$13.45, mostly Glue crawler runs": the change, the
    /// total it gives, the difference and the line that makes most of it. Plain text; each report escapes it.
    var sentence: String {
        var text = "\(change): \(CostFigures.money(monthlyUSD))/month, \(CostFigures.change(deltaUSD))"
        if let first = changedLines.first { text += ", mostly \(first.item)" }
        return text
    }
}
