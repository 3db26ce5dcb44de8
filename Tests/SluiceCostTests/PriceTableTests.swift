import Foundation
import Testing

@testable import SluiceCost

/// The committed table's shape and dates (pricing/prices.json, compiled in as `PriceTable.committed`).
@Suite struct PriceTableTests {
    /// The oldest a figure may be. A price table goes stale silently: AWS changes a price and every estimate is off
    /// without a single test noticing. Past this age CI fails loudly, so that someone runs scripts/prices/refresh.py
    /// (or rereads the pages) and commits the table with new dates. About 13 months: a yearly refresh, with a month's
    /// grace.
    static let maximumAgeInDays = 400

    private let table = PriceTable.committed

    private static var utcCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// The day a yyyy-MM-dd string names, or nil when it is not a real calendar day (2026-02-30, 2026-1-5, ...).
    private static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2])
        else { return nil }
        let components = DateComponents(year: year, month: month, day: dayOfMonth)
        guard let date = utcCalendar.date(from: components),
            utcCalendar.dateComponents([.year, .month, .day], from: date) == components
        else { return nil }
        return date
    }

    private var everyFigure: [(region: String, key: PriceKey, price: Price)] {
        table.regions.keys.sorted().flatMap { region in
            table.regions[region]!.figures.sorted { $0.key < $1.key }.map { (region, $0.key, $0.value) }
        }
    }

    @Test func theFallbackRegionAndTheExampleProjectsRegionsAreInTheTable() {
        #expect(table.regions[PriceTable.fallbackRegion] != nil)
        for region in ["eu-west-1", "eu-west-2"] {
            #expect(table.regions[region] != nil, "\(region) is missing")
            #expect(!table.prices(for: region).substituted)
        }
    }

    @Test func everyRegionHasEveryKeyUnderItsOwnName() {
        for (region, prices) in table.regions {
            #expect(prices.region == region)
            let missing = Set(PriceKey.allCases).subtracting(prices.figures.keys)
            #expect(missing.isEmpty, "\(region) lacks \(missing.sorted().map(\.rawValue))")
        }
    }

    @Test func valuesAreFiniteAndOnlyDocumentedFreeFiguresAreZero() {
        for (region, key, price) in everyFigure {
            #expect(price.value.isFinite, "\(region) \(key.rawValue)")
            if key.isDocumentedFree {
                #expect(price.value == 0, "\(region) \(key.rawValue) is documented as free")
            } else {
                #expect(price.value > 0, "\(region) \(key.rawValue) is \(price.value)")
            }
        }
    }

    @Test func eachKeyHasTheSameUnitInEveryRegion() {
        for (region, key, price) in everyFigure {
            #expect(price.unit == key.unit, "\(region) \(key.rawValue): \(price.unit), expected \(key.unit)")
        }
    }

    @Test func datesAreRealDaysNotInTheFutureAndNotStale() throws {
        let today = Self.utcCalendar.startOfDay(for: Date())
        for (region, key, price) in everyFigure {
            let asOf = try #require(Self.day(price.asOf), "\(region) \(key.rawValue): \(price.asOf) is not a day")
            #expect(asOf <= today, "\(region) \(key.rawValue) is dated in the future: \(price.asOf)")
            let age = Self.utcCalendar.dateComponents([.day], from: asOf, to: today).day ?? 0
            #expect(
                age <= Self.maximumAgeInDays,
                "\(region) \(key.rawValue) was read \(age) days ago (\(price.asOf)): run scripts/prices/refresh.py")
        }
    }

    @Test func theDateCheckRejectsWhatIsNotADay() {
        #expect(Self.day("2026-12-01") != nil)
        for text in ["2026-02-30", "2026-13-01", "2026-1-05", "01-12-2026", "", "2026-12-01T00:00"] {
            #expect(Self.day(text) == nil, "\(text)")
        }
    }

    /// Each source names the page the figure was read from: an https URL, or the fallback's wording ending in one.
    @Test func sourcesNameAnHTTPSPage() {
        for (region, key, price) in everyFigure {
            let url = price.source.split(separator: " ").last.map(String.init) ?? ""
            let parsed = URL(string: url)
            #expect(parsed?.scheme == "https" && parsed?.host?.isEmpty == false, "\(region) \(key.rawValue)")
            if price.source != url {
                #expect(
                    price.source.hasPrefix("\(PriceTable.fallbackRegion) figure; \(region) not found in "),
                    "\(region) \(key.rawValue): \(price.source)")
                #expect(!price.verified, "\(region) \(key.rawValue) stands in for a missing figure: not verified")
            }
        }
    }

    @Test func pricesAsOfIsTheOldestDayAndUnverifiedKeysAreListed() {
        let usEast = table.regions[PriceTable.fallbackRegion]!
        #expect(table.pricesAsOf(PriceTable.fallbackRegion) == usEast.figures.values.map(\.asOf).min())
        #expect(table.pricesAsOf("ap-south-2") == table.pricesAsOf(PriceTable.fallbackRegion))
        #expect(table.oldestAsOf <= table.pricesAsOf("eu-west-1"))
        let figure = { (asOf: String) in
            Price(value: 1, unit: "KB", source: "https://example.com", asOf: asOf, verified: true)
        }
        let small = PriceTable(regions: [
            "us-east-1": RegionPrices(
                region: "us-east-1",
                figures: [.athenaPerTBScanned: figure("2026-03-01"), .glueCrawlerDPUs: figure("2025-11-30")])
        ])
        #expect(small.pricesAsOf("us-east-1") == "2025-11-30")
        #expect(small.unverifiedKeys("us-east-1").isEmpty)
        var unchecked = small
        unchecked.regions["us-east-1"]?.figures[.glueCrawlerDPUs]?.verified = false
        #expect(unchecked.unverifiedKeys("us-east-1") == [.glueCrawlerDPUs])
        #expect(unchecked.unverifiedKeys("ap-south-2") == [.glueCrawlerDPUs])
        #expect(small.oldestAsOf == "2025-11-30")
        #expect(PriceTable(regions: [:]).oldestAsOf == "")
    }
}
