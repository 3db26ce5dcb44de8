/// Every figure the cost model reads from the price table: a price, or a billing rule AWS states beside its prices
/// (a rounding, a minimum). Each region of the committed table has every key; `PriceTableTests` checks it.
package enum PriceKey: String, CaseIterable, Sendable, Codable, Comparable {
    // CloudWatch Logs
    case logsIngestionPerGB = "logs.ingestion_per_gb"
    case logsStoragePerGBMonth = "logs.storage_per_gb_month"
    // Firehose
    case firehoseIngestionPerGB = "firehose.ingestion_per_gb"
    /// Direct PUT records are billed in increments of this many KB (a 3 KB record counts as 5 KB).
    case firehoseRecordIncrementKB = "firehose.record_increment_kb"
    case firehoseFormatConversionPerGB = "firehose.format_conversion_per_gb"
    // S3
    case s3StandardPerGBMonth = "s3.standard_per_gb_month"
    /// PUT, COPY, POST and LIST requests.
    case s3PutPer1000 = "s3.put_per_1000"
    /// GET and all other requests.
    case s3GetPer1000 = "s3.get_per_1000"
    case s3ReplicationTimeControlPerGB = "s3.replication_time_control_per_gb"
    /// Lifecycle expiration actions (free; kept so that the table says so with its source).
    case s3LifecycleExpirationPer1000 = "s3.lifecycle_expiration_per_1000"
    // EventBridge
    /// Custom and partner events, and cross-account deliveries; AWS services' own events on the default bus are free.
    case eventBridgeEventsPerMillion = "eventbridge.events_per_million"
    // Lambda
    case lambdaRequestsPerMillion = "lambda.requests_per_million"
    case lambdaGBSecondX86 = "lambda.gb_second_x86_64"
    case lambdaGBSecondArm = "lambda.gb_second_arm64"
    // SQS
    case sqsRequestsPerMillion = "sqs.requests_per_million"
    // Athena
    case athenaPerTBScanned = "athena.per_tb_scanned"
    /// Each query is billed for at least this many MB scanned.
    case athenaMinimumMBPerQuery = "athena.minimum_mb_per_query"
    // Glue
    case glueCrawlerPerDPUHour = "glue.crawler_per_dpu_hour"
    /// Each crawler run is billed for at least this many minutes (then per second).
    case glueCrawlerMinimumMinutes = "glue.crawler_minimum_minutes"
    /// The DPUs a crawler run is assumed to use (AWS sizes crawlers itself; the pricing page's example figure).
    case glueCrawlerDPUs = "glue.crawler_dpus"
    case glueCatalogPer100kObjects = "glue.catalog_per_100k_objects_month"
    case glueCatalogRequestsPerMillion = "glue.catalog_requests_per_million"
    // QuickSight
    case quickSightAuthorPerMonth = "quicksight.author_per_month"
    case quickSightReaderPerMonth = "quicksight.reader_per_month"
    case quickSightSPICEPerGBMonth = "quicksight.spice_per_gb_month"

    package static func < (lhs: PriceKey, rhs: PriceKey) -> Bool { lhs.rawValue < rhs.rawValue }
}
