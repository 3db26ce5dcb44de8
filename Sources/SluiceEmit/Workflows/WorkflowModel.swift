/// A small typed model of a GitHub Actions workflow, written as YAML by `YAMLWriter` in a fixed key order, so the
/// generated files are deterministic and read like hand-written ones. Only what the Sluice workflows use is modelled;
/// every text from the declarations in it is a `ScalarText` made by the escaper.
struct Workflow {
    /// Comment lines at the top of the file; the first carries the generated-file marker.
    var header: [String]
    var name: ScalarText
    var triggers: [Trigger]
    /// The workflow's token grants: nothing, so each job asks for exactly what it needs.
    var permissions: [Permission] = []
    var concurrency: Concurrency?
    var jobs: [Job]

    func render() -> String {
        var entries = [
            YAMLEntry("name", name),
            YAMLEntry("on", .mapping(triggers.map(\.entry))).spaced(),
            YAMLEntry("permissions", Permission.node(permissions)).spaced(),
        ]
        if let concurrency { entries.append(YAMLEntry("concurrency", concurrency.node).spaced()) }
        entries.append(Self.defaults.spaced())
        let jobs = jobs.enumerated().map { index, job in index == 0 ? job.entry : job.entry.spaced() }
        entries.append(YAMLEntry("jobs", .mapping(jobs)).spaced())
        return YAMLWriter.document(entries, header: header)
    }
}

extension Workflow {
    /// Every `run:` step in bash with `-eo pipefail`, as the committed scripts are written and shellchecked: a step
    /// with no `shell` runs as `bash -e {0}`, where a failing command before a pipe goes unnoticed.
    static let defaults = YAMLEntry(
        "defaults", .mapping([YAMLEntry("run", .mapping([YAMLEntry("shell", "bash")]))]),
        comment: ["Steps run as `bash --noprofile --norc -eo pipefail {0}`, as their scripts are written."])
}

/// An event that runs a workflow.
enum Trigger {
    /// Pull requests into these branches.
    case pullRequest(branches: [String])
    /// Pushes to these branches.
    case push(branches: [String])
    /// On a schedule: cron expressions, in UTC.
    case schedule(cron: [String])
    /// By hand, from GitHub's interface or API.
    case workflowDispatch

    var entry: YAMLEntry {
        switch self {
        case .pullRequest(let branches): YAMLEntry("pull_request", .mapping([Self.branches(branches)]))
        case .push(let branches): YAMLEntry("push", .mapping([Self.branches(branches)]))
        case .schedule(let expressions):
            YAMLEntry(
                "schedule", .sequence(expressions.map { YAMLItem(entries: [YAMLEntry("cron", .quoted($0))]) }))
        case .workflowDispatch: YAMLEntry("workflow_dispatch", .null)
        }
    }

    static func branches(_ names: [String]) -> YAMLEntry { YAMLEntry("branches", .flow(names.map(ScalarText.text))) }
}

/// A concurrency group: one run (or job) of the group at a time.
struct Concurrency {
    var group: ScalarText
    /// Whether a new run cancels the one in progress, rather than waiting for it.
    var cancelInProgress: Bool

    var node: YAMLNode {
        .mapping([YAMLEntry("group", group), YAMLEntry("cancel-in-progress", .flag(cancelInProgress))])
    }
}

/// A permission of a job's `GITHUB_TOKEN`, with why the job needs it.
enum Permission {
    case readContents
    case idToken
    case writePullRequests
    case writeIssues

    var entry: YAMLEntry {
        switch self {
        case .readContents: YAMLEntry("contents", "read", trailingComment: "check out the repository")
        case .idToken:
            YAMLEntry("id-token", "write", trailingComment: "a GitHub OIDC token, to assume the entry role in AWS")
        case .writePullRequests:
            YAMLEntry("pull-requests", "write", trailingComment: "create or update the plan comment")
        case .writeIssues: YAMLEntry("issues", "write", trailingComment: "open, update and close drift issues")
        }
    }

    /// `{}` for none: a `permissions:` key with nothing under it would grant GitHub's defaults instead.
    static func node(_ permissions: [Permission]) -> YAMLNode {
        permissions.isEmpty ? .emptyMapping : .mapping(permissions.map(\.entry))
    }
}

extension YAMLEntry {
    /// The entry with an empty line before it.
    func spaced() -> YAMLEntry {
        var entry = self
        entry.blankLineBefore = true
        return entry
    }
}
