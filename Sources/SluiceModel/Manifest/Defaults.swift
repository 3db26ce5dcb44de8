/// The value of every optional manifest key, shared by the YAML decoder and the Swift DSL so both forms of a
/// declaration mean the same thing.
public enum Defaults {
    public static let logFormat = LogFormat.haproxyHTTP
    public static let retentionDays = 30
    public static let deliveryMode = DeliveryMode.extracted
    public static let bufferingSizeMB = 64
    public static let bufferingIntervalSeconds = 300
    public static let expireDays = 30
    public static let memoryMB = 1024
    public static let timeoutSeconds = 300
    public static let architecture = Architecture.arm64
    /// No Swift transform: the columns' declarations fill the row.
    public static let transform = TransformKind.declarations
    /// Parquet: Athena bills by bytes scanned, and reads only the columns a query names.
    public static let lakeFormat = LakeFormat.parquet
    /// A processor handles one object per invocation and Firehose writes about one object per buffer interval, so a
    /// few run at once; 10 leaves room for bursts and caps what a flood of events can run (and cost).
    public static let reservedConcurrency = 10
    public static let cacheTTLSeconds = 300
    public static let importMode = ImportMode.directQuery
    public static let stateKeyPrefix = "sluice"
    /// 10 GiB: a runaway query stops at about $0.05.
    public static let bytesScannedCutoffMB = 10240
    public static let resultsExpireDays = 7
    public static let quickSightNamespace = "default"
    /// The Swift release the processor images are built with and the pull-request check compiles and tests with
    /// (`swift:<version>-amazonlinux2023`, official images of which start at 6.3).
    public static let swiftVersion = "6.3"
}
