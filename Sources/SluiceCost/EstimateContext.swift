import SluiceModel

/// What every stage's lines are computed from: the pipeline, its volume and data flow, and the prices of the
/// account each line lands in.
package struct EstimateContext: Sendable {
    package var pipeline: Pipeline
    package var volume: VolumeFigures
    package var flow: DataFlow
    /// The logical account holding the log group and the Firehose stream.
    package var sourceAccount: String
    /// The logical account holding the processor, the lake and the catalog.
    package var analyticsAccount: String
    package var sourcePrices: RegionPrices
    package var analyticsPrices: RegionPrices

    package init(
        pipeline: Pipeline, volume: VolumeFigures, sourcePrices: RegionPrices, analyticsPrices: RegionPrices
    ) {
        self.pipeline = pipeline
        self.volume = volume
        self.flow = DataFlow(pipeline: pipeline, volume: volume)
        self.sourceAccount = pipeline.source.account
        self.analyticsAccount = pipeline.analyticsAccount
        self.sourcePrices = sourcePrices
        self.analyticsPrices = analyticsPrices
    }

    /// Days in the priced month (730 hours).
    package var days: Double { BillingUnits.daysPerMonth }

    /// A line in the source account, priced with `key` from its region.
    package func sourceLine(
        _ stage: CostStage, _ item: String, quantity: Double, unit: String, _ key: PriceKey, formula: String
    ) -> CostLine {
        CostLine(
            stage: stage, account: sourceAccount, item: item, quantity: quantity, unit: unit, priceKey: key,
            unitPriceUSD: sourcePrices[key], formula: formula)
    }

    /// A line in the analytics account, priced with `key` from its region.
    package func analyticsLine(
        _ stage: CostStage, _ item: String, quantity: Double, unit: String, _ key: PriceKey, formula: String
    ) -> CostLine {
        CostLine(
            stage: stage, account: analyticsAccount, item: item, quantity: quantity, unit: unit, priceKey: key,
            unitPriceUSD: analyticsPrices[key], formula: formula)
    }
}

/// Short spellings for formulas.
func num(_ value: Double) -> String { FigureText.number(value) }
/// Bytes as GB (2^30) in a formula.
func gb(_ bytes: Double) -> String { num(bytes / BillingUnits.gibibyte) + " GB" }
