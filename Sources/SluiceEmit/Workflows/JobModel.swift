/// A job's `strategy:`: its matrix, and whether one failing leg cancels the others.
struct Strategy {
    var failFast = false
    var matrix: Matrix

    var node: YAMLNode { .mapping([YAMLEntry("fail-fast", .flag(failFast)), YAMLEntry("matrix", matrix.node)]) }
}

/// A job matrix: one leg per value of one axis, or one leg per listed combination.
enum Matrix {
    /// `name: ["a", "b"]`: each value quoted.
    case axis(name: ScalarText, values: [String])
    /// `include:`: one mapping per leg, each value quoted.
    case include([[(key: ScalarText, value: String)]])

    var node: YAMLNode {
        switch self {
        case .axis(let name, let values): .mapping([YAMLEntry(name, .flow(values.map(ScalarText.quoted)))])
        case .include(let legs):
            .mapping([
                YAMLEntry(
                    "include",
                    .sequence(
                        legs.map { leg in
                            YAMLItem(entries: leg.map { YAMLEntry($0.key, .quoted($0.value)) })
                        }))
            ])
        }
    }
}

struct Job {
    /// The job's id; any character GitHub does not accept in one becomes `_` (`identifier(_:)`).
    var id: String
    var name: ScalarText
    /// Comment lines above the job.
    var comment: [String] = []
    var needs: [String] = []
    var condition: ScalarText?
    var runsOn: ScalarText = .text(WorkflowEmitter.runner)
    /// The GitHub environment that gates the job.
    var environment: String?
    var concurrency: Concurrency?
    var timeoutMinutes: Int
    /// What the job's token may do; the workflow grants nothing else.
    var permissions: [Permission]
    var strategy: Strategy?
    var steps: [Step]

    var entry: YAMLEntry {
        var body = [YAMLEntry("name", name)]
        if needs.count == 1 { body.append(YAMLEntry("needs", .identifier(needs[0]))) }
        if needs.count > 1 { body.append(YAMLEntry("needs", .flow(needs.map(ScalarText.identifier)))) }
        if let condition { body.append(YAMLEntry("if", condition)) }
        body.append(YAMLEntry("runs-on", runsOn))
        if let environment { body.append(YAMLEntry("environment", .quoted(environment))) }
        if let concurrency { body.append(YAMLEntry("concurrency", concurrency.node)) }
        body.append(YAMLEntry("timeout-minutes", .number(timeoutMinutes)))
        body.append(YAMLEntry("permissions", Permission.node(permissions)))
        if let strategy { body.append(YAMLEntry("strategy", strategy.node)) }
        body.append(YAMLEntry("steps", .sequence(steps.map(\.item))))
        return YAMLEntry(.identifier(id), .mapping(body), comment: comment)
    }

    /// A job id GitHub accepts (`[A-Za-z_][A-Za-z0-9_-]*`): Sluice's ids are built from validated names, and any
    /// other character becomes `_`, so an id can never carry YAML or an expression.
    static func identifier(_ id: String) -> String {
        let mapped = String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" })
        guard let first = mapped.first, first.isLetter || first == "_" else { return "_" + mapped }
        return mapped
    }
}

/// An action pinned by its full commit SHA, with the release that commit is, written `owner/name@<sha> # vX`.
struct PinnedAction: Sendable {
    var name: StaticString
    var commit: StaticString
    var version: StaticString

    /// What a `uses:` line holds, comment included.
    var reference: String { "\(name)@\(commit) # \(version)" }
}

struct Step {
    var name: ScalarText
    /// Comment lines above the step.
    var comment: [String] = []
    var condition: ScalarText?
    var uses: PinnedAction?
    /// `with:` inputs: scalars, or a literal block of Sluice's own lines.
    var with: [YAMLEntry] = []
    /// `env:` values: the only way a run script sees an expression's value or any text from the declarations.
    var env: [(name: ScalarText, value: ScalarText)] = []
    /// The step's script: committed files of Workflows/Scripts, and nothing else.
    var run: RunScript?

    var item: YAMLItem {
        var body = [YAMLEntry("name", name)]
        if let condition { body.append(YAMLEntry("if", condition)) }
        if let uses {
            body.append(
                YAMLEntry(
                    "uses", "\(fixed: uses.name)@\(fixed: uses.commit)", trailingComment: uses.version))
        }
        if !with.isEmpty { body.append(YAMLEntry("with", .mapping(with))) }
        if !env.isEmpty { body.append(YAMLEntry("env", .mapping(env.map { YAMLEntry($0.name, $0.value) }))) }
        if let run { body.append(YAMLEntry("run", .literal(run.lines))) }
        return YAMLItem(entries: body, comment: comment)
    }
}
