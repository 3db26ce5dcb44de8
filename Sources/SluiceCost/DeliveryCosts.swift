import Foundation

/// Firehose: ingestion of the subscription's records (each rounded up to the 5 KB increment), the objects it
/// writes into the raw bucket, their storage until `expire_days` and their expiry.
enum DeliveryCosts {
    static func lines(_ context: EstimateContext) -> [CostLine] {
        let flow = context.flow
        let days = context.days
        let delivery = context.pipeline.delivery
        let incrementBytes = context.sourcePrices[.firehoseRecordIncrementKB] * BillingUnits.kibibyte
        let billedRecordBytes = billedBytes(record: flow.recordBytes, increment: incrementBytes)
        let ingestedGB = flow.recordsPerDay * billedRecordBytes * days / BillingUnits.gibibyte
        let objectsPerMonth = flow.objectsPerDay * days
        let storedGB = flow.landingBytesPerDay * Double(delivery.expireDays) / BillingUnits.gibibyte
        let bySize = flow.bufferedBytesPerDay / (Double(max(1, delivery.bufferingSizeMB)) * BillingUnits.mebibyte)
        let objectsFormula =
            delivery.bufferingIntervalSeconds > 0
            ? "min(\(num(flow.recordsPerDay)) records, max(\(num(flow.bufferedBytesPerDay / BillingUnits.mebibyte)) "
                + "MB/day / \(delivery.bufferingSizeMB) MB = \(num(bySize)), 86,400 s / "
                + "\(delivery.bufferingIntervalSeconds) s = \(num(86_400 / Double(delivery.bufferingIntervalSeconds))))) "
            : "an interval of 0 s: one object per record, "
        return [
            context.sourceLine(
                .delivery, "Firehose ingestion", quantity: ingestedGB, unit: "GB", .firehoseIngestionPerGB,
                formula: "\(num(flow.recordsPerDay)) records/day (at most one subscription delivery a second) × "
                    + "\(num(billedRecordBytes / BillingUnits.kibibyte)) KB billed (a record of "
                    + "\(num(flow.recordBytes / BillingUnits.kibibyte)) KB rounded up to a multiple of "
                    + "\(num(incrementBytes / BillingUnits.kibibyte)) KB) × \(num(days)) days = \(num(ingestedGB)) GB"),
            context.sourceLine(
                .delivery, "S3 PUTs of Firehose objects", quantity: objectsPerMonth / 1_000, unit: "1000 requests",
                .s3PutPer1000,
                formula: objectsFormula + "= \(num(flow.objectsPerDay)) objects/day × \(num(days)) days = "
                    + "\(num(objectsPerMonth)) PUTs"),
            context.sourceLine(
                .delivery, "raw bucket storage", quantity: storedGB, unit: "GB-month", .s3StandardPerGBMonth,
                formula: "\(gb(flow.landingBytesPerDay))/day gzipped × \(delivery.expireDays) days until expiry = "
                    + "\(num(storedGB)) GB stored"),
            context.sourceLine(
                .delivery, "raw bucket lifecycle expiry", quantity: objectsPerMonth / 1_000, unit: "1000 requests",
                .s3LifecycleExpirationPer1000,
                formula: "\(num(objectsPerMonth)) objects expire a month (lifecycle expiry is free of request "
                    + "charges)"),
        ]
    }

    /// A record's bytes rounded up to the next whole increment: 3 KB bills as 5 KB, 12 KB as 15 KB.
    static func billedBytes(record: Double, increment: Double) -> Double {
        guard increment > 0 else { return record }
        return (record / increment).rounded(.up) * increment
    }
}
