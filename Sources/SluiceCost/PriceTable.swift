/// One figure of the price table, with where it came from.
package struct Price: Sendable, Codable, Equatable {
    /// In US dollars per `unit` for a price; in `unit` for a rule (KB, MB, minutes, DPUs).
    package var value: Double
    /// What `value` counts: `USD/GB`, `USD/1000 requests`, `KB`, ...
    package var unit: String
    /// The public page or price-list offer file the figure was read from.
    package var source: String
    /// The day the figure was read from `source` (yyyy-MM-dd).
    package var asOf: String
    /// False for a figure taken from a secondary page and not yet checked against AWS's price list.
    package var verified: Bool

    package init(value: Double, unit: String, source: String, asOf: String, verified: Bool) {
        self.value = value
        self.unit = unit
        self.source = source
        self.asOf = asOf
        self.verified = verified
    }
}

/// The figures of one region.
package struct RegionPrices: Sendable, Equatable {
    package var region: String
    package var figures: [PriceKey: Price]

    package init(region: String, figures: [PriceKey: Price]) {
        self.region = region
        self.figures = figures
    }

    /// The figure's value (0 when absent; the committed table has every key, which `PriceTableTests` checks).
    package subscript(_ key: PriceKey) -> Double { figures[key]?.value ?? 0 }
}

/// Prices per region. The committed table is data (`pricing/prices.json`) compiled into `PriceTable.committed`.
package struct PriceTable: Sendable, Equatable {
    package var regions: [String: RegionPrices]
    /// The region whose figures stand in for a region the table lacks.
    package static let fallbackRegion = "us-east-1"

    package init(regions: [String: RegionPrices]) {
        self.regions = regions
    }

    /// A region's figures, or the fallback region's with `substituted` true when the table has no such region.
    package func prices(for region: String) -> (prices: RegionPrices, substituted: Bool) {
        if let prices = regions[region] { return (prices, false) }
        return (regions[Self.fallbackRegion] ?? RegionPrices(region: Self.fallbackRegion, figures: [:]), true)
    }
}
