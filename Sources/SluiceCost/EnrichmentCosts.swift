/// The processor's lookups: Athena federated queries, each billed at Athena's minimum scan (lookup tables are
/// small). A warm container queries each lookup once per cache period, or once per object without a cache.
enum EnrichmentCosts {
    static func lines(_ context: EstimateContext) -> [CostLine] {
        guard let enrichment = context.pipeline.processor.enrichment else { return [] }
        let flow = context.flow
        let days = context.days
        let lookups = Double(enrichment.lookups.count)
        let ttl = Double(enrichment.cacheTTLSeconds)
        let perLookup = ttl > 0 ? min(flow.objectsPerDay, BillingUnits.secondsPerDay / ttl) : flow.objectsPerDay
        let queries = lookups * perLookup * days
        let minimumMB = context.analyticsPrices[.athenaMinimumMBPerQuery]
        let scannedTB = queries * minimumMB * BillingUnits.mebibyte / BillingUnits.tebibyte
        let period =
            ttl > 0
            ? "min(\(num(flow.objectsPerDay)) objects, 86,400 s / \(num(ttl)) s cache)"
            : "\(num(flow.objectsPerDay)) objects (no cache)"
        return [
            context.analyticsLine(
                .enrichment, "Athena lookup queries", quantity: scannedTB, unit: "TB", .athenaPerTBScanned,
                formula: "\(num(lookups)) lookups × \(period) a day × \(num(days)) days = \(num(queries)) queries × "
                    + "\(num(minimumMB)) MB minimum = \(num(scannedTB)) TB")
        ]
    }
}
