/// The traffic a pipeline is expected to carry, which the cost estimate is computed from. Nothing is deployed from
/// it. Every figure is optional: an absent one takes its default (`Defaults`), and the estimate says which figures
/// were declared and which defaulted.
package struct VolumeStage: Sendable {
    /// Log events a day that the subscription filter passes.
    package var eventsPerDay: Int?
    /// Their average size in bytes (the message as CloudWatch Logs stores it).
    package var averageEventBytes: Int?
    /// Instead of the two above: gigabytes (2^30 bytes) of events a day.
    package var gbPerDay: Double?
    /// Analysts' queries a day on each view not listed in `views`.
    package var queriesPerDay: Int?
    /// The days of date partitions each of those queries reads.
    package var daysPerQuery: Int?
    /// Per view figures, overriding the two above.
    package var views: [ViewVolume]
    /// QuickSight authors and readers this pipeline adds to the account.
    package var quickSightAuthors: Int?
    package var quickSightReaders: Int?
    package var origin: Origin

    package init(
        eventsPerDay: Int? = nil, averageEventBytes: Int? = nil, gbPerDay: Double? = nil, queriesPerDay: Int? = nil,
        daysPerQuery: Int? = nil, views: [ViewVolume] = [], quickSightAuthors: Int? = nil,
        quickSightReaders: Int? = nil, origin: Origin
    ) {
        self.eventsPerDay = eventsPerDay
        self.averageEventBytes = averageEventBytes
        self.gbPerDay = gbPerDay
        self.queriesPerDay = queriesPerDay
        self.daysPerQuery = daysPerQuery
        self.views = views
        self.quickSightAuthors = quickSightAuthors
        self.quickSightReaders = quickSightReaders
        self.origin = origin
    }

    /// The figures of the view named `name`, or nil when the section does not list it.
    package func view(_ name: String) -> ViewVolume? { views.first { $0.name == name } }
}

/// How often one view is queried, and how many days each query reads.
package struct ViewVolume: Sendable {
    package var name: String
    package var queriesPerDay: Int?
    package var daysPerQuery: Int?
    package var origin: Origin

    package init(name: String, queriesPerDay: Int? = nil, daysPerQuery: Int? = nil, origin: Origin) {
        self.name = name
        self.queriesPerDay = queriesPerDay
        self.daysPerQuery = daysPerQuery
        self.origin = origin
    }
}

extension Defaults {
    /// A modest service's access log: a million requests a day.
    package static let eventsPerDay = 1_000_000
    /// An HAProxy HTTP log line with two captured headers is about 250 bytes.
    package static let averageEventBytes = 250
    /// A few analysts each looking a few times a day.
    package static let queriesPerDay = 10
    /// A week of partitions: the usual dashboard range.
    package static let daysPerQuery = 7
    /// QuickSight users are billed per account; by default a pipeline adds none.
    package static let quickSightAuthors = 0
    package static let quickSightReaders = 0
}

extension VolumeStage {
    /// The manifest's `volume` section; every key has a default. Ranges, the exclusive keys and unknown views are
    /// checked by validation (`PipelineRules`), so the Swift DSL's volume gets the same errors.
    init(from reader: MappingReader) {
        defer { reader.finish() }
        let eventsPerDay = reader.optionalInt("events_per_day")
        let averageEventBytes = reader.optionalInt("average_event_bytes")
        let gbPerDay = reader.optionalDecimal("gb_per_day")
        let queriesPerDay = reader.optionalInt("queries_per_day")
        let daysPerQuery = reader.optionalInt("days_per_query")
        let views = reader.namedMappings("views").map { entry in
            defer { entry.reader.finish() }
            let queries = entry.reader.optionalInt("queries_per_day")
            let days = entry.reader.optionalInt("days_per_query")
            var origin = entry.reader.origin
            origin.location = entry.keyLocation
            return ViewVolume(name: entry.name, queriesPerDay: queries, daysPerQuery: days, origin: origin)
        }
        var authors: Int?
        var readers: Int?
        if let quickSight = reader.mapping("quicksight", required: false) {
            authors = quickSight.optionalInt("authors")
            readers = quickSight.optionalInt("readers")
            reader.adopt("authors", from: quickSight)
            reader.adopt("readers", from: quickSight)
            quickSight.finish()
        }
        self.init(
            eventsPerDay: eventsPerDay, averageEventBytes: averageEventBytes, gbPerDay: gbPerDay,
            queriesPerDay: queriesPerDay, daysPerQuery: daysPerQuery, views: views, quickSightAuthors: authors,
            quickSightReaders: readers, origin: reader.origin)
    }
}
