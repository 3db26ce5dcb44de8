import Testing

@testable import SluiceCost

/// The lake, Athena, the catalog and QuickSight against hand calculations. The pipeline: 2,000,000 events/day ×
/// 300 B; landed 107,400,000 B/day; the lake (Parquet, SNAPPY) 0.5350 of that = 57,459,000 B/day. Its table
/// stores 5 columns; the view `daily` names one of them (`status`) and the partition key `dt`.
@Suite struct AnalyticsFormulaTests {
    let days = CostFixtures.days
    let gib = CostFixtures.gib
    let mib = CostFixtures.mib
    let tib = CostFixtures.tib
    let lakePerDay = 57_459_000.0

    private func near(_ actual: Double?, _ expected: Double) -> Bool {
        guard let actual else { return false }
        return abs(actual - expected) <= 1e-9 * max(1, abs(expected))
    }

    private func volume(queries: Int = 10, days: Int = 30, extra: String = "") -> String {
        "  events_per_day: 2000000\n  average_event_bytes: 300\n  queries_per_day: \(queries)\n"
            + "  days_per_query: \(days)\(extra)"
    }

    @Test func lakeStorageAfterAYear() throws {
        let estimate = CostFixtures.estimate(CostFixtures.pipeline(volume: volume()))
        // 57,459,000 B/day × 365 days / 2^30 = 19.532 GB × $0.02
        let line = try #require(CostFixtures.line("lake storage after a year", in: estimate))
        #expect(near(line.quantity, lakePerDay * 365 / gib))
        #expect(near(line.monthlyUSD, lakePerDay * 365 / gib * 0.02))
    }

    @Test func aParquetViewScansTheColumnsItNamesOverItsDays() throws {
        let estimate = CostFixtures.estimate(CostFixtures.pipeline(volume: volume(queries: 10, days: 30)))
        // Per query: 1/5 columns × 30 days × 57,459,000 B = 344,754,000 B (328.8 MB);
        // 10 queries/day × 30.4167 days = 304.17 queries × 344,754,000 B / 2^40 = 0.09537 TB × $5 = $0.4769
        let line = try #require(CostFixtures.line("Athena queries of daily", in: estimate))
        let perQuery = 1.0 / 5 * 30 * lakePerDay
        #expect(near(line.quantity, 10 * days * perQuery / tib))
        #expect(near(line.monthlyUSD, 10 * days * perQuery / tib * 5))
        #expect(line.formula.contains("1/5 columns × 30 days"))
    }

    @Test func quickSightUsersTheVolumeDeclaresArePricedWithoutDashboards() throws {
        // No datasets, no quicksight section; the volume declares 2 authors and 5 readers: 2 × $24 + 5 × $3 = $63.
        let estimate = CostFixtures.estimate(
            CostFixtures.pipeline(volume: volume(extra: "\n  quicksight: { authors: 2, readers: 5 }")))
        #expect(estimate.assumptions.contains("volume.quicksight.authors: 2 (declared)"))
        #expect(CostFixtures.line("QuickSight authors", in: estimate)?.monthlyUSD == 48)
        #expect(CostFixtures.line("QuickSight readers", in: estimate)?.monthlyUSD == 15)
        // Declaring none adds no QuickSight lines to a pipeline without dashboards.
        let none = CostFixtures.estimate(CostFixtures.pipeline(volume: volume()))
        #expect(!none.lines.contains { $0.stage == .dashboards })
    }

    @Test func aQueryAskingForMoreDaysThanTheLakeHoldsScansTheWholeLake() throws {
        // The lake is priced as it stands after a year: 365 days. A query over 1,000 days reads those 365:
        // 1/5 columns × 365 days × 57,459,000 B = 4,193,507,000 B; 10 queries/day × 30.4167 days × that / 2^40.
        let estimate = CostFixtures.estimate(CostFixtures.pipeline(volume: volume(queries: 10, days: 1_000)))
        let line = try #require(CostFixtures.line("Athena queries of daily", in: estimate))
        #expect(near(line.quantity, 10 * days * (1.0 / 5 * 365 * lakePerDay) / tib))
        #expect(line.formula.contains("1/5 columns × 365 days (of 1,000 asked: the lake holds 365)"))
    }

    @Test func aPartitionPrunedViewScansOneDay() throws {
        // The same view, one day a query: 1/5 × 1 × 57,459,000 = 11,491,800 B (10.96 MB, above the minimum), a
        // thirtieth of the 30-day figure.
        let pruned = CostFixtures.estimate(
            CostFixtures.pipeline(
                volume: volume(
                    days: 30,
                    extra: """

                          views:
                            daily: { days_per_query: 1 }
                        """)))
        let full = CostFixtures.estimate(CostFixtures.pipeline(volume: volume(days: 30)))
        let prunedLine = try #require(CostFixtures.line("Athena queries of daily", in: pruned))
        let fullLine = try #require(CostFixtures.line("Athena queries of daily", in: full))
        #expect(near(prunedLine.quantity, 10 * days * 11_491_800 / tib))
        #expect(near(prunedLine.monthlyUSD * 30, fullLine.monthlyUSD))
    }

