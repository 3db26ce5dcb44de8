import SluiceCloud
import SluiceJSON

/// What a plan does to a stack, ready to render: counts, destructive changes first, changes by stage, drift.
package struct PlanSummary: Sendable {
    /// One resource's change.
    package struct Entry: Sendable, Equatable {
        package var address: String
        package var type: String
        package var action: Action
        /// Terraform's reason for a replace or delete (`replace_because_cannot_update`, ...).
        package var reason: String?
        /// The pipeline stage the resource belongs to, or `other`.
        package var stage: String
        /// Whether the resource keeps data that a delete or replace would lose.
        package var holdsData: Bool
        /// A destructive change to a data-holding resource that nobody allowed: the plan is refused.
        package var refused: Bool
        /// Changed attributes, `name: before -> after`, sensitive values masked.
        package var details: [String]
    }

    package var stack: String
    package var formatVersion: String
    package var counts: [Action: Int]
    /// Every change but no-ops and reads: destructive ones first, then by stage and address.
    package var entries: [Entry]
    /// Resources changed outside Terraform since the last apply: deleted ones, and attributes the plan changes
    /// back or depends on (Terraform's `relevant_attributes`).
    package var drift: [Entry]
    /// Output names with their action.
    package var outputs: [(name: String, action: Action)]
    /// What the stack's plan says besides its changes (`CloudGraph.notes`): a pipeline without alarms, alarms that
    /// notify no one.
    package var notes: [String] = []
    /// The schema guard's changes to the tables this stack holds (`sluice plan --base`); nil without a comparison.
    package var schema: SchemaSection?

    /// Resource types whose delete or replace loses data: refused unless each address is allowed by name. From the
    /// one table of resource kinds.
    package static let dataHoldingTypes: Set<String> = ResourceKind.dataHoldingTypes

    /// - Parameters:
    ///   - stageOf: the stage of an address, from the resource graph (nil for addresses it does not know).
    ///   - allowDestroy: addresses whose delete or replace the person allowed (`--allow-destroy`).
    package init(
        stack: String, plan: Plan, stageOf: (String) -> String? = { _ in nil }, allowDestroy: Set<String> = []
    ) {
        self.stack = stack
        formatVersion = plan.formatVersion
        var counts: [Action: Int] = [:]
        var entries: [Entry] = []
        for change in plan.resourceChanges where change.mode == "managed" || change.change.action != .read {
            let action = change.change.action
            counts[action, default: 0] += 1
            if action == .noop { continue }
            entries.append(Self.entry(change, stageOf: stageOf, allowDestroy: allowDestroy))
        }
        self.counts = counts
        self.entries = entries.sorted { a, b in
            if a.action.destroys != b.action.destroys { return a.action.destroys }
            return (a.stage, a.address) < (b.stage, b.address)
        }
        // Refreshing also reports what the provider merely reads back differently (empty tags, computed
        // defaults): keep what was deleted outside Terraform, and attributes the plan changes back or depends on.
        let planned = Dictionary(
            self.entries.map { ($0.address, Set($0.details.map(Self.attribute))) }, uniquingKeysWith: { $0.union($1) })
        drift = plan.resourceDrift.compactMap { change in
            var entry = Self.entry(change, stageOf: stageOf, allowDestroy: [])
            if entry.action == .delete { return entry }
            let relevant = (planned[change.address] ?? []).union(plan.relevantAttributes[change.address] ?? [])
            entry.details = entry.details.filter { relevant.contains(Self.attribute($0)) }
            return entry.details.isEmpty ? nil : entry
        }.sorted { $0.address < $1.address }
        outputs = plan.outputChanges.map { ($0.key, $0.value.action) }.filter { $0.1 != .noop }
            .sorted { $0.0 < $1.0 }
    }

    package var refused: [Entry] { entries.filter(\.refused) }
    /// Breaking schema changes nobody allowed: the plan is refused too.
    package var schemaRefused: [SchemaChange] { schema?.refused ?? [] }

    /// The top-level attribute a detail line is about: `rule[0].filter: ...` -> `rule`.
    static func attribute(_ detail: String) -> String {
        String(detail.prefix { $0 != ":" && $0 != "." && $0 != "[" })
    }
    package var destructive: [Entry] { entries.filter(\.action.destroys) }
    package var hasChanges: Bool { !entries.isEmpty || !outputs.isEmpty }

    /// The stages with changes, in pipeline order (as the graph names them), `other` last.
    package var stages: [String] {
        var seen: [String] = []
        for entry in entries where !seen.contains(entry.stage) { seen.append(entry.stage) }
        return seen.sorted { a, b in
            let order = [
                "source", "delivery", "replication", "trigger", "processor", "lake", "catalog", "query", "views", "bi",
                "alerts", "dashboard",
            ]
            return (order.firstIndex(of: a) ?? order.count, a) < (order.firstIndex(of: b) ?? order.count, b)
        }
    }

    private static func entry(
        _ change: ResourceChange, stageOf: (String) -> String?, allowDestroy: Set<String>
    ) -> Entry {
        let action = change.change.action
        let holdsData = dataHoldingTypes.contains(change.type)
        return Entry(
            address: change.address, type: change.type, action: action, reason: change.actionReason,
            stage: stageOf(change.address) ?? "other", holdsData: holdsData,
            refused: action.destroys && holdsData && !allowDestroy.contains(change.address),
            details: details(change.change))
    }

    /// The attributes that change, as paths to their changed leaves (`rule[0].filter[0].prefix: "a" -> "b"`),
    /// sensitive values masked, unknown ones marked; at most `maxDetails` lines.
    static func details(_ change: Change) -> [String] {
        guard change.action == .update || change.action == .replace else { return [] }
        var lines: [String] = []
        let forcing = forcingAttributes(change.replacePaths)
        // A sensitive value can also appear unmarked elsewhere (a tag from a sensitive variable shows in clear in
        // `tags_all`): every value marked sensitive anywhere in the change is masked wherever it appears.
        var secrets = Set<String>()
        collectSensitive(change.before, change.beforeSensitive, into: &secrets)
        collectSensitive(change.after, change.afterSensitive, into: &secrets)
        diff(
            change.before ?? .null, change.after ?? .null, unknown: change.afterUnknown,
            oldSensitive: change.beforeSensitive, newSensitive: change.afterSensitive, path: "", depth: 0,
            secrets: secrets, into: &lines)
        var marked = lines.map { line in
            forcing.contains(attribute(line)) ? line + " (forces replacement)" : line
        }
        // A replacement makes every computed attribute unknown: what matters is what forces it.
        if change.action == .replace, !forcing.isEmpty { marked = marked.filter { forcing.contains(attribute($0)) } }
        guard marked.count > maxDetails else { return marked }
        return Array(marked.prefix(maxDetails)) + ["... \(marked.count - maxDetails) more"]
    }

    static let maxDetails = 12

    private static func diff(
        _ old: JSONValue, _ new: JSONValue, unknown: JSONValue?, oldSensitive: JSONValue?, newSensitive: JSONValue?,
        path: String, depth: Int, secrets: Set<String>, into lines: inout [String]
    ) {
        func show(_ value: JSONValue) -> String {
            if case .string(let text) = value, secrets.contains(text) { return "(sensitive)" }
            return value.brief
        }
        let hidden = oldSensitive == .bool(true) || newSensitive == .bool(true)
        if unknown == .bool(true) {
            lines.append("\(path): \(oldSensitive == .bool(true) ? "(sensitive)" : show(old)) -> (known after apply)")
            return
        }
        if hidden {
            if old != new { lines.append("\(path): (sensitive) -> (sensitive)") }
            return
        }
        guard old != new || unknown.map(containsTrue) == true else { return }
        // null, "", [] and {} all mean "not set": the provider reads back one where it was given another.
        if old.isEmptyValue, new.isEmptyValue, unknown.map(containsTrue) != true { return }
        func step(_ key: String, _ isIndex: Bool) -> String {
            isIndex ? "\(path)[\(key)]" : (path.isEmpty ? key : "\(path).\(key)")
        }
        switch (old, new) {
        case (.object, .object) where depth < 5, (.null, .object) where depth == 0:
            for key in keys(old, new) {
                diff(
                    old[key] ?? .null, new[key] ?? .null, unknown: unknown?[key], oldSensitive: oldSensitive?[key],
                    newSensitive: newSensitive?[key], path: step(key, false), depth: depth + 1, secrets: secrets,
                    into: &lines)
            }
        case (.array(let a), .array(let b)) where a.count == b.count && depth < 5:
            for index in a.indices {
                let key = String(index)
                diff(
                    a[index], b[index], unknown: unknown?[key], oldSensitive: oldSensitive?[key],
                    newSensitive: newSensitive?[key], path: step(key, true), depth: depth + 1, secrets: secrets,
                    into: &lines)
            }
        default:
            lines.append("\(path): \(show(old)) -> \(show(new))")
        }
    }

    /// The strings under a sensitivity marker of `true`.
    private static func collectSensitive(_ value: JSONValue?, _ marks: JSONValue?, into secrets: inout Set<String>) {
        guard let value, let marks else { return }
        if marks == .bool(true) {
            switch value {
            case .string(let text): secrets.insert(text)
            case .array(let items): for item in items { collectSensitive(item, .bool(true), into: &secrets) }
            case .object(let members):
                for item in members.values { collectSensitive(item, .bool(true), into: &secrets) }
            default: break
            }
            return
        }
        switch (value, marks) {
        case (.object(let members), .object):
            for (key, item) in members { collectSensitive(item, marks[key], into: &secrets) }
        case (.array(let items), .array):
            for (index, item) in items.enumerated() { collectSensitive(item, marks[String(index)], into: &secrets) }
        default: break
        }
    }

    private static func containsTrue(_ value: JSONValue) -> Bool {
        switch value {
        case .bool(let flag): flag
        case .array(let items): items.contains(where: containsTrue)
        case .object(let members): members.values.contains(where: containsTrue)
        default: false
        }
    }

    private static func keys(_ a: JSONValue, _ b: JSONValue) -> [String] {
        var names = Set<String>()
        if case .object(let members) = a { names.formUnion(members.keys) }
        if case .object(let members) = b { names.formUnion(members.keys) }
        return names.sorted()
    }

    /// The first step of each path that forces replacement.
    private static func forcingAttributes(_ paths: JSONValue?) -> Set<String> {
        guard case .array(let items)? = paths else { return [] }
        return Set(
            items.compactMap {
                if case .array(let steps) = $0, case .string(let first)? = steps.first { first } else { nil }
            })
    }
}
