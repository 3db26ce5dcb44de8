import SluiceProcessing

/// Everything a processor knows of its pipeline, compiled in from the manifest by `sluice generate`
/// (`ProcessorConfig.generated.swift`): the same names the Terraform uses, so the two cannot drift apart
/// unnoticed. `<processor> --print-config` prints it as JSON, and a test compares that with the Terraform.
public struct ProcessorConfig: Sendable, Codable, Equatable {
    /// Where the raw objects arrive: the bucket and key prefix the EventBridge rule matches.
    public struct Input: Sendable, Codable, Equatable {
        public var bucket: String
        public var prefix: String
        /// `.lines` (Firehose extracted the messages) or `.cloudWatchDocuments` (the subscription's documents).
        public var format: FirehoseObjectFormat

        public init(bucket: String, prefix: String, format: FirehoseObjectFormat) {
            self.bucket = bucket
            self.prefix = prefix
            self.format = format
        }
    }

    /// A lake column, its Glue type, and where its value comes from.
    public struct Column: Sendable, Codable, Equatable {
        public var name: String
        public var type: ColumnType
        /// The manifest's declaration (`from:`, `template:`, `required:`, `case:`); nil when it has none: the
        /// record's field named like the column fills it, if the format has one.
        public var source: ColumnSource?

        public init(name: String, type: ColumnType, source: ColumnSource? = nil) {
            self.name = name
            self.type = type
            self.source = source
        }
    }

    /// The lake table the rows go to, and where lines that fail go.
    public struct Output: Sendable, Codable, Equatable {
        public var bucket: String
        public var database: String
        public var table: String
        /// `tables/<table>/`.
        public var tablePrefix: String
        /// `quarantine/<table>/`.
        public var quarantinePrefix: String
        public var columns: [Column]
        public var partitionKeys: [Column]
        /// The lake objects' file format (`processor.output.format`).
        public var format: LakeFormat
        /// Their codec (`processor.output.compression`, or the format's default).
        public var compression: LakeCompression
        /// The timestamp column whose UTC day is the `dt` partition (`processor.output.event_time`); nil: the log
        /// format's own event time.
        public var eventTime: String?

        public init(
            bucket: String, database: String, table: String, tablePrefix: String, quarantinePrefix: String,
            columns: [Column], partitionKeys: [Column], format: LakeFormat, compression: LakeCompression,
            eventTime: String? = nil
        ) {
            self.eventTime = eventTime
            self.bucket = bucket
            self.database = database
            self.table = table
            self.tablePrefix = tablePrefix
            self.quarantinePrefix = quarantinePrefix
            self.columns = columns
            self.partitionKeys = partitionKeys
            self.format = format
            self.compression = compression
        }
    }

    /// The Athena lookups that enrich each row.
    public struct Enrichment: Sendable, Codable, Equatable {
        public var catalog: String
        public var workGroup: String
        public var cacheTTLSeconds: Int
        public var lookups: [LookupSpec]

        public init(catalog: String, workGroup: String, cacheTTLSeconds: Int, lookups: [LookupSpec]) {
            self.catalog = catalog
            self.workGroup = workGroup
            self.cacheTTLSeconds = cacheTTLSeconds
            self.lookups = lookups
        }
    }

    public var pipeline: String
    public var processor: String
    /// The EventBridge rule that invokes the processor.
    public var eventRule: String
    /// The lines' format: its parser is `LogFormats.format(logFormat)`.
    public var logFormat: LogFormatID
    public var input: Input
    public var output: Output
    public var enrichment: Enrichment?

    public init(
        pipeline: String, processor: String, eventRule: String, logFormat: LogFormatID,
        input: Input, output: Output, enrichment: Enrichment?
    ) {
        self.pipeline = pipeline
        self.processor = processor
        self.eventRule = eventRule
        self.logFormat = logFormat
        self.input = input
        self.output = output
        self.enrichment = enrichment
    }

    /// The object format the input prefix holds.
    public var objectFormat: FirehoseObjectFormat { input.format }

    /// Where the rows and the quarantine of an input object go.
    public var outputKeys: OutputKeys {
        OutputKeys(tablePrefix: output.tablePrefix, quarantinePrefix: output.quarantinePrefix)
    }
}
