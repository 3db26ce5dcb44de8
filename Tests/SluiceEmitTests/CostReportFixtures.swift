import SluiceCost

/// Hand-made estimates for the report tests: the renderers are tested on figures written here, not on the model's.
enum CostReportFixtures {
    static func line(
        _ stage: CostStage, _ account: String, _ item: String, quantity: Double, unit: String = "GB",
        price: Double, key: PriceKey = .logsIngestionPerGB, formula: String = "1 × 2 = 2"
    ) -> CostLine {
        CostLine(
            stage: stage, account: account, item: item, quantity: quantity, unit: unit, priceKey: key,
            unitPriceUSD: price, formula: formula)
    }

    /// A pipeline of four lines in two accounts: $10 + $2.50 + $0.004 + $30 = $42.504 a month.
    static func pipeline(_ name: String, athenaTB: Double = 6) -> PipelineEstimate {
        PipelineEstimate(
            pipeline: name, regions: ["production": "eu-west-1", "analytics": "eu-west-2"],
            assumptions: [
                "volume: 2,000,000 log events/day (declared), 300 B each (default)",
                "free tiers not applied: they are per account, shared with everything else there",
            ],
            lines: [
                line(
                    .source, "production", "CloudWatch Logs ingestion", quantity: 20, price: 0.5,
                    formula: "2,000,000 events/day × 300 B × 30.42 days = 17.0 GB"),
                line(
                    .delivery, "production", "Firehose ingestion", quantity: 50, price: 0.05,
                    key: .firehoseIngestionPerGB, formula: "records rounded up to 5 KB: 50 GB"),
                line(
                    .catalog, "analytics", "Glue Data Catalog requests", quantity: 0.004, unit: "million requests",
                    price: 1, key: .glueCatalogRequestsPerMillion, formula: "4,000 requests"),
                line(
                    .queries, "analytics", "Athena scans", quantity: athenaTB, unit: "TB", price: 5,
                    key: .athenaPerTBScanned, formula: "24 queries/day × 30.42 days × 10 MB minimum"),
            ],
            alternatives: [
                CostAlternative(
                    change: "catalog: projection instead of crawler", monthlyUSD: 40, deltaUSD: -2.504,
                    changedLines: [
                        ChangedLine(
                            stage: .catalog, account: "analytics", item: "Glue crawler runs", beforeUSD: 2.5,
                            afterUSD: 0)
                    ])
            ])
    }

    static func project(_ names: [String] = ["integrations-usage"]) -> ProjectEstimate {
        ProjectEstimate(pricesAsOf: "2026-11-30", pipelines: names.map { pipeline($0) })
    }
}
