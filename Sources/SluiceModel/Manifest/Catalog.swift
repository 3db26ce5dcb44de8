/// How the lake table is known to Athena: a Glue database, and either a crawler or partition projection.
public struct CatalogStage: Sendable {
    public var database: String
    public var discovery: Discovery
    public var origin: Origin

    public init(database: String, discovery: Discovery, origin: Origin) {
        self.database = database
        self.discovery = discovery
        self.origin = origin
    }
}

/// How new partitions become visible.
public enum Discovery: Sendable {
    /// A Glue crawler on a schedule (a 6-field UTC cron expression, already expanded from `hourly`/`daily`).
    case crawler(schedule: Schedule)
    /// A table with partition projection; the crawler is not needed.
    case projection(Projection)
}

/// A crawler schedule as written, and the cron expression it stands for.
public struct Schedule: Sendable, Equatable {
    public var written: String

    public init(_ written: String) { self.written = written }

    /// `hourly` and `daily` as cron; anything else is already a cron expression.
    public var cron: String {
        switch written {
        case "hourly": "cron(0 * * * ? *)"
        case "daily": "cron(0 0 * * ? *)"
        default: written
        }
    }
}

/// Partition projection of the output table's date partition.
public struct Projection: Sendable {
    /// The partition key projected (must be a partition key of the output table).
    public var key: String
    /// First date of the range, `yyyy-MM-dd`; the range ends at NOW.
    public var since: String
    public var origin: Origin

    public init(key: String, since: String, origin: Origin) {
        self.key = key
        self.since = since
        self.origin = origin
    }
}
