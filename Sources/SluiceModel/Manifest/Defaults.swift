/// The value of every optional manifest key, shared by the YAML decoder and the Swift DSL so both forms of a
/// declaration mean the same thing.
package enum Defaults {
    package static let logFormat = LogFormat.haproxyHTTP
    package static let retentionDays = 30
    package static let deliveryMode = DeliveryMode.extracted
    package static let bufferingSizeMB = 64
    package static let bufferingIntervalSeconds = 300
    package static let expireDays = 30
    package static let memoryMB = 1024
    package static let timeoutSeconds = 300
    package static let architecture = Architecture.arm64
    /// No Swift transform: the columns' declarations fill the row.
    package static let transform = TransformKind.declarations
    /// Parquet: Athena bills by bytes scanned, and reads only the columns a query names.
    package static let lakeFormat = LakeFormat.parquet
    /// A processor handles one object per invocation and Firehose writes about one object per buffer interval, so a
    /// few run at once; 10 leaves room for bursts and caps what a flood of events can run (and cost).
    package static let reservedConcurrency = 10
    package static let cacheTTLSeconds = 300
    package static let importMode = ImportMode.directQuery
    package static let stateKeyPrefix = "sluice"
    /// 10 GiB: a runaway query stops at about $0.05.
    package static let bytesScannedCutoffMB = 10240
    package static let resultsExpireDays = 7
    package static let quickSightNamespace = "default"
    /// The Swift release the processor images are built with and the pull-request check compiles and tests with
    /// (`swift:<version>-amazonlinux2023`, official images of which start at 6.3).
    package static let swiftVersion = "6.3"
}
