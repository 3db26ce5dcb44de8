import SluiceModel

@testable import SluiceCost

/// A project, a pipeline (its `volume` and other sections varied per test) and a hand-made price table with round
/// figures, so each test's hand calculation is easy to follow. Nothing here reads the committed price table.
enum CostFixtures {
    static let project = """
        project:
          name: test
          prefix: acme
        accounts:
          - name: production
            id: "111111111111"
            region: eu-west-1
            deploy_role: arn:aws:iam::111111111111:role/deploy
          - name: analytics
            id: "222222222222"
            region: eu-west-1
            deploy_role: arn:aws:iam::222222222222:role/deploy
        state:
          bucket: acme-state
          region: eu-west-1
          account: analytics

        """

    /// A pipeline with `volume` (YAML lines indented two spaces under `volume:`, or none), the output `format`, the
    /// catalog's `discovery` lines and a buffering size.
    static func pipeline(
        volume: String? = nil, format: String = "parquet", bufferingSizeMB: Int = 64, interval: Int = 300,
        discovery: String = "crawler:\n    schedule: hourly", memoryMB: Int = 512, timeControl: Bool = false,
        views: String = defaultViews, enrichment: Bool = false, extra: String = "", architecture: String = "arm64"
    ) -> String {
        let lookups = enrichment ? enrichmentSection : ""
        let volumeSection = volume.map { "volume:\n" + $0 + "\n" } ?? ""
        return """
            name: web
            source:
              account: production
              log_group: /haproxy/web
              retention_days: 30
            delivery:
              mode: extracted
              buffering_size_mb: \(bufferingSizeMB)
              buffering_interval_seconds: \(interval)
              expire_days: 30
            replication:
              account: analytics
              time_control: \(timeControl)
            processor:
              name: web-parser
              memory_mb: \(memoryMB)
              timeout_seconds: 60
              architecture: \(architecture)
            \(lookups)
              output:
                table: requests
                format: \(format)
                columns:
                  - { name: requested_at, type: timestamp }
                  - { name: account_id, type: string }
                  - { name: account_name, type: string }
                  - { name: path, type: string }
                  - { name: status, type: int }
                partition_keys:
                  - { name: dt, type: string }
            catalog:
              database: web
              \(discovery)
            \(views)
            \(extra)
            \(volumeSection)
            """
    }

    /// One lookup, cached for 300 s.
    static let enrichmentSection = """
          enrichment:
            catalog: directory
            connector: arn:aws:lambda:eu-west-1:222222222222:function:dir
            cache_ttl_seconds: 300
            lookups:
              - name: account
                schema: directory
                table: accounts
                key: account_id
                match: account_id
                columns: [account_name]
        """

    /// A SPICE dataset over the view, refreshed hourly, and a dashboard on it.
    static let spiceDataset = """
        datasets:
          - { name: daily-set, view: daily, import_mode: spice, refresh: hourly }
        dashboards:
          - name: overview
            dataset: daily-set
            visuals:
              - { type: kpi, title: Requests, measure: requests, aggregation: sum }
        quicksight:
          group: analysts
        """

    /// One view reading one of the table's five stored columns (`status`) and the partition key.
    static let defaultViews = """
        views:
          - name: daily
            sql: SELECT dt AS day, count(status) AS requests FROM {{ ref("requests") }} GROUP BY dt
            columns:
              - { name: day, type: string }
              - { name: requests, type: bigint }
        """

    static func decode(_ text: String) -> (Project, Pipeline?, Diagnostics) {
        var diagnostics = Diagnostics()
        let project = ProjectDecoder.decode(self.project, path: "pipelines/sluice.yaml", diagnostics: &diagnostics)!
        let pipeline = PipelineDecoder.decode(text, path: "pipelines/web.yaml", diagnostics: &diagnostics)
        if let pipeline {
            diagnostics.append(contentsOf: Validator.validate(project: project, pipelines: [pipeline]))
        }
        return (project, pipeline, diagnostics)
    }

    /// The decoded pipeline's estimate with `prices`; the manifest must be valid.
    static func estimate(_ text: String, prices: PriceTable = prices) -> PipelineEstimate {
        let (project, pipeline, diagnostics) = decode(text)
        precondition(!diagnostics.hasErrors, "fixture invalid: \(diagnostics.sorted)")
        return CostModel.estimate(pipeline: pipeline!, project: project, prices: prices)
    }

    /// Round figures, not AWS's: the tests check the arithmetic, not the price list.
    static let figures: [PriceKey: Double] = [
        .logsIngestionPerGB: 0.5, .logsStoragePerGBMonth: 0.03, .firehoseIngestionPerGB: 0.03,
        .firehoseRecordIncrementKB: 5, .firehoseFormatConversionPerGB: 0.02, .s3StandardPerGBMonth: 0.02,
        .s3PutPer1000: 0.005, .s3GetPer1000: 0.0004, .s3ReplicationTimeControlPerGB: 0.015,
        .s3LifecycleExpirationPer1000: 0, .eventBridgeEventsPerMillion: 1, .lambdaRequestsPerMillion: 0.2,
        .lambdaGBSecondX86: 0.00002, .lambdaGBSecondArm: 0.00001, .sqsRequestsPerMillion: 0.4,
        .athenaPerTBScanned: 5, .athenaMinimumMBPerQuery: 10, .glueCrawlerPerDPUHour: 0.44,
        .glueCrawlerMinimumMinutes: 10, .glueCrawlerDPUs: 2, .glueCatalogPer100kObjects: 1,
        .glueCatalogRequestsPerMillion: 1, .quickSightAuthorPerMonth: 24, .quickSightReaderPerMonth: 3,
        .quickSightSPICEPerGBMonth: 0.38,
    ]

    static let prices = PriceTable(regions: [
        "eu-west-1": RegionPrices(
            region: "eu-west-1",
            figures: figures.mapValues {
                Price(value: $0, unit: "USD", source: "test", asOf: "2026-12-01", verified: true)
            })
    ])

    /// The one line named `item` (a test failure when absent).
    static func line(_ item: String, in estimate: PipelineEstimate) -> CostLine? {
        estimate.lines.first { $0.item == item }
    }

    /// Days in the priced month.
    static let days = 730.0 / 24
    static let gib = 1_073_741_824.0
    static let mib = 1_048_576.0
    static let tib = 1_099_511_627_776.0
}
