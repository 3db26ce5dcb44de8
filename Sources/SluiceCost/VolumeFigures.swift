import SluiceModel

/// A pipeline's `volume` with every default filled in, and which figures were declared.
package struct VolumeFigures: Sendable {
    package var eventsPerDay: Double
    package var averageEventBytes: Double
    /// Bytes of log events a day: events × average size, or `gb_per_day` × 2^30.
    package var eventBytesPerDay: Double
    package var quickSightAuthors: Double
    package var quickSightReaders: Double
    /// One sentence per figure: its value and whether it was declared or is the default.
    package var assumptions: [String]
    private let volume: VolumeStage

    package init(_ volume: VolumeStage) {
        self.volume = volume
        var assumptions: [String] = []
        func figure(_ declared: Int?, _ fallback: Int, _ key: String) -> Double {
            let value = declared ?? fallback
            assumptions.append(
                "volume.\(key): \(FigureText.number(Double(value))) (\(declared == nil ? "default" : "declared"))")
            return Double(value)
        }
        if let gigabytes = volume.gbPerDay {
            eventBytesPerDay = gigabytes * BillingUnits.gibibyte
            averageEventBytes = Double(Defaults.averageEventBytes)
            eventsPerDay = eventBytesPerDay / averageEventBytes
            assumptions.append("volume.gb_per_day: \(FigureText.number(gigabytes)) (declared)")
            assumptions.append(
                "events a day taken as gb_per_day / \(Defaults.averageEventBytes) B (the default event size): "
                    + FigureText.number(eventsPerDay))
        } else {
            eventsPerDay = figure(volume.eventsPerDay, Defaults.eventsPerDay, "events_per_day")
            averageEventBytes = figure(volume.averageEventBytes, Defaults.averageEventBytes, "average_event_bytes")
            eventBytesPerDay = eventsPerDay * averageEventBytes
        }
        _ = figure(volume.queriesPerDay, Defaults.queriesPerDay, "queries_per_day")
        _ = figure(volume.daysPerQuery, Defaults.daysPerQuery, "days_per_query")
        quickSightAuthors = figure(volume.quickSightAuthors, Defaults.quickSightAuthors, "quicksight.authors")
        quickSightReaders = figure(volume.quickSightReaders, Defaults.quickSightReaders, "quicksight.readers")
        self.assumptions = assumptions
    }

    /// Analysts' queries a day on `view`: its own figure, else the section's, else the default.
    package func queriesPerDay(view: String) -> Double {
        Double(volume.view(view)?.queriesPerDay ?? volume.queriesPerDay ?? Defaults.queriesPerDay)
    }

    /// The days of partitions each query on `view` reads.
    package func daysPerQuery(view: String) -> Double {
        Double(volume.view(view)?.daysPerQuery ?? volume.daysPerQuery ?? Defaults.daysPerQuery)
    }
}
