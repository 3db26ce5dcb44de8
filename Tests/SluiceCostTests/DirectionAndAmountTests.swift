import SluiceModel
import Testing

@testable import SluiceCost

/// Changing the buffering size, the output format or crawler against projection moves the estimate the way and by
/// the amount the formulas say. Each expected difference is worked out here from the formulas, line by line, and
/// compared with both the re-estimated manifest and the alternative the estimate offers.
@Suite struct DirectionAndAmountTests {
    let days = CostFixtures.days
    let mib = CostFixtures.mib
    let gib = CostFixtures.gib
    let tib = CostFixtures.tib

    private func near(_ actual: Double?, _ expected: Double) -> Bool {
        guard let actual else { return false }
        return abs(actual - expected) <= 1e-9 * max(1, abs(expected))
    }

    private func alternative(_ change: String, of estimate: PipelineEstimate) throws -> CostAlternative {
        try #require(estimate.alternatives.first { $0.change == change }, "\(estimate.alternatives.map(\.change))")
    }

    @Test func doublingTheBufferHalvesTheObjectsOfABusyStream() throws {
        let volume = "  gb_per_day: 100"
        let current = CostFixtures.estimate(CostFixtures.pipeline(volume: volume, bufferingSizeMB: 64))
        let bigger = CostFixtures.estimate(CostFixtures.pipeline(volume: volume, bufferingSizeMB: 128))
        // Buffered: 100 GiB + 429,496,729.6 newlines (events at 250 B) a day; / 64 MiB = 1,606.4 objects/day,
        // / 128 MiB = 803.2 (both above the 288 intervals).
        let objects64 = 1_606.4
        let objects128 = 803.2
        // Landing objects: 100 GiB × 0.1790 / objects = 11.41 MiB (64) or 22.82 MiB (128): ⌈/ 2 MiB⌉ = 6 or 12 GETs.
        // Lake objects (× 0.5350): 6.10 MiB or 12.21 MiB: ⌈/ 5.0625 MiB⌉ = 2 or 3 parts, + create + complete.
        let perObject = 0.005 / 1_000 * 2 + 0.2 / 1e6  // Firehose's PUT, the replica's PUT, the invocation
        let expected =
            days
            * ((objects128 - objects64) * perObject + (objects128 * 12 - objects64 * 6) * 0.0004 / 1_000
                + (objects128 * 5 - objects64 * 4) * 0.005 / 1_000)
        #expect(expected < 0)  // fewer, larger objects: cheaper
        #expect(near(bigger.monthlyUSD - current.monthlyUSD, expected))
        let offered = try alternative("delivery.buffering_size_mb: 128", of: current)
        #expect(near(offered.deltaUSD, expected))
        #expect(near(offered.monthlyUSD, bigger.monthlyUSD))
        // Compute is the same bytes at the same speed in fewer invocations: unchanged.
        #expect(!offered.changedLines.contains { $0.item.hasPrefix("Lambda compute") })
    }

    @Test func aQuietStreamIsFlushedByItsIntervalWhateverTheBuffer() throws {
        let current = CostFixtures.estimate(CostFixtures.pipeline(volume: "  events_per_day: 2000000"))
        let offered = try alternative("delivery.buffering_size_mb: 16", of: current)
        // 500,000,000 B/day / 16 MiB = 29.8 fills, fewer than 288 intervals: nothing changes.
        #expect(offered.deltaUSD == 0)
        #expect(offered.changedLines.isEmpty)
    }

    @Test func jsonInsteadOfParquetCostsMoreStorageScansAndCPU() throws {
        let volume = "  events_per_day: 2000000\n  average_event_bytes: 300\n  days_per_query: 7"
        let parquet = CostFixtures.estimate(CostFixtures.pipeline(volume: volume, format: "parquet"))
        let json = CostFixtures.estimate(CostFixtures.pipeline(volume: volume, format: "json"))
        // Landed 107,400,000 B/day in 288 objects of 0.35564 MiB; 8,760 invocations a month.
        let landed = 107_400_000.0
        let objectMiB = landed / 288 / mib
        // Compute: 0.1377 (JSON) against 0.1151 (Parquet) CPU s/MiB, × 1769/512 × 0.5 GB × $0.00001.
        let compute = 8_760 * objectMiB * (0.1377 - 0.1151) * (1_769.0 / 512) * 0.5 * 0.00001
        // Lake storage after a year: (1.326 - 0.5350) lake bytes per landed byte × 365 days / 2^30 × $0.02.
        let storage = landed * (1.326 - 0.5350) * 365 / gib * 0.02
        // Queries: 10/day × 30.4167 days, 7 days each: every JSON byte against 1/5 of the Parquet columns.
        let scans = 10 * days * 7 * (landed * 1.326 - 1.0 / 5 * landed * 0.5350) / tib * 5
        // Lake PUTs: one per object either way (494 KB or 199 KB objects).
        let expected = compute + storage + scans
        #expect(expected > 0)
        #expect(near(json.monthlyUSD - parquet.monthlyUSD, expected))
        let offered = try alternative("processor.output.format: json (gzip)", of: parquet)
        #expect(near(offered.deltaUSD, expected))
        // Largest difference first: the scans, then storage, then compute.
        #expect(
            offered.changedLines.map(\.item) == [
                "Athena queries of daily", "lake storage after a year",
                "Lambda compute (arm64)",
            ])
        let back = try alternative("processor.output.format: parquet (snappy)", of: json)
        #expect(near(back.deltaUSD, -expected))
    }

    @Test func projectionInsteadOfACrawlerSavesItsRunsAndPartitions() throws {
        let volume = "  events_per_day: 2000000"
        let crawler = CostFixtures.estimate(CostFixtures.pipeline(volume: volume))
        let projection = CostFixtures.estimate(
            CostFixtures.pipeline(volume: volume, discovery: "projection:\n    key: dt\n    since: 2026-01-01"))
        // The crawler: 730 runs × 10 min / 60 × 2 DPUs × $0.44; its 365 partitions in the catalog × $1 / 100,000.
        let expected = -(730 * 10 / 60 * 2 * 0.44 + 365.0 / 100_000)
        #expect(near(projection.monthlyUSD - crawler.monthlyUSD, expected))
        let offered = try alternative("catalog: projection instead of a crawler", of: crawler)
        #expect(near(offered.deltaUSD, expected))
        #expect(offered.changedLines.first?.item == "Glue crawler runs")
        let back = try alternative("catalog: an hourly crawler instead of projection", of: projection)
        #expect(near(back.deltaUSD, -expected))
    }

    @Test func everyAlternativeIsOffered() {
        let estimate = CostFixtures.estimate(CostFixtures.pipeline(volume: nil, bufferingSizeMB: 32))
        #expect(
            estimate.alternatives.map(\.change) == [
                "catalog: projection instead of a crawler", "processor.output.format: json (gzip)",
                "delivery.buffering_size_mb: 16", "delivery.buffering_size_mb: 64",
                "delivery.buffering_size_mb: 128",
            ])
    }
}

