/// The checks of a pipeline's `volume` section: every figure in range, `gb_per_day` or the events pair but not
/// both, and per-view figures only for declared views.
struct VolumeRules {
    let pipeline: Pipeline

    func check(_ diagnostics: inout Diagnostics) {
        let volume = pipeline.volume
        let origin = volume.origin
        check(volume.eventsPerDay, NumberRules.eventsPerDay, origin, &diagnostics)
        check(volume.averageEventBytes, NumberRules.averageEventBytes, origin, &diagnostics)
        check(volume.queriesPerDay, NumberRules.queriesPerDay, origin, &diagnostics)
        check(volume.daysPerQuery, NumberRules.daysPerQuery, origin, &diagnostics)
        check(volume.quickSightAuthors, NumberRules.quickSightAuthors, origin, &diagnostics)
        check(volume.quickSightReaders, NumberRules.quickSightReaders, origin, &diagnostics)
        if let gigabytes = volume.gbPerDay {
            let range = NumberRules.gbPerDay
            if !range.contains(gigabytes) {
                diagnostics.error(
                    "gb_per_day must be 0 to \(Int(range.upperBound)), found \(gigabytes) (0 to a petabyte a day, "
                        + "Sluice's bound)",
                    at: origin["gb_per_day"])
            }
            let pair = [
                volume.eventsPerDay.map { _ in "events_per_day" },
                volume.averageEventBytes.map { _ in
                    "average_event_bytes"
                },
            ].compactMap { $0 }
            if !pair.isEmpty {
                diagnostics.error(
                    "gb_per_day replaces events_per_day and average_event_bytes: give gb_per_day or those two, not "
                        + "both (found \(pair.joined(separator: " and ")) too)",
                    at: origin["gb_per_day"])
            }
        }
        let declared = pipeline.views.map(\.name)
        var seen: Set<String> = []
        for view in volume.views {
            if !declared.contains(view.name) {
                let known = declared.isEmpty ? " (the pipeline declares no views)" : ""
                diagnostics.error(
                    "volume.views names '\(view.name)', which is not a view of this pipeline"
                        + Suggestion.hint(for: view.name, in: declared) + known,
                    at: view.origin.location)
            }
            if !seen.insert(view.name).inserted {
                diagnostics.error("volume.views names '\(view.name)' twice", at: view.origin.location)
            }
            check(view.queriesPerDay, NumberRules.queriesPerDay, view.origin, &diagnostics)
            check(view.daysPerQuery, NumberRules.daysPerQuery, view.origin, &diagnostics)
        }
    }

    /// Reports a declared number outside its rule's range at the number's key.
    private func check(_ value: Int?, _ rule: NumberRule, _ origin: Origin, _ diagnostics: inout Diagnostics) {
        if let value, let problem = rule.problem(value) { diagnostics.error(problem, at: origin[rule.key]) }
    }
}
