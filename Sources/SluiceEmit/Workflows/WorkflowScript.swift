import Foundation

/// A committed bash script of `Workflows/Scripts`: the one source of a workflow step's `run:` block.
///
/// Each file is a real script (a shebang, `set -eo pipefail` as GitHub runs a step's script, its inputs named in its
/// header), shellchecked as a file (Tests/tools/test_workflows.py). What follows its `# sluice:run` line is what the
/// workflow's step runs. A GitHub workflow must be self-contained, so the emitter writes that text into the `run:`
/// block, and expands each `source` of a script beside it (the two lines `# shellcheck source=NAME.sh` and
/// `source "${BASH_SOURCE[0]%/*}/NAME.sh"`) into that script's own run lines.
///
/// The scripts are constant: every value a step needs (a stack, a role, the image table) reaches it through the step's
/// `env:`, so no text from the declarations ever becomes shell code. The few fixed values of Sluice's own that they
/// spell out (the comment marker, the body limit, the builder's Amazon Linux release and packages) are checked against
/// their Swift constants by WorkflowScriptTests.
///
/// They ship as a SwiftPM resource (`Bundle.module`), read once: SwiftPM puts the resource bundle next to the
/// executable it builds (`swift run`, `.build/<configuration>/sluice`), so sluice finds its scripts from any working
/// folder. A resource keeps each script a plain file that shellcheck and editors read as it is; embedding them at build
/// time would take a build-tool plugin and a second executable target for the same result.
enum WorkflowScript: String, CaseIterable, Sendable {
    case buildSluice = "build-sluice"
    case currentImages = "current-images"
    case fitBody = "fit-body"
    case pullRequestCheck = "pr-check"
    case pullRequestPlan = "pr-plan"
    case pullRequestComment = "pr-comment"
    case deployImage = "deploy-image"
    case deployImageDigests = "deploy-image-digests"
    case deployApply = "deploy-apply"
    case driftPlan = "drift-plan"
    case driftIssues = "drift-issues"

    /// The line after which a script's file holds what the step runs.
    static let runMarker = "# sluice:run"

    /// The committed file's whole text.
    var fileText: String { Self.files[self] ?? "" }

    /// What the step runs: the lines after the marker, each `source` of a sibling replaced by that sibling's lines.
    var runLines: [String] {
        let lines = fileText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let marker = lines.firstIndex(of: Self.runMarker) else { return [] }
        var body = Array(lines[(marker + 1)...])
        // The file ends with a newline: no empty last line in the step.
        if body.last == "" { body.removeLast() }
        var expanded: [String] = []
        var index = 0
        while index < body.count {
            if index + 1 < body.count, let included = Self.included(directive: body[index], source: body[index + 1]) {
                expanded += included.runLines
                index += 2
            } else {
                expanded.append(body[index])
                index += 1
            }
        }
        return expanded
    }

    /// The script a `# shellcheck source=NAME.sh` line and the `source` line after it read, if they are such a pair.
    static func included(directive: String, source: String) -> WorkflowScript? {
        let prefix = "# shellcheck source="
        guard directive.hasPrefix(prefix), directive.hasSuffix(".sh") else { return nil }
        let file = String(directive.dropFirst(prefix.count))
        guard source == "source \"${BASH_SOURCE[0]%/*}/\(file)\"" else { return nil }
        return WorkflowScript(rawValue: String(file.dropLast(".sh".count)))
    }

    /// Every script's file, read from the resource bundle once. The files are part of the build, never of the
    /// input: one missing is a broken installation, which stops sluice before it writes a workflow without its script.
    private static let files: [WorkflowScript: String] = {
        var files: [WorkflowScript: String] = [:]
        for script in allCases {
            let name = "\(script.rawValue).sh"
            guard
                let url = Bundle.module.url(forResource: script.rawValue, withExtension: "sh", subdirectory: "Scripts"),
                let data = try? Data(contentsOf: url)
            else {
                fatalError(
                    "sluice's workflow script \(name) is missing from \(Bundle.module.bundlePath): rebuild sluice")
            }
            files[script] = String(decoding: data, as: UTF8.self)
        }
        return files
    }()
}

/// The text of a `run:` script: one or more committed scripts, one after the other. There is no other way to make
/// one, so a step runs only what the files in Workflows/Scripts say.
struct RunScript: Sendable {
    let scripts: [WorkflowScript]

    init(_ scripts: WorkflowScript...) { self.scripts = scripts }
    init(_ scripts: [WorkflowScript]) { self.scripts = scripts }

    /// The script's lines, for a `run: |` block.
    var lines: [String] { scripts.flatMap(\.runLines) }
    var text: String { lines.joined(separator: "\n") }
}
