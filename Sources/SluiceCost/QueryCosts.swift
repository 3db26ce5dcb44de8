import SluiceFormats
import SluiceModel

/// Athena: each view's analysts' queries (the days of partitions each reads; with Parquet only the columns the
/// view names), and each SPICE dataset's refreshes (a full refresh reads the whole view) instead of the dashboards'
/// queries, which SPICE answers. Every query is billed at least Athena's minimum.
enum QueryCosts {
    static func lines(_ context: EstimateContext) -> [CostLine] {
        let pipeline = context.pipeline
        var lines: [CostLine] = []
        for view in pipeline.views {
            let perDay = analystQueriesPerDay(context, view)
            let spice = spiceDatasets(of: view, in: pipeline)
            let what =
                spice.isEmpty
                ? "\(num(perDay)) queries/day"
                : "\(num(perDay)) ad hoc queries/day (dashboards read SPICE: \(spice.joined(separator: ", ")))"
            lines.append(
                scanLine(
                    context, view: view, item: "Athena queries of \(view.name)", queries: perDay * context.days,
                    queriesText: "\(what) × \(num(context.days)) days",
                    days: context.volume.daysPerQuery(view: view.name)))
        }
        for dataset in pipeline.datasets where dataset.importMode == .spice {
            guard let view = pipeline.views.first(where: { $0.name == dataset.view }) else { continue }
            let perDay = refreshesPerDay(dataset)
            lines.append(
                scanLine(
                    context, view: view, item: "SPICE refreshes of \(dataset.name)", queries: perDay * context.days,
                    queriesText: "\(num(perDay)) full refreshes/day × \(num(context.days)) days",
                    days: LakeCosts.horizonDays))
        }
        return lines
    }

    /// Scheduled full refreshes a day: 24 hourly, 1 daily, none without a schedule.
    static func refreshesPerDay(_ dataset: Dataset) -> Double {
        switch dataset.refresh {
        case .hourly: 24
        case .daily: 1
        case nil: 0
        }
    }

    /// The SPICE datasets over `view`, by name.
    static func spiceDatasets(of view: View, in pipeline: Pipeline) -> [String] {
        pipeline.datasets.filter { $0.importMode == .spice && $0.view == view.name }.map(\.name)
    }

    /// Analysts' Athena queries a day on `view`. A view behind a SPICE dataset serves its dashboards from SPICE,
    /// so only the ad hoc queries `volume.views` declares for it reach Athena (none by default); any other view
    /// takes its own figure, else the section's, else the default.
    static func analystQueriesPerDay(_ context: EstimateContext, _ view: View) -> Double {
        guard spiceDatasets(of: view, in: context.pipeline).isEmpty else {
            return Double(context.pipeline.volume.view(view.name)?.queriesPerDay ?? 0)
        }
        return context.volume.queriesPerDay(view: view.name)
    }

    /// Athena queries a month: the views' queries and the SPICE refreshes (the catalog's requests follow them).
    static func queriesPerMonth(_ context: EstimateContext) -> Double {
        let views = context.pipeline.views.reduce(0) { $0 + analystQueriesPerDay(context, $1) }
        let refreshes = context.pipeline.datasets.filter { $0.importMode == .spice }.reduce(0) {
            $0 + refreshesPerDay($1)
        }
        return (views + refreshes) * context.days
    }

    /// The bytes one query of `view` over `days` of partitions scans, before the minimum, and how. A query asking
    /// for more days than the priced lake holds (`LakeCosts.horizonDays`) reads the whole lake, no more.
    static func scannedBytes(_ context: EstimateContext, view: View, days asked: Double) -> (bytes: Double, how: String)
    {
        let lakePerDay = context.flow.lakeBytesPerDay
        let days = min(asked, LakeCosts.horizonDays)
        let daysText =
            days < asked
            ? "\(num(days)) days (of \(num(asked)) asked: the lake holds \(num(days)))" : "\(num(days)) days"
        switch context.pipeline.processor.output.format {
        case .json:
            return (lakePerDay * days, "\(daysText) × \(gb(lakePerDay))/day (JSON: every byte)")
        case .parquet:
            let share = ViewColumnShare.share(of: view, in: context.pipeline)
            let fraction = share.of > 0 ? Double(share.read) / Double(share.of) : 1
            return (
                fraction * lakePerDay * days,
                "\(share.read)/\(share.of) columns × \(daysText) × \(gb(lakePerDay))/day"
            )
        }
    }

    static func scanLine(
        _ context: EstimateContext, view: View, item: String, queries: Double, queriesText: String, days: Double
    ) -> CostLine {
        let scan = scannedBytes(context, view: view, days: days)
        let minimumBytes = context.analyticsPrices[.athenaMinimumMBPerQuery] * BillingUnits.mebibyte
        let billed = max(scan.bytes, minimumBytes)
        let terabytes = queries * billed / BillingUnits.tebibyte
        let floor =
            scan.bytes < minimumBytes ? ", billed as the \(num(minimumBytes / BillingUnits.mebibyte)) MB minimum" : ""
        return context.analyticsLine(
            .queries, item, quantity: terabytes, unit: "TB", .athenaPerTBScanned,
            formula: "\(queriesText) × (\(scan.how) = \(num(scan.bytes / BillingUnits.mebibyte)) MB\(floor)) = "
                + "\(num(terabytes)) TB")
    }
}
