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

extension ReplicationStage {
    /// The manifest's `replication` section, or nil with its problems reported to the reader's file.
    init?(from reader: MappingReader) {
        defer { reader.finish() }
        let account = reader.requiredString("account")
        let timeControl = reader.bool("time_control", default: false)
        guard let account else { return nil }
        self.init(account: account, timeControl: timeControl, origin: reader.origin)
    }
}
