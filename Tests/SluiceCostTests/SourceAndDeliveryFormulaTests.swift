import Testing

@testable import SluiceCost

/// The log group's and Firehose's lines against hand calculations (CostFixtures' round prices; a month is 730 / 24
/// days; GB = 2^30 bytes).
@Suite struct SourceAndDeliveryFormulaTests {
    let days = CostFixtures.days
    let gib = CostFixtures.gib

    private func near(_ actual: Double?, _ expected: Double) -> Bool {
        guard let actual else { return false }
        return abs(actual - expected) <= 1e-9 * max(1, abs(expected))
    }

    @Test func cloudWatchLogsIngestionAndStorage() throws {
        let estimate = CostFixtures.estimate(
            CostFixtures.pipeline(volume: "  events_per_day: 2000000\n  average_event_bytes: 300"))
        // 2,000,000 events × 300 B = 600,000,000 B/day; × 30.4167 days / 2^30 = 16.996 GB; × $0.50 = $8.498
        let ingestion = try #require(CostFixtures.line("CloudWatch Logs ingestion", in: estimate))
        #expect(near(ingestion.quantity, 600_000_000 * days / gib))
        #expect(near(ingestion.monthlyUSD, 600_000_000 * days / gib * 0.5))
        #expect(ingestion.formula == "2,000,000 events/day × 300 B × 30.42 days = 17.00 GB")
        // Stored compressed: 600,000,000 B/day × 30 days retained × 0.1790 = 3.222e9 B = 3.0007 GB; × $0.03
        let storage = try #require(CostFixtures.line("CloudWatch Logs storage", in: estimate))
        #expect(near(storage.quantity, 600_000_000 * 30 * 0.1790 / gib))
        #expect(near(storage.monthlyUSD, 3.000_721_335_411_071_8 * 0.03))
    }

    @Test func gigabytesADayAreIngestedAsDeclared() throws {
        let estimate = CostFixtures.estimate(CostFixtures.pipeline(volume: "  gb_per_day: 0.5"))
        // 0.5 GB/day × 30.4167 days = 15.208 GB
        let ingestion = try #require(CostFixtures.line("CloudWatch Logs ingestion", in: estimate))
        #expect(near(ingestion.quantity, 15.208_333_333_333_334))
        #expect(ingestion.formula == "0.500 GB/day × 30.42 days = 15.21 GB")
    }

    // (record bytes, billed bytes): a 3 KB record bills as 5 KB, 12 KB as 15 KB, exactly 5 KB as 5 KB, a byte
    // over 5 KB as 10 KB, a byte as 5 KB (1 KB = 1,024 B).
    @Test(arguments: [
        (3_072.0, 5_120.0), (12_288.0, 15_360.0), (5_120.0, 5_120.0), (5_121.0, 10_240.0), (1.0, 5_120.0),
    ])
    func firehoseRoundsEachRecordUpToFiveKB(record: Double, billed: Double) {
        #expect(DeliveryCosts.billedBytes(record: record, increment: 5 * 1_024) == billed)
    }

    @Test func firehoseIngestionBillsThreeKBRecordsAsFive() throws {
        // 8,640,000 events/day × 100 B; one record a second: 86,400 records/day of 100 events.
        // Each record: 100 × 100 B × 0.3054 (gzipped documents per event byte) = 3,054 B (2.98 KB) -> billed 5 KB.
        let estimate = CostFixtures.estimate(
            CostFixtures.pipeline(volume: "  events_per_day: 8640000\n  average_event_bytes: 100"))
        let line = try #require(CostFixtures.line("Firehose ingestion", in: estimate))
        // 86,400 × 5,120 B × 30.4167 days / 2^30 = 12.530 GB; × $0.03 = $0.3759
        #expect(near(line.quantity, 86_400 * 5_120 * days / gib))
        #expect(near(line.monthlyUSD, 86_400 * 5_120 * days / gib * 0.03))
        #expect(line.formula.contains("× 5 KB billed (a record of 2.98 KB rounded up to a multiple of 5 KB)"))
    }

    @Test func firehoseIngestionBillsTwelveKBRecordsAsFifteen() throws {
        // 8,640,000 events/day × 400 B; per record: 100 events × 400 B × 0.3054 = 12,216 B
        // (11.93 KB) -> billed 15 KB = 15,360 B.
        let estimate = CostFixtures.estimate(
            CostFixtures.pipeline(volume: "  events_per_day: 8640000\n  average_event_bytes: 400"))
        let line = try #require(CostFixtures.line("Firehose ingestion", in: estimate))
        #expect(near(line.quantity, 86_400 * 15_360 * days / gib))
    }

    @Test func objectsFollowTheIntervalOnAQuietStream() throws {
        // 2,000,000 × 300 B + a newline each = 602,000,000 B/day buffered; / 64 MiB = 8.97 fills a day, fewer than
        // 86,400 s / 300 s = 288 intervals: 288 objects/day × 30.4167 days = 8,760 PUTs × $0.005 / 1000.
        let estimate = CostFixtures.estimate(
            CostFixtures.pipeline(volume: "  events_per_day: 2000000\n  average_event_bytes: 300"))
        let puts = try #require(CostFixtures.line("S3 PUTs of Firehose objects", in: estimate))
        #expect(near(puts.quantity, 8.76))
        #expect(near(puts.monthlyUSD, 8.76 * 0.005))
        // Landing: 600,000,000 × 0.1790 = 107,400,000 B/day × 30 days until expiry / 2^30 = 3.0007 GB × $0.02
        let storage = try #require(CostFixtures.line("raw bucket storage", in: estimate))
        #expect(near(storage.quantity, 107_400_000 * 30 / gib))
        let expiry = try #require(CostFixtures.line("raw bucket lifecycle expiry", in: estimate))
        #expect(expiry.monthlyUSD == 0)
    }

    @Test func objectsFollowTheBufferSizeOnABusyStream() throws {
        // 100 GB/day: 107,374,182,400 B + 429,496,729.6 events (at the default 250 B) of newlines =
        // 107,803,679,129.6 B; / 64 MiB (67,108,864) = 1,606.4 objects/day, more than 288 intervals.
        let estimate = CostFixtures.estimate(CostFixtures.pipeline(volume: "  gb_per_day: 100"))
        let puts = try #require(CostFixtures.line("S3 PUTs of Firehose objects", in: estimate))
        #expect(near(puts.quantity, 1_606.4 * days / 1_000))
    }

    @Test func aZeroIntervalFlushesEveryRecord() {
        // 86,400 records/day (one a second) each flushed: 86,400 objects/day.
        #expect(
            DataFlow.objectsPerDay(
                bufferedBytesPerDay: 1e9, recordsPerDay: 86_400, bufferingSizeMB: 64, intervalSeconds: 0) == 86_400)
        // A trickle: 100 events a day are 100 records at most, whatever the interval.
        #expect(
            DataFlow.objectsPerDay(
                bufferedBytesPerDay: 30_000, recordsPerDay: 100, bufferingSizeMB: 64, intervalSeconds: 60) == 100)
    }
}
