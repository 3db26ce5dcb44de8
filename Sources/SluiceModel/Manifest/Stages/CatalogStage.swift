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

extension CatalogStage {
    /// The manifest's `catalog` section, with either a crawler or a projection, or nil with its problems reported
    /// to the reader's file.
    init?(from reader: MappingReader) {
        defer { reader.finish() }
        let database = reader.requiredString("database")
        var discovery: Discovery?
        switch (reader.has("crawler"), reader.has("projection")) {
        case (true, true):
            _ = reader.value("projection")
            reader.file.error(
                "'catalog' takes either 'crawler' or 'projection', not both", at: reader.value("crawler")!)
        case (false, false):
            _ = reader.value("crawler")
            _ = reader.value("projection")
            reader.file.error("'catalog' needs a 'crawler' (with a schedule) or a 'projection'", at: reader.node)
        case (true, false):
            if let crawler = reader.mapping("crawler", required: true) {
                if let schedule = crawler.requiredString("schedule") {
                    discovery = .crawler(schedule: Schedule(schedule))
                }
                reader.adopt("schedule", from: crawler)
                crawler.finish()
            }
            _ = reader.value("projection")
        case (false, true):
            if let projection = reader.mapping("projection", required: true) {
                let key = projection.requiredString("key")
                let since = projection.requiredString("since")
                projection.finish()
                if let key, let since {
                    discovery = .projection(Projection(key: key, since: since, origin: projection.origin))
                }
            }
            _ = reader.value("crawler")
        }
        guard let database, let discovery else { return nil }
        self.init(database: database, discovery: discovery, origin: reader.origin)
    }
}
