import SluiceProcessing

/// Everything a processor knows of its pipeline, compiled in from the manifest by `sluice generate`
/// (`ProcessorConfig.generated.swift`): the same names the Terraform uses, so the two cannot drift apart
/// unnoticed. `<processor> --print-config` prints it as JSON, and a test compares that with the Terraform.
package struct ProcessorConfig: Sendable, Codable, Equatable {
    /// Where the raw objects arrive: the bucket and key prefix the EventBridge rule matches.
    package struct Input: Sendable, Codable, Equatable {
        package var bucket: String
        package var prefix: String
        /// `.lines` (Firehose extracted the messages) or `.cloudWatchDocuments` (the subscription's documents).
        package var format: FirehoseObjectFormat

        package init(bucket: String, prefix: String, format: FirehoseObjectFormat) {
            self.bucket = bucket
            self.prefix = prefix
            self.format = format
        }
    }

    /// A lake column, its Glue type, and where its value comes from.
    package struct Column: Sendable, Codable, Equatable {
        package var name: String
        package var type: ColumnType
        /// The manifest's declaration (`from:`, `template:`, `required:`, `case:`); nil when it has none: the
        /// record's field named like the column fills it, if the format has one.
        package var source: ColumnSource?

        package init(name: String, type: ColumnType, source: ColumnSource? = nil) {
            self.name = name
            self.type = type
            self.source = source
        }
    }

    /// The lake table the rows go to, and where lines that fail go.
    package struct Output: Sendable, Codable, Equatable {
        package var bucket: String
        package var database: String
        package var table: String
        /// `tables/<table>/`.
        package var tablePrefix: String
        /// `quarantine/<table>/`.
        package var quarantinePrefix: String
        package var columns: [Column]
        package var partitionKeys: [Column]
        /// The lake objects' file format (`processor.output.format`).
        package var format: LakeFormat
        /// Their codec (`processor.output.compression`, or the format's default).
        package var compression: LakeCompression
        /// The timestamp column whose UTC day is the `dt` partition (`processor.output.event_time`); nil: the log
        /// format's own event time.
        package var eventTime: String?

        package init(
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
    package struct Enrichment: Sendable, Codable, Equatable {
        package var catalog: String
        package var workGroup: String
        package var cacheTTLSeconds: Int
        package var lookups: [LookupSpec]

        package init(catalog: String, workGroup: String, cacheTTLSeconds: Int, lookups: [LookupSpec]) {
            self.catalog = catalog
            self.workGroup = workGroup
            self.cacheTTLSeconds = cacheTTLSeconds
            self.lookups = lookups
        }

        /// Each lookup is written with the query the processor runs for it (`sql`), so that `--print-config` shows
        /// it and the drift test compares it with `generated/sql`; decoding reads the lookups and ignores `sql`.
        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(catalog, forKey: .catalog)
            try container.encode(workGroup, forKey: .workGroup)
            try container.encode(cacheTTLSeconds, forKey: .cacheTTLSeconds)
            try container.encode(
                lookups.map { PrintedLookup(spec: $0, sql: $0.query(catalog: catalog)) }, forKey: .lookups)
        }

        private struct PrintedLookup: Encodable {
            let spec: LookupSpec
            let sql: String

            enum Key: String, CodingKey { case sql }

            func encode(to encoder: any Encoder) throws {
                try spec.encode(to: encoder)
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(sql, forKey: .sql)
            }
        }
    }

    package var pipeline: String
    package var processor: String
    /// The EventBridge rule that invokes the processor.
    package var eventRule: String
    /// The lines' format: its parser is `LogFormats.format(logFormat)`.
    package var logFormat: LogFormatID
    package var input: Input
    package var output: Output
    package var enrichment: Enrichment?

    package init(
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
    package var objectFormat: FirehoseObjectFormat { input.format }

    /// Where the rows and the quarantine of an input object go.
    package var outputKeys: OutputKeys {
        OutputKeys(tablePrefix: output.tablePrefix, quarantinePrefix: output.quarantinePrefix)
    }
}
