/// The stages a cost line belongs to, in the order data flows through a pipeline.
package enum CostStage: String, CaseIterable, Sendable, Codable {
    case source = "source log group"
    case delivery = "delivery"
    case replication = "replication"
    case trigger = "trigger"
    case processor = "processor"
    case enrichment = "enrichment"
    case lake = "lake"
    case catalog = "catalog"
    case queries = "queries"
    case dashboards = "dashboards"
    case deadLetters = "dead letters"
}

/// One line of an estimate: a quantity a month, its unit price, and the formula that gave both.
package struct CostLine: Sendable, Codable, Equatable {
    package var stage: CostStage
    /// The logical account (`production`, `analytics`) whose bill the line lands on.
    package var account: String
    /// What is billed, in a few words ("Firehose ingestion").
    package var item: String
    /// How many `unit`s a month.
    package var quantity: Double
    /// The unit of `quantity`, the same as the price's ("GB", "1000 requests", "GB-second").
    package var unit: String
    /// The price-table figure the line is priced with.
    package var priceKey: PriceKey
    package var unitPriceUSD: Double
    /// quantity × unit price.
    package var monthlyUSD: Double
    /// The arithmetic, with the figures put in ("2,000,000 events/day × 30 days × 300 B = 18 GB").
    package var formula: String

    package init(
        stage: CostStage, account: String, item: String, quantity: Double, unit: String, priceKey: PriceKey,
        unitPriceUSD: Double, formula: String
    ) {
        self.stage = stage
        self.account = account
        self.item = item
        self.quantity = quantity
        self.unit = unit
        self.priceKey = priceKey
        self.unitPriceUSD = unitPriceUSD
        self.monthlyUSD = quantity * unitPriceUSD
        self.formula = formula
    }
}

/// A choice the manifest could make instead, and what it would change.
package struct CostAlternative: Sendable, Codable, Equatable {
    /// What would change, as the manifest would say it ("catalog: projection instead of crawler").
    package var change: String
    /// The pipeline's monthly total with that choice.
    package var monthlyUSD: Double
    /// That total minus the pipeline's estimate (negative: cheaper).
    package var deltaUSD: Double
    /// The lines whose cost differs, as (item, current, alternative), largest difference first.
    package var changedLines: [ChangedLine]

    package init(change: String, monthlyUSD: Double, deltaUSD: Double, changedLines: [ChangedLine]) {
        self.change = change
        self.monthlyUSD = monthlyUSD
        self.deltaUSD = deltaUSD
        self.changedLines = changedLines
    }
}

/// A line present in two estimates (or in one of them, with 0 for the other), with both costs.
package struct ChangedLine: Sendable, Codable, Equatable {
    package var stage: CostStage
    package var account: String
    package var item: String
    package var beforeUSD: Double
    package var afterUSD: Double

    package init(stage: CostStage, account: String, item: String, beforeUSD: Double, afterUSD: Double) {
        self.stage = stage
        self.account = account
        self.item = item
        self.beforeUSD = beforeUSD
        self.afterUSD = afterUSD
    }
}

/// One pipeline's monthly estimate.
package struct PipelineEstimate: Sendable, Codable, Equatable {
    package var pipeline: String
    /// The region of each account the lines land in, by logical account name.
    package var regions: [String: String]
    /// Each volume figure the estimate assumed, with "declared" or "default", and every other assumption
    /// (a region priced with another's figures, free tiers not applied, ...).
    package var assumptions: [String]
    package var lines: [CostLine]
    package var alternatives: [CostAlternative]

    package init(
        pipeline: String, regions: [String: String], assumptions: [String], lines: [CostLine],
        alternatives: [CostAlternative]
    ) {
        self.pipeline = pipeline
        self.regions = regions
        self.assumptions = assumptions
        self.lines = lines
        self.alternatives = alternatives
    }

    package var monthlyUSD: Double { lines.reduce(0) { $0 + $1.monthlyUSD } }
}

/// Every pipeline's estimate, priced with one price table.
package struct ProjectEstimate: Sendable, Codable, Equatable {
    /// The oldest `asOf` among the figures used: how fresh the estimate's prices are.
    package var pricesAsOf: String
    package var pipelines: [PipelineEstimate]

    package init(pricesAsOf: String, pipelines: [PipelineEstimate]) {
        self.pricesAsOf = pricesAsOf
        self.pipelines = pipelines
    }

    package var monthlyUSD: Double { pipelines.reduce(0) { $0 + $1.monthlyUSD } }
}
