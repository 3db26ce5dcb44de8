/// Athena settings of a pipeline's workgroup.
package struct AthenaSettings: Sendable {
    /// Queries scanning more than this are cancelled (Athena's minimum is 10 MB).
    package var bytesScannedCutoffMB: Int
    /// Days before query results expire.
    package var resultsExpireDays: Int
    package var origin: Origin

    package init(
        bytesScannedCutoffMB: Int = Defaults.bytesScannedCutoffMB, resultsExpireDays: Int = Defaults.resultsExpireDays,
        origin: Origin
    ) {
        self.bytesScannedCutoffMB = bytesScannedCutoffMB
        self.resultsExpireDays = resultsExpireDays
        self.origin = origin
    }
}

extension Defaults {
    /// 10 GiB: a runaway query stops at about $0.05.
    package static let bytesScannedCutoffMB = 10240
    package static let resultsExpireDays = 7
}

extension AthenaSettings {
    /// The manifest's `athena` section; every key has a default.
    init(from reader: MappingReader) {
        defer { reader.finish() }
        self.init(
            bytesScannedCutoffMB: reader.int("bytes_scanned_cutoff_mb", default: Defaults.bytesScannedCutoffMB) ?? 0,
            resultsExpireDays: reader.int("results_expire_days", default: Defaults.resultsExpireDays) ?? 0,
            origin: reader.origin)
    }
}
