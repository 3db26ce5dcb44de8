import ArgumentParser
import Foundation
import SluiceDeploy
import SluiceEmit
import SluiceModel
import Testing

@testable import SluiceCommands

/// `sluice plan --base DIR` as parsed from its arguments, terraform replaced by `RecordingTerraformDouble`: the
/// schema guard runs first, its section lands in the analytics stack's summary, and a refusal exits 1 after every
/// stack is planned, as the data-loss guard's does.
@Suite("sluice plan --base, terraform replaced by a recording double")
struct SchemaPlanCommandTests {
    /// The example with its committed contract as the base (`ROOT/base/generated/schema.json`) and the column
    /// `integration_name` then removed from its table and lookup.
    private func project() throws -> TemporaryProject {
        let project = try TemporaryProject()
        let workspace = Workspace.load(root: project.root)
        let base = project.root.appendingPathComponent("base/generated")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        try Data(SchemaEmitter.file(pipelines: workspace.pipelines).contents.utf8)
            .write(to: base.appendingPathComponent("schema.json"))
        let manifest = project.root.appendingPathComponent("pipelines/integrations-usage.yaml")
        var text = try String(contentsOf: manifest, encoding: .utf8)
        for (old, new) in [
            ("      - { name: integration_name, type: string }\n", ""),
            ("columns: [integration_name, integration_vendor]", "columns: [integration_vendor]"),
        ] {
            let range = try #require(text.range(of: old))
            text.replaceSubrange(range, with: new)
        }
        try Data(text.utf8).write(to: manifest)
        return project
    }

    private func plan(_ arguments: [String], in project: TemporaryProject, _ terraform: RecordingTerraformDouble)
        throws
    {
        try PlanCommand.parse(arguments + ["--root", project.root.path, "--base", "base"]).run(terraform: terraform)
    }

    @Test("a removed column is refused: every stack planned, the section in the analytics summary, exit 1")
    func refused() throws {
        let project = try project()
        defer { project.remove() }
        let terraform = try RecordingTerraformDouble()
        let markdown = project.root.appendingPathComponent("comment.md")

        #expect(throws: ExitCode(1)) { try plan(["--markdown", markdown.path], in: project, terraform) }

        #expect(terraform.calls("show").map(\.stack) == OrchestratorTests.order)
        let comment = try String(contentsOf: markdown, encoding: .utf8)
        #expect(comment.contains("- `integration_requests.integration_name`\n"))
        #expect(comment.components(separatedBy: "#### Schema").count == 2, "one section: the analytics stack's")
        let refusedFile = project.plans.appendingPathComponent("analytics.schema-refused")
        #expect(try String(contentsOf: refusedFile, encoding: .utf8) == "integration_requests.integration_name\n")
        #expect(throws: ExitCode.self) {
            try ApplyCommand.parse(["--root", project.root.path]).run(terraform: terraform)
        }
        #expect(terraform.calls("apply").map(\.stack) == ["analytics-images"])
    }

    @Test("a run that saves its plan and then fails leaves its own refusal beside it, not an earlier run's")
    func failedRunKeepsItsRefusal() throws {
        let project = try project()
        defer { project.remove() }
        try plan(
            ["--allow-schema-change", "integration_requests.integration_name"], in: project,
            try RecordingTerraformDouble())
        // Without the allowance: terraform saves analytics.tfplan, then `show -json` fails.
        let failing = try RecordingTerraformDouble(failing: [
            "analytics show": TerraformOutcome(status: 1, stderr: "lost")
        ])
        #expect(throws: (any Error).self) { try plan([], in: project, failing) }
        let refusedFile = project.plans.appendingPathComponent("analytics.schema-refused")
        #expect(try String(contentsOf: refusedFile, encoding: .utf8) == "integration_requests.integration_name\n")
        let terraform = try RecordingTerraformDouble()
        #expect(throws: (any Error).self) {
            try ApplyCommand.parse(["--root", project.root.path]).run(terraform: terraform)
        }
        #expect(terraform.calls("apply").map(\.stack) == ["analytics-images"])
    }

    @Test("a run that fails before terraform saves its plan leaves no plan beside its verdict")
    func failedPlanLeavesNoPlan() throws {
        let project = try project()
        defer { project.remove() }
        #expect(throws: ExitCode(1)) { try plan([], in: project, try RecordingTerraformDouble()) }
        // Allowed this time, but terraform's plan fails: the refused plan of the first run must not be applied.
        let failing = try RecordingTerraformDouble(failing: ["analytics plan": TerraformOutcome(status: 1)])
        #expect(throws: (any Error).self) {
            try plan(["--allow-schema-change", "integration_requests.integration_name"], in: project, failing)
        }
        #expect(!FileManager.default.fileExists(atPath: project.plans.appendingPathComponent("analytics.tfplan").path))
        let terraform = try RecordingTerraformDouble()
        #expect(throws: (any Error).self) {
            try ApplyCommand.parse(["--root", project.root.path]).run(terraform: terraform)
        }
        #expect(terraform.calls("apply").map(\.stack) == ["analytics-images"])
    }

    @Test("allowed, the plan passes; an allowance naming no change stops before terraform runs")
    func allowed() throws {
        let project = try project()
        defer { project.remove() }
        let terraform = try RecordingTerraformDouble()

        try plan(["--allow-schema-change", "integration_requests.integration_name"], in: project, terraform)
        #expect(terraform.calls("show").count == OrchestratorTests.order.count)

        let stale = try RecordingTerraformDouble()
        #expect(throws: ExitCode(1)) {
            try plan(["--allow-schema-change", "integration_requests.status"], in: project, stale)
        }
        #expect(stale.calls.isEmpty)
    }
}
