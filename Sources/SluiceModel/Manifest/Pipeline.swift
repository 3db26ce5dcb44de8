/// One declared pipeline: logs from a source account to the data lake and the dashboards over it.
package struct Pipeline: Sendable {
    /// Unique within the project; part of every resource name the pipeline owns.
    package var name: String
    package var description: String
    package var source: SourceStage
    package var delivery: DeliveryStage
    /// Absent when the processor runs in the source account itself.
    package var replication: ReplicationStage?
    package var processor: ProcessorStage
    package var catalog: CatalogStage
    package var athena: AthenaSettings
    package var views: [View]
    package var datasets: [Dataset]
    package var dashboards: [Dashboard]
    /// Required when the pipeline declares datasets or dashboards.
    package var quickSight: QuickSightSettings?
    package var origin: Origin

    package init(
        name: String, description: String = "", source: SourceStage, delivery: DeliveryStage,
        replication: ReplicationStage? = nil, processor: ProcessorStage, catalog: CatalogStage,
        athena: AthenaSettings? = nil, views: [View] = [], datasets: [Dataset] = [], dashboards: [Dashboard] = [],
        quickSight: QuickSightSettings? = nil, origin: Origin
    ) {
        self.name = name
        self.description = description
        self.source = source
        self.delivery = delivery
        self.replication = replication
        self.processor = processor
        self.catalog = catalog
        self.athena = athena ?? AthenaSettings(origin: origin)
        self.views = views
        self.datasets = datasets
        self.dashboards = dashboards
        self.quickSight = quickSight
        self.origin = origin
    }

    /// The account where the processor, lake and catalog live: the replication target, or the source account.
    package var analyticsAccount: String { replication?.account ?? source.account }
}

/// The log formats Sluice parses: the one list in SluiceFormats, which the processor's parser registry
/// (`LogFormats` in SluiceProcessing) also answers to.
package typealias LogFormat = LogFormatID

/// Where the logs come from: a CloudWatch log group and the filter that picks lines out of it.
package struct SourceStage: Sendable {
    package var account: String
    package var logGroup: String
    /// A CloudWatch Logs filter pattern; empty forwards every event.
    package var filterPattern: String
    package var format: LogFormat
    /// Days CloudWatch keeps the log group's events.
    package var retentionDays: Int
    package var origin: Origin

    package init(
        account: String, logGroup: String, filterPattern: String = "", format: LogFormat = Defaults.logFormat,
        retentionDays: Int = Defaults.retentionDays, origin: Origin
    ) {
        self.account = account
        self.logGroup = logGroup
        self.filterPattern = filterPattern
        self.format = format
        self.retentionDays = retentionDays
        self.origin = origin
    }
}

/// How Firehose turns the subscription's batches into S3 objects.
package enum DeliveryMode: String, Sendable, CaseIterable {
    /// Firehose decompresses and extracts the log messages, then gzips text with one message a line.
    case extracted
    /// The subscription's gzipped JSON documents are parked as they are (a multi-member gzip stream).
    case raw

    /// What the processor reads from the objects Firehose writes in this mode.
    package var objectFormat: FirehoseObjectFormat { self == .extracted ? .lines : .cloudWatchDocuments }
}

/// The Kinesis Firehose stream that parks log batches in the raw bucket.
package struct DeliveryStage: Sendable {
    package var mode: DeliveryMode
    /// Firehose buffer size in MiB (1 to 128).
    package var bufferingSizeMB: Int
    /// Firehose buffer interval in seconds (0 to 900).
    package var bufferingIntervalSeconds: Int
    /// Object key prefix in the raw bucket; empty means Sluice's default for the pipeline.
    package var prefix: String
    /// Prefix for records Firehose could not deliver or process; must name `!{firehose:error-output-type}`.
    package var errorPrefix: String
    /// Days before raw objects expire.
    package var expireDays: Int
    package var origin: Origin

    package init(
        mode: DeliveryMode = Defaults.deliveryMode, bufferingSizeMB: Int = Defaults.bufferingSizeMB,
        bufferingIntervalSeconds: Int = Defaults.bufferingIntervalSeconds, prefix: String = "",
        errorPrefix: String = "",
        expireDays: Int = Defaults.expireDays, origin: Origin
    ) {
        self.mode = mode
        self.bufferingSizeMB = bufferingSizeMB
        self.bufferingIntervalSeconds = bufferingIntervalSeconds
        self.prefix = prefix
        self.errorPrefix = errorPrefix
        self.expireDays = expireDays
        self.origin = origin
    }
}

/// Cross-account S3 replication of the raw objects.
package struct ReplicationStage: Sendable {
    /// The account receiving the replicas, where the processor runs.
    package var account: String
    /// S3 Replication Time Control: replicas within 15 minutes, with metrics, at extra cost.
    package var timeControl: Bool
    package var origin: Origin

    package init(account: String, timeControl: Bool = false, origin: Origin) {
        self.account = account
        self.timeControl = timeControl
        self.origin = origin
    }
}