    @Test func aTinyQueryIsBilledAthenasTenMBMinimum() throws {
        // 1,000 events × 300 B × 0.1790 × 0.5350 = 28,729.5 lake B/day; 1/5 × 7 days = 40,221.3 B a query, billed
        // 10 MB = 10,485,760 B. 10 queries/day × 30.4167 days × 10,485,760 B / 2^40 = 0.0029 TB × $5
        let estimate = CostFixtures.estimate(
            CostFixtures.pipeline(volume: "  events_per_day: 1000\n  average_event_bytes: 300"))
        let line = try #require(CostFixtures.line("Athena queries of daily", in: estimate))
        #expect(near(line.quantity, 10 * days * 10_485_760 / tib))
        #expect(line.formula.contains("billed as the 10 MB minimum"))
    }

    @Test func aJSONLakeIsScannedWhole() throws {
        let estimate = CostFixtures.estimate(CostFixtures.pipeline(volume: volume(days: 7), format: "json"))
        // JSON: 107,400,000 × 1.326 = 142,412,400 B/day, every byte of 7 days a query.
        let line = try #require(CostFixtures.line("Athena queries of daily", in: estimate))
        #expect(near(line.quantity, 10 * days * 7 * 142_412_400 / tib))
    }

    @Test func spiceRefreshesScanTheWholeViewAndHoldIt() throws {
        let estimate = CostFixtures.estimate(
            CostFixtures.pipeline(
                volume: volume(extra: "\n  quicksight: { authors: 2, readers: 5 }"), extra: CostFixtures.spiceDataset
            ))
        // Hourly full refreshes: 24 × 30.4167 = 730 a month, each 1/5 × 365 days × 57,459,000 B
        let refresh = try #require(CostFixtures.line("SPICE refreshes of daily-set", in: estimate))
        let whole = 1.0 / 5 * 365 * lakePerDay
        #expect(near(refresh.quantity, 730 * whole / tib))
        // SPICE holds at most those bytes: 4,194,507,000 B / 2^30 = 3.906 GB × $0.38
        let spice = try #require(CostFixtures.line("SPICE capacity", in: estimate))
        #expect(near(spice.quantity, whole / gib))
        #expect(near(spice.monthlyUSD, whole / gib * 0.38))
        // The dashboards read SPICE: the section's 10 queries a day do not reach Athena for this view.
        let analysts = try #require(CostFixtures.line("Athena queries of daily", in: estimate))
        #expect(analysts.quantity == 0)
        #expect(analysts.formula.hasPrefix("0 ad hoc queries/day (dashboards read SPICE: daily-set)"))
        // 2 authors × $24 + 5 readers × $3
        let authors = try #require(CostFixtures.line("QuickSight authors", in: estimate))
        let readers = try #require(CostFixtures.line("QuickSight readers", in: estimate))
        #expect(authors.monthlyUSD + readers.monthlyUSD == 2 * 24 + 5 * 3)
    }

    @Test func adHocQueriesOfASPICEViewAreThoseDeclaredForIt() throws {
        let estimate = CostFixtures.estimate(
            CostFixtures.pipeline(
                volume: volume(days: 30, extra: "\n  views:\n    daily: { queries_per_day: 3 }"),
                extra: CostFixtures.spiceDataset))
        // 3 queries/day × 30.4167 days × 1/5 × 30 days × 57,459,000 B
        let analysts = try #require(CostFixtures.line("Athena queries of daily", in: estimate))
        #expect(near(analysts.quantity, 3 * days * (1.0 / 5 * 30 * lakePerDay) / tib))
        // The catalog's requests follow: (3 ad hoc + 24 refreshes) a day × 30.4167 days × 2.
        let requests = try #require(CostFixtures.line("Glue Data Catalog requests", in: estimate))
        #expect(near(requests.quantity, 27 * days * 2 / 1e6))
    }

    @Test func anHourlyCrawlerIsBilledTheTenMinuteMinimumEachRun() throws {
        let estimate = CostFixtures.estimate(CostFixtures.pipeline(volume: volume()))
        // 24 runs/day × 30.4167 days = 730 runs × max(10 min, 1 min) = 7,300 min = 121.67 h × 2 DPUs = 243.33
        // DPU-hours × $0.44 = $107.07
        let crawler = try #require(CostFixtures.line("Glue crawler runs", in: estimate))
        #expect(near(crawler.quantity, 730 * 10 / 60 * 2))
        #expect(near(crawler.monthlyUSD, 730 * 10 / 60 * 2 * 0.44))
        // 1 table + 1 view + 365 partitions = 367 objects × $1 / 100,000
        let objects = try #require(CostFixtures.line("Glue Data Catalog objects", in: estimate))
        #expect(near(objects.monthlyUSD, 367.0 / 100_000))
        // 10 queries/day × 30.4167 days × 2 requests = 608.33 requests × $1 / million
        let requests = try #require(CostFixtures.line("Glue Data Catalog requests", in: estimate))
        #expect(near(requests.monthlyUSD, 10 * days * 2 / 1e6))
    }

