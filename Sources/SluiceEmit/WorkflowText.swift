import SluiceCloud

/// A small model of a GitHub Actions workflow, rendered as YAML text in a fixed key order, so the generated files are
/// deterministic and read like hand-written ones. Only what the Sluice workflows use is modelled.
struct Workflow {
    /// Comment lines at the top of the file; the first carries the generated-file marker.
    var header: [String]
    var name: String
    /// The `on:` block, as YAML lines indented under `on:`.
    var triggers: [String]
    var concurrency: Concurrency?
    var jobs: [Job]

    func render() -> String {
        var lines = header.map { $0.isEmpty ? "#" : "# \($0)" }
        lines += ["name: \(name)", "", "on:"]
        lines += triggers.map { "  \($0)" }
        // Nothing by default: each job asks for exactly what it needs.
        lines += ["", "permissions: {}"]
        if let concurrency {
            lines += ["", "concurrency:"] + concurrency.render().map { "  \($0)" }
        }
        lines += ["", "jobs:"]
        for (index, job) in jobs.enumerated() {
            if index > 0 { lines.append("") }
            lines += job.render().map { $0.isEmpty ? "" : "  \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

struct Concurrency {
    var group: String
    var cancelInProgress: Bool

    func render() -> [String] { ["group: \(group)", "cancel-in-progress: \(cancelInProgress)"] }
}

struct Job {
    var id: String
    var name: String
    /// Comment lines above the job.
    var comment: [String] = []
    var needs: [String] = []
    var condition: String?
    var runsOn = WorkflowEmitter.runner
    var environment: String?
    var concurrency: Concurrency?
    var timeoutMinutes: Int
    /// What the job's token may do; the workflow grants nothing else.
    var permissions: [Permission]
    /// The `strategy:` block, as YAML lines indented under it.
    var strategy: [String] = []
    var steps: [Step]

    func render() -> [String] {
        var lines = comment.map { "# \($0)" }
        lines.append("\(Self.identifier(id)):")
        var body = ["name: \(name)"]
        if needs.count == 1 { body.append("needs: \(needs[0])") }
        if needs.count > 1 { body.append("needs: [\(needs.joined(separator: ", "))]") }
        if let condition { body.append("if: \(condition)") }
        body.append("runs-on: \(runsOn)")
        if let environment { body.append("environment: \(YAML.quoted(environment))") }
        if let concurrency { body += ["concurrency:"] + concurrency.render().map { "  \($0)" } }
        body.append("timeout-minutes: \(timeoutMinutes)")
        body.append("permissions:")
        body += permissions.map { "  \($0.line)" }
        if !strategy.isEmpty { body += ["strategy:"] + strategy.map { "  \($0)" } }
        body.append("steps:")
        for step in steps { body += step.render().map { $0.isEmpty ? "" : "  \($0)" } }
        return lines + body.map { $0.isEmpty ? "" : "  \($0)" }
    }

    /// A job id GitHub accepts (`[A-Za-z_][A-Za-z0-9_-]*`): Sluice's ids are built from validated names, and any
    /// other character becomes `_`, so an id can never carry YAML or an expression.
    static func identifier(_ id: String) -> String {
        let mapped = String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" })
        guard let first = mapped.first, first.isLetter || first == "_" else { return "_" + mapped }
        return mapped
    }
}

/// A permission of a job's `GITHUB_TOKEN`, with why the job needs it.
enum Permission {
    case readContents
    case idToken
    case writePullRequests
    case writeIssues

    var line: String {
        switch self {
        case .readContents: "contents: read # check out the repository"
        case .idToken: "id-token: write # a GitHub OIDC token, to assume the entry role in AWS"
        case .writePullRequests: "pull-requests: write # create or update the plan comment"
        case .writeIssues: "issues: write # open, update and close drift issues"
        }
    }
}

struct Step {
    var name: String
    /// Comment lines above the step.
    var comment: [String] = []
    var condition: String?
    /// A pinned action reference, `owner/name@<sha> # vX`.
    var uses: String?
    /// `with:` inputs; values are rendered YAML scalars, or a block scalar (`|` and its lines).
    var with: [(String, String)] = []
    /// `env:` values, rendered YAML scalars: the only way a run script sees an expression's value or any text from
    /// the declarations.
    var env: [(String, String)] = []
    /// A bash script, written in this module only: a `ShellScript` takes no text interpolation.
    var run: ShellScript?

    func render() -> [String] {
        var lines = comment.map { "# \($0)" }
        lines.append("- name: \(name)")
        var body: [String] = []
        if let condition { body.append("if: \(condition)") }
        if let uses { body.append("uses: \(uses)") }
        if !with.isEmpty {
            body.append("with:")
            for (key, value) in with {
                // A block scalar's lines follow its key, two spaces deeper.
                let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
                body.append("  \(key): \(lines[0])")
                body += lines.dropFirst().map { "    \($0)" }
            }
        }
        if !env.isEmpty { body += ["env:"] + env.map { "  \($0.0): \($0.1)" } }
        if let run = run?.text {
            if Self.isPlain(run) {
                body.append("run: \(run)")
                return lines + body.map { "  \($0)" }
            }
            body.append("run: |")
            body += run.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  \($0)" }
            while body.last == "" { body.removeLast() }
        }
        return lines + body.map { $0.isEmpty ? "" : "  \($0)" }
    }
}

extension Step {
    /// A one-line command that reads the same as a plain YAML scalar: no indicator, comment or quote in it.
    static func isPlain(_ script: String) -> Bool {
        !script.isEmpty && script.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || " ._/-".contains($0)) }
    }
}

/// The text of a `run:` script. It is built from Swift string literals in this module and numbers only: there is no
/// way to interpolate a `String`, so text from a declaration can never become shell code. Such text reaches a script
/// through the step's `env:` and is read there as a quoted variable.
struct ShellScript: ExpressibleByStringInterpolation, Sendable {
    private(set) var text: String

    init(stringLiteral value: String) { text = value }
    init(stringInterpolation: Interpolation) { text = stringInterpolation.text }

    struct Interpolation: StringInterpolationProtocol {
        var text = ""
        init(literalCapacity: Int, interpolationCount: Int) {}
        mutating func appendLiteral(_ literal: String) { text += literal }
        mutating func appendInterpolation(_ number: Int) { text += String(number) }
        /// A fixed text of this module (a marker, a limit), never a declaration's.
        mutating func appendInterpolation(fixed: StaticString) { text += fixed.description }
    }

    static func + (lhs: ShellScript, rhs: ShellScript) -> ShellScript {
        var joined = lhs
        joined.text += rhs.text
        return joined
    }

    static func += (lhs: inout ShellScript, rhs: ShellScript) { lhs.text += rhs.text }
}

/// YAML scalars.
enum YAML {
    /// Text from the declarations as a double-quoted scalar (JSON string syntax is valid YAML), made inert for GitHub:
    /// GitHub evaluates `${{` wherever it occurs in a value, so each one is written as an expression that yields `$`
    /// followed by the text `{{`. Validation refuses `${{` in the declarations; this keeps the output safe regardless.
    static func quoted(_ value: String) -> String {
        var out = ""
        // JSON escapes quotes, backslashes and C0 controls; YAML also wants DEL, C1 controls, the Unicode line and
        // paragraph separators (line breaks to YAML 1.1 readers) and the byte order mark escaped.
        for scalar in TerraformValue.string(inert(value)).compact().unicodeScalars {
            if (0x7F...0x9F).contains(scalar.value) || [0x2028, 0x2029, 0xFEFF].contains(scalar.value) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text from the declarations written plain when it is only letters, digits and ` ._/-` (it reads the same
    /// either way), and quoted otherwise.
    static func scalar(_ value: String) -> String {
        Step.isPlain(value) && value.first!.isLetter ? value : quoted(value)
    }

    /// `${{` as `${{ '$' }}{{`: GitHub reads it as the text `${{`, evaluating nothing from the declaration.
    static func inert(_ value: String) -> String { value.replacingOccurrences(of: "${{", with: "${{ '$' }}{{") }

    /// A flow sequence of quoted scalars: `["a", "b"]`.
    static func list(_ values: [String]) -> String { "[" + values.map(quoted).joined(separator: ", ") + "]" }
}
