import Testing

@testable import SluiceCost

@Suite struct PriceTableLookupTests {
    private func figure(_ value: Double) -> Price {
        Price(value: value, unit: "USD/GB", source: "https://example.com/pricing", asOf: "2026-12-01", verified: true)
    }

    @Test func aRegionInTheTableIsPricedWithItsOwnFigures() {
        let table = PriceTable(regions: [
            "us-east-1": RegionPrices(region: "us-east-1", figures: [.logsIngestionPerGB: figure(0.5)]),
            "eu-west-2": RegionPrices(region: "eu-west-2", figures: [.logsIngestionPerGB: figure(0.57)]),
        ])
        let (prices, substituted) = table.prices(for: "eu-west-2")
        #expect(!substituted)
        #expect(prices.region == "eu-west-2")
        #expect(prices[.logsIngestionPerGB] == 0.57)
    }

    @Test func aRegionMissingFromTheTableIsPricedWithTheFallbackAndSaysSo() {
        let table = PriceTable(regions: [
            "us-east-1": RegionPrices(region: "us-east-1", figures: [.logsIngestionPerGB: figure(0.5)])
        ])
        let (prices, substituted) = table.prices(for: "ap-south-2")
        #expect(substituted)
        #expect(prices.region == PriceTable.fallbackRegion)
        #expect(prices[.logsIngestionPerGB] == 0.5)
        #expect(prices[.athenaPerTBScanned] == 0)
    }
}