    @Test func partitionProjectionRunsNoCrawler() throws {
        let estimate = CostFixtures.estimate(
            CostFixtures.pipeline(volume: volume(), discovery: "projection:\n    key: dt\n    since: 2026-01-01"))
        #expect(CostFixtures.line("Glue crawler runs", in: estimate) == nil)
        let projection = try #require(CostFixtures.line("partition projection", in: estimate))
        #expect(projection.monthlyUSD == 0)
        // No partitions in the catalog: 1 table + 1 view.
        let objects = try #require(CostFixtures.line("Glue Data Catalog objects", in: estimate))
        #expect(near(objects.quantity, 2.0 / 100_000))
    }

    @Test(arguments: [
        ("hourly", 24.0), ("daily", 1.0), ("cron(0 */6 * * ? *)", 4.0), ("cron(0,30 8-17 * * ? *)", 20.0),
    ])
    func crawlerRunsADay(schedule: String, runs: Double) {
        #expect(CronRuns.perDay(.init(schedule)) == runs)
    }

    /// The day fields count: days matched over 2025 (365 days, 1 January a Wednesday, so 52 weeks and one extra
    /// Wednesday).
    @Test(arguments: [
        // Weekly on Monday at 03:00: 1 minute × 1 hour = 1 run on each of 52 Mondays.
        ("cron(0 3 ? * MON *)", 1, 52),
        // Every 15 minutes on weekdays: 4 × 24 = 96 runs; 52 × 5 weekdays + the extra Wednesday = 261 days.
        ("cron(0/15 * ? * MON-FRI *)", 96, 261),
        // The same in numbers (1 = SUN, so 2-6 = MON-FRI).
        ("cron(*/15 * ? * 2-6 *)", 96, 261),
        // Days 1, 15 and 31: 12 + 12 + 7 months with a 31st (JAN MAR MAY JUL AUG OCT DEC) = 31 days.
        ("cron(30 2 1,15,31 * ? *)", 1, 31),
        // An overlapping list counts each day once: 1-10 and 5 are 10 days a month, 120.
        ("cron(0 0 1-10,5 * ? *)", 1, 120),
        // Two named months, the 1st: 2 days; 2 hours.
        ("cron(0 6,18 1 JAN,JUL ? *)", 2, 2),
        // Calendar items, each one day a month: last day, last weekday, nearest weekday, third Friday, last Monday.
        ("cron(0 0 L * ? *)", 1, 12), ("cron(0 0 LW * ? *)", 1, 12), ("cron(0 0 15W * ? *)", 1, 12),
        ("cron(0 0 ? * 6#3 *)", 1, 12), ("cron(0 0 ? * MONL *)", 1, 12),
        // 31W never fires in a 30-day month (and February): 7 days.
        ("cron(0 0 31W * ? *)", 1, 7),
    ])
    func crawlerRunsCountTheDayFields(schedule: String, runs: Int, days: Int) {
        let count = CronRuns.count(.init(schedule))
        #expect(count.runsPerMatchingDay == runs)
        #expect(count.matchingDays == days)
        #expect(count.perDay == Double(runs) * Double(days) / 365)
    }

    @Test func weeklyCrawlerIsPricedOnItsRunsNotEveryDay() throws {
        let estimate = CostFixtures.estimate(
            CostFixtures.pipeline(volume: volume(), discovery: "crawler:\n    schedule: cron(0 3 ? * MON *)"))
        let line = try #require(CostFixtures.line("Glue crawler runs", in: estimate))
        // 52/365 = 0.1425 runs/day × 30.4167 days = 4.33 runs × 10 min / 60 × 2 DPUs = 1.44 DPU-hours × $0.44
        // = $0.64 (every day, as before, was 7 times that: 10.14 DPU-hours, $4.46).
        #expect(near(line.quantity, 52.0 / 365 * days * 10 / 60 * 2))
        #expect(near(line.monthlyUSD, 52.0 / 365 * days * 10 / 60 * 2 * 0.44))
        #expect(line.formula.hasPrefix("1 runs × 52/365 days (cron(0 3 ? * MON *)) = 0.142 runs/day"))
    }
}

/// The largest volumes validation accepts give finite figures, never a trap.
@Suite struct ExtremeVolumeTests {
    @Test(arguments: [
        "  events_per_day: 1000000000000\n  average_event_bytes: 1048576\n  queries_per_day: 1000000\n"
            + "  days_per_query: 36500\n  quicksight: { authors: 100000, readers: 100000 }",
        "  gb_per_day: 1048576\n  days_per_query: 36500",
        "  events_per_day: 0\n  queries_per_day: 0",
        "  gb_per_day: 0",
    ])
    func everyFigureIsFinite(volume: String) {
        let estimate = CostFixtures.estimate(
            CostFixtures.pipeline(volume: volume, interval: 0, enrichment: true, extra: CostFixtures.spiceDataset))
        for line in estimate.lines {
            #expect(line.quantity.isFinite && line.monthlyUSD.isFinite && line.quantity >= 0, "\(line)")
        }
        #expect(estimate.alternatives.allSatisfy { $0.deltaUSD.isFinite })
    }
}
