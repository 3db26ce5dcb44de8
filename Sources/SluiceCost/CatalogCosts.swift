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
                    formula: "\(num(CronRuns.perDay(schedule))) runs/day (\(schedule.written)) × \(num(context.days)) "
                        + "days × max(\(num(minimum)) min minimum, \(num(assumedRunMinutes)) min run) / 60 min × "
                        + "\(num(dpus)) DPUs = \(num(dpuHours)) DPU-hours"))
            partitions = LakeCosts.horizonDays
        case .projection:
            lines.append(
                CostLine(
                    stage: .catalog, account: context.analyticsAccount, item: "partition projection", quantity: 0,
                    unit: "DPU-hour", priceKey: .glueCrawlerPerDPUHour, unitPriceUSD: prices[.glueCrawlerPerDPUHour],
                    formula: "partition projection: Athena computes the partitions, no crawler runs: $0"))
        }
        let objects = 1 + Double(context.pipeline.views.count) + partitions
        let partitionsText = partitions > 0 ? " + \(num(partitions)) daily partitions after a year" : ""
        let requests = QueryCosts.queriesPerMonth(context) * requestsPerQuery
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
                formula: "\(num(QueryCosts.queriesPerMonth(context))) Athena queries × \(num(requestsPerQuery)) "
                    + "requests = \(num(requests)) requests"))
        return lines
    }
}

/// How many times a day a crawler schedule runs.
package enum CronRuns {
    /// `hourly` 24, `daily` 1; a cron expression's minutes × hours (its day fields are taken as every day).
    package static func perDay(_ schedule: Schedule) -> Double {
        let fields = schedule.cron.dropFirst("cron(".count).dropLast().split(separator: " ").map(String.init)
        guard fields.count >= 2 else { return 1 }
        return count(fields[0], range: 60) * count(fields[1], range: 24)
    }

    /// The values a cron field takes: `*` all, `*/n` or `a/n` every n-th, `a-b` a range, `a,b` a list.
    static func count(_ field: String, range: Int) -> Double {
        field.split(separator: ",").reduce(0) { total, part in
            let pieces = part.split(separator: "/", maxSplits: 1).map(String.init)
            let step = pieces.count == 2 ? max(1, Int(pieces[1]) ?? 1) : 1
            var low = 0
            var high = range - 1
            if pieces[0] != "*" {
                let bounds = pieces[0].split(separator: "-").compactMap { Int($0) }
                guard let first = bounds.first else { return total + 1 }
                low = first
                high = bounds.count == 2 ? bounds[1] : (pieces.count == 2 ? range - 1 : first)
            }
            return total + Double(max(0, (high - low) / step + 1))
        }
    }
}
