import SluiceCost

/// What an estimate is compared with: nothing, a base that has no estimate (a first pull request, or a base older
/// than `generated/cost.json`), or the base's estimate.
package enum CostComparison: Sendable, Equatable {
    case none
    /// The base checkout has no `generated/cost.json` at `path` (as the user named it).
    case missing(path: String)
    case delta(CostDelta)
}

/// The figures of an estimate that a comparison reads, by pipeline: what the base's committed `generated/cost.json`
/// holds, or a branch's estimate. Stages are kept as their names, so that a base written by another version of
/// Sluice (with a stage this one lacks) still compares.
package struct CostBaseline: Sendable, Equatable {
    package struct Pipeline: Sendable, Equatable {
        package var monthlyUSD: Double
        /// Each line's monthly cost by its key; lines with the same key are added up.
        package var lines: [CostLineKey: Double]

        package init(monthlyUSD: Double, lines: [CostLineKey: Double]) {
            self.monthlyUSD = monthlyUSD
            self.lines = lines
        }
    }

    package var pipelines: [String: Pipeline]

    package init(pipelines: [String: Pipeline]) { self.pipelines = pipelines }

    /// An estimate's figures, rounded as `generated/cost.json` stores them, so a branch compared with the same
    /// estimate read back from its file shows no change.
    package init(_ estimate: ProjectEstimate) {
        var pipelines: [String: Pipeline] = [:]
        for pipeline in estimate.pipelines {
            var lines: [CostLineKey: Double] = [:]
            for line in pipeline.lines {
                let key = CostLineKey(
                    pipeline: pipeline.pipeline, stage: line.stage.rawValue, account: line.account, item: line.item)
                lines[key, default: 0] += CostFigures.stored(line.monthlyUSD)
            }
            pipelines[pipeline.pipeline] = Pipeline(
                monthlyUSD: CostFigures.stored(pipeline.monthlyUSD), lines: lines)
        }
        self.pipelines = pipelines
    }

    /// Only the named pipeline (`sluice cost --pipeline`).
    package func only(_ name: String) -> CostBaseline {
        CostBaseline(pipelines: pipelines.filter { $0.key == name })
    }
}

/// What identifies a cost line across two estimates.
package struct CostLineKey: Sendable, Hashable {
    package var pipeline: String
    package var stage: String
    package var account: String
    package var item: String

    package init(pipeline: String, stage: String, account: String, item: String) {
        self.pipeline = pipeline
        self.stage = stage
        self.account = account
        self.item = item
    }

    /// Pipeline, then stage in the order data flows (a stage this Sluice does not know last), account, item.
    static func ordered(_ lhs: CostLineKey, _ rhs: CostLineKey) -> Bool {
        func rank(_ stage: String) -> Int {
            CostStage.allCases.firstIndex { $0.rawValue == stage } ?? CostStage.allCases.count
        }
        return (lhs.pipeline, rank(lhs.stage), lhs.stage, lhs.account, lhs.item)
            < (rhs.pipeline, rank(rhs.stage), rhs.stage, rhs.account, rhs.item)
    }
}

/// A branch's estimate against its base's: each pipeline's total before and after, and the lines that changed,
/// the largest change first.
package struct CostDelta: Sendable, Equatable {
    /// A pipeline's total in the base (nil: added) and in the branch (nil: removed).
    package struct PipelineChange: Sendable, Equatable {
        package var pipeline: String
        package var beforeUSD: Double?
        package var afterUSD: Double?
        package var deltaUSD: Double { (afterUSD ?? 0) - (beforeUSD ?? 0) }
    }

    /// A line whose monthly cost changed by at least half a cent (0 on the side that lacks it).
    package struct LineChange: Sendable, Equatable {
        package var key: CostLineKey
        package var beforeUSD: Double
        package var afterUSD: Double
        package var deltaUSD: Double { afterUSD - beforeUSD }
    }

    /// Where the base's estimate was read, as the user named it.
    package var basePath: String
    /// Every pipeline of either side, in name order.
    package var pipelines: [PipelineChange]
    /// The changed lines, largest absolute change first (ties in pipeline, stage, account and item order).
    package var lines: [LineChange]

    package var beforeUSD: Double { pipelines.reduce(0) { $0 + ($1.beforeUSD ?? 0) } }
    package var afterUSD: Double { pipelines.reduce(0) { $0 + ($1.afterUSD ?? 0) } }
    package var deltaUSD: Double { afterUSD - beforeUSD }

    /// The pipelines whose total changed (added and removed ones included), largest change first, then the others
    /// in name order: the order a report too small for all of them keeps the ones that matter.
    package var pipelinesByChange: [PipelineChange] {
        let changed = pipelines.filter {
            CostFigures.isVisible($0.deltaUSD) || $0.beforeUSD == nil || $0.afterUSD == nil
        }
        let unchanged = pipelines.filter { !changed.contains($0) }
        return changed.sorted { abs($0.deltaUSD) > abs($1.deltaUSD) } + unchanged
    }

    package init(base: CostBaseline, branch: CostBaseline, basePath: String) {
        self.basePath = basePath
        let names = Set(base.pipelines.keys).union(branch.pipelines.keys).sorted()
        pipelines = names.map {
            PipelineChange(
                pipeline: $0, beforeUSD: base.pipelines[$0]?.monthlyUSD, afterUSD: branch.pipelines[$0]?.monthlyUSD)
        }
        // Line keys name their pipeline, so every pipeline's lines compare in one set.
        func lines(_ side: CostBaseline) -> [CostLineKey: Double] {
            side.pipelines.values.reduce(into: [:]) { $0.merge($1.lines) { first, _ in first } }
        }
        self.lines = AmountChanges.between(
            lines(base), lines(branch), counts: CostFigures.isVisible, ordered: CostLineKey.ordered
        ).map { LineChange(key: $0.key, beforeUSD: $0.before, afterUSD: $0.after) }
    }
}
