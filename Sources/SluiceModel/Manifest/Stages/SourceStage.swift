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

extension Defaults {
    package static let logFormat = LogFormat.haproxyHTTP
    package static let retentionDays = 30
}

extension SourceStage {
    /// The manifest's `source` section, or nil with its problems reported to the reader's file.
    init?(from reader: MappingReader) {
        defer { reader.finish() }
        let account = reader.requiredString("account")
        let logGroup = reader.requiredString("log_group")
        let pattern = reader.string("filter_pattern", default: "")
        let format = reader.choice("format", default: Defaults.logFormat)
        let retention = reader.int("retention_days", default: Defaults.retentionDays)
        guard let account, let logGroup, let format, let retention else { return nil }
        self.init(
            account: account, logGroup: logGroup, filterPattern: pattern, format: format, retentionDays: retention,
            origin: reader.origin)
    }
}
