import Foundation
import SluiceCloud
import SluiceDeploy
import SluiceModel
import Testing

/// The order `sluice plan`, `apply` and `dev up` work through the stacks.
struct ApplyOrderTests {
    private func orchestrator() throws -> Orchestrator {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let workspace = Workspace.load(root: root)
        let project = try #require(workspace.project)
        return Orchestrator(
            root: root, graph: CloudGraph(project: project, pipelines: workspace.pipelines), runner: TerraformRunner())
    }

    @Test("plan and apply take the image repositories' stack first, as the deploy workflow does")
    func imagesFirst() throws {
        let options = Orchestrator.Options(plansDirectory: URL(fileURLWithPath: "/nonexistent"))
        let names = try orchestrator().stacks(options).map(\.name)
        #expect(names == ["analytics-images", "analytics", "production", "analytics-quicksight"])
    }

    @Test("a local endpoint (dev up) applies the repositories, which moto serves, and skips QuickSight")
    func localKeepsImages() throws {
        var options = Orchestrator.Options(plansDirectory: URL(fileURLWithPath: "/nonexistent"))
        options.local = LocalTarget(endpoint: "http://127.0.0.1:1")
        let names = try orchestrator().stacks(options).map(\.name)
        #expect(names == ["analytics-images", "analytics", "production"])
    }
}
