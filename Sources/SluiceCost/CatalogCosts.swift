import SluiceModel

/// The catalog: crawler runs (each billed at least the minimum), or nothing with partition projection; the Data
/// Catalog's objects (the table, its views and, with a crawler, a partition a day) and its requests.
enum CatalogCosts {
    /// How long a crawler run over one new date partition takes: an assumption, well under the 10-minute minimum.
    static let assumedRunMinutes = 1.0
    /// Data Catalog requests per Athena query (GetTable and GetPartitions): an assumption.
    static let requestsPerQuery = 2.0

    static func lines(_ context: EstimateContext) -> [CostLine] {
        let prices = context.analyticsPrices
        var lines: [CostLine] = []
        var partitions = 0.0
        switch context.pipeline.catalog.discovery {
        case .crawler(let schedule):
            let runs = CronRuns.perDay(schedule) * context.days
            let minimum = prices[.glueCrawlerMinimumMinutes]
            let billedMinutes = max(minimum, assumedRunMinutes)
            let dpus = prices[.glueCrawlerDPUs]
            let dpuHours = runs * billedMinutes / 60 * dpus
            lines.append(
                context.analyticsLine(
                    .catalog, "Glue crawler runs", quantity: dpuHours, unit: "DPU-hour", .glueCrawlerPerDPUHour,
                    formula: "\(CronRuns.formula(schedule)) × \(num(context.days)) "
                        + "days × max(\(num(minimum)) min minimum, \(num(assumedRunMinutes)) min run) / 60 min × "
                        + "\(num(dpus)) DPUs = \(num(dpuHours)) DPU-hours"))
            partitions = LakeCosts.horizonDays
        case .projection:
            lines.append(
                context.analyticsLine(
                    .catalog, "partition projection", quantity: 0, unit: "DPU-hour", .glueCrawlerPerDPUHour,
                    formula: "partition projection: Athena computes the partitions, no crawler runs: $0"))
        }
        let objects = 1 + Double(context.pipeline.views.count) + partitions
        let partitionsText = partitions > 0 ? " + \(num(partitions)) daily partitions after a year" : ""
        let queries = QueryCosts.queriesPerMonth(context)
        let requests = queries * requestsPerQuery
        lines.append(
            context.analyticsLine(
                .catalog, "Glue Data Catalog objects", quantity: objects / 100_000, unit: "100k objects",
                .glueCatalogPer100kObjects,
                formula: "1 table + \(context.pipeline.views.count) view(s)\(partitionsText) = \(num(objects)) objects "
                    + "(the first million free per account is not applied)"))
        lines.append(
            context.analyticsLine(
                .catalog, "Glue Data Catalog requests", quantity: requests / 1_000_000, unit: "1M requests",
                .glueCatalogRequestsPerMillion,
                formula: "\(num(queries)) Athena queries × \(num(requestsPerQuery)) "
                    + "requests = \(num(requests)) requests"))
        return lines
    }
}
