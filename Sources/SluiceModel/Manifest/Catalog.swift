/// How the lake table is known to Athena: a Glue database, and either a crawler or partition projection.
package struct CatalogStage: Sendable {
    package var database: String
    package var discovery: Discovery
    package var origin: Origin

    package init(database: String, discovery: Discovery, origin: Origin) {
        self.database = database
        self.discovery = discovery
        self.origin = origin
    }
}

/// How new partitions become visible.
package enum Discovery: Sendable {
    /// A Glue crawler on a schedule (a 6-field UTC cron expression, already expanded from `hourly`/`daily`).
    case crawler(schedule: Schedule)
    /// A table with partition projection; the crawler is not needed.
    case projection(Projection)
}

/// A crawler schedule as written, and the cron expression it stands for.
package struct Schedule: Sendable, Equatable {
    package var written: String

    package init(_ written: String) { self.written = written }

    /// `hourly` and `daily` as cron; anything else is already a cron expression.
    package var cron: String {
        switch written {
        case "hourly": "cron(0 * * * ? *)"
        case "daily": "cron(0 0 * * ? *)"
        default: written
        }
    }
}

/// Partition projection of the output table's date partition.
package struct Projection: Sendable {
    /// The partition key projected (must be a partition key of the output table).
    package var key: String
    /// First date of the range, `yyyy-MM-dd`; the range ends at NOW.
    package var since: String
    package var origin: Origin

    package init(key: String, since: String, origin: Origin) {
        self.key = key
        self.since = since
        self.origin = origin
    }
}
