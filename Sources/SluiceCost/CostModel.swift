import SluiceModel

/// Estimates what pipelines cost a month, stage by stage, from their manifests, their `volume` and a price table.
package enum CostModel {
    /// Every pipeline's estimate, in name order, each with its alternatives. `map` runs the pipelines' estimates
    /// (each independent, and with its alternatives about seven runs of the model): `generate` passes its
    /// concurrent map, which keeps the order.
    package static func estimate(
        project: Project, pipelines: [Pipeline], prices: PriceTable,
        map: ([Pipeline], @Sendable (Pipeline) -> PipelineEstimate) -> [PipelineEstimate] = { $0.map($1) }
    ) -> ProjectEstimate {
        let estimates = map(pipelines.sorted { $0.name < $1.name }) {
            estimate(pipeline: $0, project: project, prices: prices)
        }
        let regions = Set(estimates.flatMap(\.regions.values))
        return ProjectEstimate(pricesAsOf: oldestAsOf(prices, regions: regions), pipelines: estimates)
    }

    /// One pipeline's estimate, with its alternatives.
    package static func estimate(pipeline: Pipeline, project: Project, prices: PriceTable) -> PipelineEstimate {
        var estimate = lines(pipeline: pipeline, project: project, prices: prices)
        estimate.alternatives = Alternatives.all(for: pipeline).map {
            Alternatives.compare(
                estimate, with: lines(pipeline: $0.pipeline, project: project, prices: prices),
                change: $0.change)
        }
        return estimate
    }

    /// One pipeline's lines and assumptions, without alternatives.
    package static func lines(pipeline: Pipeline, project: Project, prices: PriceTable) -> PipelineEstimate {
        let volume = VolumeFigures(pipeline.volume)
        var regions: [String: String] = [:]
        var assumptions = volume.assumptions
        func regionPrices(_ account: String) -> RegionPrices {
            let region = project.accounts.first { $0.name == account }?.region ?? PriceTable.fallbackRegion
            regions[account] = region
            let found = prices.prices(for: region)
            if found.substituted {
                let note =
                    "\(region) (account \(account)) is not in the price table: priced with "
                    + "\(PriceTable.fallbackRegion)'s figures"
                if !assumptions.contains(note) { assumptions.append(note) }
            }
            return found.prices
        }
        let context = EstimateContext(
            pipeline: pipeline, volume: volume, sourcePrices: regionPrices(pipeline.source.account),
            analyticsPrices: regionPrices(pipeline.analyticsAccount))
        assumptions += standingAssumptions
        if pipeline.replication != nil, regions[pipeline.source.account] != regions[pipeline.analyticsAccount] {
            assumptions.append("replication crosses regions: inter-region data transfer is not priced")
        }
        let stages: [(EstimateContext) -> [CostLine]] = [
            SourceCosts.lines, DeliveryCosts.lines, ReplicationCosts.lines, TriggerCosts.lines, ProcessorCosts.lines,
            EnrichmentCosts.lines, LakeCosts.lines, CatalogCosts.lines, QueryCosts.lines, DashboardCosts.lines,
            DeadLetterCosts.lines,
        ]
        return PipelineEstimate(
            pipeline: pipeline.name, regions: regions, assumptions: assumptions,
            lines: stages.flatMap { $0(context) }, alternatives: [])
    }

    /// What every estimate assumes beyond its volume.
    static let standingAssumptions = [
        "a month is 730 hours (\(num(BillingUnits.daysPerMonth)) days); GB = 2^30 bytes, TB = 2^40",
        "free tiers are not applied (they are per account, shared with everything else there)",
        "CloudWatch Logs delivers at most one subscription record a second (AWS does not document its "
            + "batching); each record is one gzipped batch of events, billed by Firehose in 5 KB increments",
        "the lake, its partitions and SPICE are priced as they stand after a year (\(num(LakeCosts.horizonDays)) "
            + "days of data)",
        "processor time is its measured CPU time per MB (BENCHMARKS.md, one x86_64 core), scaled up below "
            + "1,769 MB; waiting on S3 and on lookups is not counted",
    ]

    /// The oldest `asOf` date among the figures of the regions the estimates were priced with (a region missing
    /// from the table is priced, and dated, by the fallback region's figures); "" when there are none.
    static func oldestAsOf(_ prices: PriceTable, regions: Set<String>) -> String {
        regions.map(prices.pricesAsOf).filter { !$0.isEmpty }.min() ?? ""
    }
}
