import Testing

@testable import SluiceCost

/// Replication, EventBridge, the processor and its lookups against hand calculations. The pipeline: 2,000,000
/// events/day × 300 B = 600,000,000 B/day; landed gzipped × 0.1790 = 107,400,000 B/day in 288 objects/day (the
/// 300 s interval) of 372,916.67 B (0.3556 MiB) each; 8,760 objects a month (288 × 30.4167 days).
@Suite struct ProcessorFormulaTests {
    let days = CostFixtures.days
    let gib = CostFixtures.gib
    let mib = CostFixtures.mib
    let volume = "  events_per_day: 2000000\n  average_event_bytes: 300"

    private func near(_ actual: Double?, _ expected: Double) -> Bool {
        guard let actual else { return false }
        return abs(actual - expected) <= 1e-9 * max(1, abs(expected))
    }

    @Test func replicationPutsStorageAndTimeControl() throws {
        let without = CostFixtures.estimate(CostFixtures.pipeline(volume: volume))
        #expect(CostFixtures.line("Replication Time Control", in: without) == nil)
        let estimate = CostFixtures.estimate(CostFixtures.pipeline(volume: volume, timeControl: true))
        // 8,760 PUTs on the destination × $0.005 / 1000 = $0.0438
        let puts = try #require(CostFixtures.line("replication PUTs on the destination", in: estimate))
        #expect(near(puts.monthlyUSD, 8.76 * 0.005))
        #expect(puts.account == "analytics")
        // 107,400,000 B/day × 30.4167 days / 2^30 = 3.0424 GB replicated × $0.015
        let control = try #require(CostFixtures.line("Replication Time Control", in: estimate))
        #expect(near(control.quantity, 107_400_000 * days / gib))
        #expect(near(control.monthlyUSD, 107_400_000 * days / gib * 0.015))
        // Replicas kept 30 days: 107,400,000 × 30 / 2^30 = 3.0007 GB × $0.02
        let replicas = try #require(CostFixtures.line("landing bucket storage (replicas)", in: estimate))
        #expect(near(replicas.quantity, 107_400_000 * 30 / gib))
    }

    @Test func objectCreatedEventsOnTheDefaultBusAreFree() throws {
        let estimate = CostFixtures.estimate(CostFixtures.pipeline(volume: volume))
        let events = try #require(CostFixtures.line("EventBridge Object Created events", in: estimate))
        // 8,760 events = 0.00876 million, at $0 (the table's $1 per million is for other events).
        #expect(near(events.quantity, 0.00876))
        #expect(events.monthlyUSD == 0)
        #expect(events.formula.contains("free"))
    }

    @Test func lambdaRequestsAndGBSecondsScaleForMemoryBelowAFullVCPU() throws {
        let estimate = CostFixtures.estimate(CostFixtures.pipeline(volume: volume, memoryMB: 512))
        // 8,760 invocations × $0.20 / million
        let requests = try #require(CostFixtures.line("Lambda requests", in: estimate))
        #expect(near(requests.monthlyUSD, 8_760 / 1e6 * 0.2))
        // Each object: 0.35564 MiB × 0.1151 CPU s/MiB (extracted, Parquet) × 1769 / 512 (512 MB is 0.289 of a
        // vCPU) = 0.14143 s; × 0.5 GB × 8,760 = 619.47 GB-s × $0.00001 (arm64) = $0.0062
        let compute = try #require(CostFixtures.line("Lambda compute (arm64)", in: estimate))
        let seconds = 372_916.666_666_666_7 / mib * 0.1151 * (1_769.0 / 512)
        #expect(near(compute.quantity, 8_760 * seconds * 0.5))
        #expect(near(compute.monthlyUSD, 8_760 * seconds * 0.5 * 0.00001))
        // With 2,048 MB the function has a full vCPU: no scaling, four times the memory.
        let large = CostFixtures.estimate(CostFixtures.pipeline(volume: volume, memoryMB: 2_048))
        let largeCompute = try #require(CostFixtures.line("Lambda compute (arm64)", in: large))
        #expect(near(largeCompute.quantity, 8_760 * 372_916.666_666_666_7 / mib * 0.1151 * 2))
    }

    @Test func x86GBSecondsArePricedAsX86() throws {
        let arm = CostFixtures.estimate(CostFixtures.pipeline(volume: volume))
        let x86 = CostFixtures.estimate(CostFixtures.pipeline(volume: volume, architecture: "x86_64"))
        let armLine = try #require(CostFixtures.line("Lambda compute (arm64)", in: arm))
        let x86Line = try #require(CostFixtures.line("Lambda compute (x86_64)", in: x86))
        // The same GB-seconds at $0.00002 instead of $0.00001.
        #expect(x86Line.quantity == armLine.quantity)
        #expect(x86Line.priceKey == .lambdaGBSecondX86 && x86Line.unitPriceUSD == 0.00002)
        #expect(near(x86Line.monthlyUSD, 2 * armLine.monthlyUSD))
    }

    @Test func rangedGetsAndLakePuts() throws {
        let estimate = CostFixtures.estimate(CostFixtures.pipeline(volume: volume))
        // ⌈0.3556 MiB / 2 MiB⌉ = 1 GET per object: 8,760 × $0.0004 / 1000
        let gets = try #require(CostFixtures.line("S3 GETs of the raw objects", in: estimate))
        #expect(near(gets.monthlyUSD, 8.76 * 0.0004))
        // Lake objects of 199,510 B (0.535 × the landing object) fit one part: one PUT each.
        let puts = try #require(CostFixtures.line("S3 PUTs into the lake", in: estimate))
        #expect(near(puts.monthlyUSD, 8.76 * 0.005))
        // A 12 MiB lake object: ⌈12 MiB / 5.0625 MiB parts⌉ = 3 parts + create + complete = 5 requests.
        #expect(ProcessorCosts.lakePuts(objectBytes: 12 * mib) == 5)
        #expect(ProcessorCosts.lakePuts(objectBytes: 5 * mib) == 1)
    }

    @Test func lookupsAreBilledAtAthenasMinimumOncePerCachePeriod() throws {
        let estimate = CostFixtures.estimate(CostFixtures.pipeline(volume: volume, enrichment: true))
        // 1 lookup × min(288 objects, 86,400 s / 300 s cache = 288) = 288 queries/day × 30.4167 = 8,760 queries
        // × 10 MB minimum = 87,600 MB = 87,600 / 1,048,576 TB × $5
        let lookups = try #require(CostFixtures.line("Athena lookup queries", in: estimate))
        #expect(near(lookups.quantity, 87_600.0 / 1_048_576))
        #expect(near(lookups.monthlyUSD, 87_600.0 / 1_048_576 * 5))
        let none = CostFixtures.estimate(CostFixtures.pipeline(volume: volume))
        #expect(CostFixtures.line("Athena lookup queries", in: none) == nil)
    }

    @Test func theDeadLetterQueueIsAssumedEmpty() throws {
        let estimate = CostFixtures.estimate(CostFixtures.pipeline(volume: volume))
        let line = try #require(CostFixtures.line("SQS dead-letter queue", in: estimate))
        #expect(line.monthlyUSD == 0)
        #expect(line.formula.contains("only failed deliveries"))
    }
}
