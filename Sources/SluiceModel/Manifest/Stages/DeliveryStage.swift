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

extension Defaults {
    package static let deliveryMode = DeliveryMode.extracted
    package static let bufferingSizeMB = 64
    package static let bufferingIntervalSeconds = 300
    package static let expireDays = 30
}

extension DeliveryStage {
    /// The manifest's `delivery` section; every key has a default.
    init(from reader: MappingReader) {
        defer { reader.finish() }
        self.init(
            mode: reader.choice("mode", default: Defaults.deliveryMode) ?? Defaults.deliveryMode,
            bufferingSizeMB: reader.int("buffering_size_mb", default: Defaults.bufferingSizeMB) ?? 0,
            bufferingIntervalSeconds: reader.int(
                "buffering_interval_seconds", default: Defaults.bufferingIntervalSeconds)
                ?? 0,
            prefix: reader.string("prefix", default: ""),
            errorPrefix: reader.string("error_prefix", default: ""),
            expireDays: reader.int("expire_days", default: Defaults.expireDays) ?? 0,
            origin: reader.origin)
    }
}
