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
/// They are embedded in the code at build time (SwiftPM's `embedInCode` resources, Package.swift's `workflowScripts`,
/// read through `PackageResources`): each script stays a plain file that shellcheck and editors read as it is, and the
/// sluice binary needs no file beside it, so it runs from any folder and as a copy anywhere. (A resource bundle read
/// through `Bundle.module` made a copied sluice crash, with no message of its own, once its build folder was gone.)
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

    /// Every script's file, decoded once from the bytes the build embedded.
    private static let files: [WorkflowScript: String] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0, String(decoding: $0.embeddedBytes, as: UTF8.self)) })

    /// The committed file's bytes, as the build embedded them (one `PackageResources` member per file of
    /// Package.swift's `workflowScripts`).
    private var embeddedBytes: [UInt8] {
        switch self {
        case .buildSluice: PackageResources.build_sluice_sh
        case .currentImages: PackageResources.current_images_sh
        case .fitBody: PackageResources.fit_body_sh
        case .pullRequestCheck: PackageResources.pr_check_sh
        case .pullRequestPlan: PackageResources.pr_plan_sh
        case .pullRequestComment: PackageResources.pr_comment_sh
        case .deployImage: PackageResources.deploy_image_sh
        case .deployImageDigests: PackageResources.deploy_image_digests_sh
        case .deployApply: PackageResources.deploy_apply_sh
        case .driftPlan: PackageResources.drift_plan_sh
        case .driftIssues: PackageResources.drift_issues_sh
        }
    }
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