/// The project's estimate: pipelines in name order, dated by the oldest figure it used, with each region's prices.
@Suite struct ProjectEstimateTests {
    private func figure(_ value: Double, _ asOf: String) -> Price {
        Price(value: value, unit: "USD/GB", source: "test", asOf: asOf, verified: true)
    }

    @Test func pricesAsOfIsTheOldestFigureOfTheRegionsUsed() throws {
        let (project, pipeline, _) = CostFixtures.decode(CostFixtures.pipeline(volume: nil))
        var other = try #require(pipeline)
        other.name = "another"
        let table = PriceTable(regions: [
            "eu-west-1": RegionPrices(
                region: "eu-west-1",
                figures: [.logsIngestionPerGB: figure(0.5, "2026-11-20"), .s3PutPer1000: figure(0.005, "2026-10-02")]),
            // Not used by the project's accounts: its older date does not count.
            "ap-south-2": RegionPrices(region: "ap-south-2", figures: [.logsIngestionPerGB: figure(0.6, "2025-01-01")]),
        ])
        let estimate = CostModel.estimate(project: project, pipelines: [other, try #require(pipeline)], prices: table)
        #expect(estimate.pricesAsOf == "2026-10-02")
        #expect(estimate.pipelines.map(\.pipeline) == ["another", "web"])
        #expect(estimate.pipelines[0].regions == ["production": "eu-west-1", "analytics": "eu-west-1"])
        #expect(estimate.monthlyUSD == estimate.pipelines[0].monthlyUSD + estimate.pipelines[1].monthlyUSD)
        #expect(!estimate.pipelines[0].assumptions.contains { $0.contains("not in the price table") })
    }

    @Test func replicationAcrossRegionsSaysItsTransferIsNotPriced() throws {
        var diagnostics = Diagnostics()
        let text = CostFixtures.project.replacingOccurrences(
            of: "id: \"222222222222\"\n    region: eu-west-1", with: "id: \"222222222222\"\n    region: us-east-1")
        #expect(text != CostFixtures.project)
        let project = try #require(
            ProjectDecoder.decode(text, path: "pipelines/sluice.yaml", diagnostics: &diagnostics))
        let (_, pipeline, _) = CostFixtures.decode(CostFixtures.pipeline(volume: nil))
        let estimate = CostModel.estimate(
            pipeline: try #require(pipeline), project: project, prices: CostFixtures.prices)
        #expect(estimate.regions == ["production": "eu-west-1", "analytics": "us-east-1"])
        #expect(estimate.assumptions.contains("replication crosses regions: inter-region data transfer is not priced"))
    }

    @Test func aRegionMissingFromTheTableIsPricedWithUSEast1AndSaysSo() throws {
        let (project, pipeline, _) = CostFixtures.decode(CostFixtures.pipeline(volume: nil))
        let table = PriceTable(regions: [
            "us-east-1": RegionPrices(region: "us-east-1", figures: [.logsIngestionPerGB: figure(0.5, "2026-11-20")])
        ])
        let estimate = CostModel.estimate(project: project, pipelines: [try #require(pipeline)], prices: table)
        let first = estimate.pipelines[0]
        #expect(first.assumptions.contains { $0.hasPrefix("eu-west-1 (account production) is not in the price table") })
        let ingestion = try #require(CostFixtures.line("CloudWatch Logs ingestion", in: first))
        #expect(ingestion.unitPriceUSD == 0.5)
        #expect(estimate.pricesAsOf == "2026-11-20")
    }
}
