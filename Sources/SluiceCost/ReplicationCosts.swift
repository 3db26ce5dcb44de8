/// S3 replication of the raw objects into the analytics account: the PUTs on the destination, Replication Time
/// Control when on, and the replicas' storage until they expire.
enum ReplicationCosts {
    static func lines(_ context: EstimateContext) -> [CostLine] {
        guard let replication = context.pipeline.replication else { return [] }
        let flow = context.flow
        let days = context.days
        let objectsPerMonth = flow.objectsPerDay * days
        let expireDays = Double(context.pipeline.delivery.expireDays)
        let storedGB = flow.landingBytesPerDay * expireDays / BillingUnits.gibibyte
        let replicatedGB = flow.landingBytesPerDay * days / BillingUnits.gibibyte
        var lines = [
            context.analyticsLine(
                .replication, "replication PUTs on the destination", quantity: objectsPerMonth / 1_000,
                unit: "1000 requests", .s3PutPer1000,
                formula: "\(num(flow.objectsPerDay)) objects/day × \(num(days)) days = \(num(objectsPerMonth)) PUTs"),
            context.analyticsLine(
                .replication, "landing bucket storage (replicas)", quantity: storedGB, unit: "GB-month",
                .s3StandardPerGBMonth,
                formula: "\(gb(flow.landingBytesPerDay))/day × \(num(expireDays)) days until expiry = "
                    + "\(num(storedGB)) GB stored"),
        ]
        if replication.timeControl {
            lines.append(
                context.analyticsLine(
                    .replication, "Replication Time Control", quantity: replicatedGB, unit: "GB",
                    .s3ReplicationTimeControlPerGB,
                    formula: "\(gb(flow.landingBytesPerDay))/day × \(num(days)) days = \(num(replicatedGB)) GB "
                        + "replicated"))
        }
        return lines
    }
}
