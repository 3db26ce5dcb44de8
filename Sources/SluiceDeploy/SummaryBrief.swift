/// A short form of a plan summary, for a terminal that applies at once (`sluice dev up`): the full one is saved.
extension PlanSummary {
    /// The counts, every refused or destructive change, then one line per stage with its counts by action.
    package func brief() -> String {
        var out = "Stack \(stack): \(hasChanges ? countsLine : "no changes")\n"
        out += schema?.briefLines().joined() ?? ""
        for entry in refused {
            out += "  REFUSED \(entry.action.rawValue) \(entry.address) (holds data; allow with --allow-destroy)\n"
        }
        for entry in destructive where !entry.refused {
            out += "  \(entry.action.rawValue) \(entry.address)\(entry.holdsData ? " [holds data]" : "")\n"
        }
        for stage in stages {
            let actions = entries.filter { $0.stage == stage }.map(\.action.rawValue)
            let counted = Dictionary(grouping: actions, by: { $0 }).map { "\($0.value.count) \($0.key)" }.sorted()
            out += "  \(stage): \(counted.joined(separator: ", "))\n"
        }
        return out
    }
}
