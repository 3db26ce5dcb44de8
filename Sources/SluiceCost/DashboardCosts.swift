/// QuickSight: the authors and readers the pipeline adds, and its SPICE datasets' capacity.
enum DashboardCosts {
    static func lines(_ context: EstimateContext) -> [CostLine] {
        let pipeline = context.pipeline
        let volume = context.volume
        // Users the volume declares are priced even without dashboards here: the estimate's assumptions list them
        // as declared, so leaving them out would say one thing and price another.
        let declaresUsers = volume.quickSightAuthors > 0 || volume.quickSightReaders > 0
        guard pipeline.quickSight != nil || !pipeline.datasets.isEmpty || declaresUsers else { return [] }
        var spiceBytes = 0.0
        var spiceParts: [String] = []
        for dataset in pipeline.datasets where dataset.importMode == .spice {
            guard let view = pipeline.views.first(where: { $0.name == dataset.view }) else { continue }
            let scan = QueryCosts.scannedBytes(context, view: view, days: LakeCosts.horizonDays)
            spiceBytes += scan.bytes
            spiceParts.append("\(dataset.name): \(scan.how)")
        }
        let spiceGB = spiceBytes / BillingUnits.gibibyte
        return [
            context.analyticsLine(
                .dashboards, "QuickSight authors", quantity: volume.quickSightAuthors, unit: "user-month",
                .quickSightAuthorPerMonth, formula: "authors this pipeline adds: \(num(volume.quickSightAuthors))"),
            context.analyticsLine(
                .dashboards, "QuickSight readers", quantity: volume.quickSightReaders, unit: "user-month",
                .quickSightReaderPerMonth, formula: "readers this pipeline adds: \(num(volume.quickSightReaders))"),
            context.analyticsLine(
                .dashboards, "SPICE capacity", quantity: spiceGB, unit: "GB-month", .quickSightSPICEPerGBMonth,
                formula: spiceParts.isEmpty
                    ? "no SPICE datasets"
                    : "at most the lake bytes the views read after a year (an aggregating view holds far less): "
                        + spiceParts.joined(separator: "; ") + " = \(num(spiceGB)) GB"),
        ]
    }
}
