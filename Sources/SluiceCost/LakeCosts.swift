/// The lake's storage. The lake is never expired, so its size grows; the line prices it as it stands after a
/// year (`horizonDays` of data), which SPICE refreshes and the catalog's partitions also assume.
enum LakeCosts {
    /// The age of the lake the estimate prices: a year of data.
    static let horizonDays = 365.0

    static func lines(_ context: EstimateContext) -> [CostLine] {
        let flow = context.flow
        let output = context.pipeline.processor.output
        let ratio = MeasuredConstants.lakeBytes(
            perLandingByte: context.pipeline.delivery.mode, output.format, output.compression)
        let storedGB = flow.lakeBytesPerDay * horizonDays / BillingUnits.gibibyte
        return [
            context.analyticsLine(
                .lake, "lake storage after a year", quantity: storedGB, unit: "GB-month", .s3StandardPerGBMonth,
                formula: "\(gb(flow.landingBytesPerDay))/day landed × \(num(ratio)) lake bytes per byte "
                    + "(\(output.format.rawValue), \(output.compression.rawValue)) × \(num(horizonDays)) days = "
                    + "\(num(storedGB)) GB")
        ]
    }
}
