import Foundation
import SluiceCloud
import SluiceModel

/// A throwaway project root holding copies of the example's `pipelines/` and `generated/terraform/`, so that the
/// deploy code's working folders, saved plans and logs land in a temporary folder, never in the repository.
struct TemporaryProject {
    /// The repository's root, found from this file.
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-deploy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("generated"), withIntermediateDirectories: true)
        for folder in ["pipelines", "generated/terraform"] {
            try FileManager.default.copyItem(
                at: Self.repositoryRoot.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
    }

    /// Where the deploy commands keep saved plans by default (`--plans-dir`).
    var plans: URL { root.appendingPathComponent(".sluice/plans") }

    /// The example's declarations and their resource graph.
    func graph() throws -> CloudGraph {
        let workspace = Workspace.load(root: root)
        guard let project = workspace.project, !workspace.diagnostics.hasErrors else {
            throw ProjectError(description: "the example does not load: \(workspace.diagnostics.sorted)")
        }
        return CloudGraph(project: project, pipelines: workspace.pipelines)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    struct ProjectError: Error, CustomStringConvertible {
        var description: String
    }
}
