/// The log group: CloudWatch Logs ingestion of the events and their storage for `retention_days`.
enum SourceCosts {
    static func lines(_ context: EstimateContext) -> [CostLine] {
        let flow = context.flow
        let days = context.days
        let ingestedGB = flow.eventBytesPerDay * days / BillingUnits.gibibyte
        let perDay =
            context.pipeline.volume.gbPerDay.map { "\(num($0)) GB/day" }
            ?? "\(num(context.volume.eventsPerDay)) events/day × \(num(context.volume.averageEventBytes)) B"
        let retention = Double(context.pipeline.source.retentionDays)
        // CloudWatch Logs bills storage on the compressed size; the landing objects' gzip ratio stands for it.
        let ratio = MeasuredConstants.landingBytes(perEventByte: .extracted)
        let storedGB = flow.eventBytesPerDay * retention * ratio / BillingUnits.gibibyte
        return [
            context.sourceLine(
                .source, "CloudWatch Logs ingestion", quantity: ingestedGB, unit: "GB", .logsIngestionPerGB,
                formula: "\(perDay) × \(num(days)) days = \(num(ingestedGB)) GB"),
            context.sourceLine(
                .source, "CloudWatch Logs storage", quantity: storedGB, unit: "GB-month", .logsStoragePerGBMonth,
                formula: "\(gb(flow.eventBytesPerDay))/day × \(num(retention)) days retained × \(num(ratio)) "
                    + "(compressed, as gzip) = \(num(storedGB)) GB stored"),
        ]
    }
}
