extension PriceTable {
    /// The oldest day (yyyy-MM-dd) among the figures a region is priced with (the fallback region's when the table
    /// lacks it): how fresh an estimate for that region is. Empty when the region has no figures at all.
    package func pricesAsOf(_ region: String) -> String {
        prices(for: region).prices.figures.values.map(\.asOf).min() ?? ""
    }

    /// The oldest day (yyyy-MM-dd) among all the table's figures. Empty for an empty table.
    package var oldestAsOf: String {
        regions.values.flatMap { $0.figures.values.map(\.asOf) }.min() ?? ""
    }

    /// The figures of a region (or its fallback's) that were not checked against AWS's own price list.
    package func unverifiedKeys(_ region: String) -> [PriceKey] {
        prices(for: region).prices.figures.filter { !$0.value.verified }.keys.sorted()
    }
}
