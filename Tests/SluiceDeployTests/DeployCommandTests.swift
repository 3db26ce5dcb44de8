import ArgumentParser
import Foundation
import SluiceDeploy
import SluiceModel
import Testing

@testable import SluiceCommands

/// `sluice plan` and `sluice apply` as parsed from their arguments, terraform replaced by
/// `RecordingTerraformDouble`: the exit codes, files and arguments each option leads to.
@Suite("sluice plan and apply, terraform replaced by a recording double")
struct DeployCommandTests {
    /// Runs `sluice plan ARGUMENTS --root ROOT` against the double.
    private func plan(_ arguments: [String], in project: TemporaryProject, _ terraform: RecordingTerraformDouble)
        throws
    {
        try PlanCommand.parse(arguments + ["--root", project.root.path]).run(terraform: terraform)
    }

    /// Runs `sluice apply ARGUMENTS --root ROOT` against the double.
    private func apply(_ arguments: [String], in project: TemporaryProject, _ terraform: RecordingTerraformDouble)
        throws
    {
        try ApplyCommand.parse(arguments + ["--root", project.root.path]).run(terraform: terraform)
    }

    @Test("--var without NAME=VALUE is refused before terraform runs")
    func malformedVariable() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let terraform = try RecordingTerraformDouble()

        #expect(throws: ValidationError.self) { try plan(["--var", "no_equals_sign"], in: project, terraform) }
        #expect(terraform.calls.isEmpty)
    }

    @Test("--var NAME=VALUE reaches terraform as -var, the value kept whole after its first '='")
    func variableValue() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let terraform = try RecordingTerraformDouble()
        let declaring = try #require(try project.graph().stacks.first { !$0.variables.isEmpty })
        let name = try #require(declaring.variables.first).name

        try plan(["--var", "\(name)=repo@sha256:a=b", "--stack", declaring.name], in: project, terraform)

        #expect(terraform.calls("plan").map(\.stack) == [declaring.name])
        #expect(terraform.calls("plan").first?.arguments.contains("-var=\(name)=repo@sha256:a=b") == true)
    }

    @Test("a plan that deletes data exits 1, after writing every stack's summary to --markdown in apply order")
    func refusedPlanExits1() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let terraform = try RecordingTerraformDouble(planJSON: ["production": try Fixtures.data("delete")])
        let markdown = project.root.appendingPathComponent("comment.md")

        #expect(throws: ExitCode(1)) { try plan(["--markdown", markdown.path], in: project, terraform) }

        #expect(terraform.calls("show").map(\.stack) == OrchestratorTests.order)
        let body = try String(contentsOf: markdown, encoding: .utf8)
        let headings = body.split(separator: "\n").filter { $0.hasPrefix("### Stack `") }
        #expect(headings.map { $0.split(separator: "`")[1] } == OrchestratorTests.order.map { Substring($0) })
        #expect(body.contains("aws_s3_bucket.staging"))
    }

    @Test("--allow-destroy for each data-holding address lets the same plan pass")
    func allowedPlanPasses() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let terraform = try RecordingTerraformDouble(planJSON: ["production": try Fixtures.data("delete")])

        try plan(
            ["--allow-destroy", "aws_s3_bucket.staging", "--allow-destroy", "aws_sqs_queue.retry"], in: project,
            terraform)
        try apply([], in: project, terraform)

        #expect(terraform.calls("apply").map(\.stack) == OrchestratorTests.order)
    }

    @Test("--detailed-exitcode exits 2 when a stack changes and returns normally when none does")
    func detailedExitCode() throws {
        let project = try TemporaryProject()
        defer { project.remove() }

        try plan(["--detailed-exitcode"], in: project, try RecordingTerraformDouble())

        let changing = try RecordingTerraformDouble(planJSON: ["analytics": try Fixtures.data("create")])
        #expect(throws: ExitCode(2)) { try plan(["--detailed-exitcode"], in: project, changing) }
    }

    @Test("--role plan hands terraform the plan roles and no state lock")
    func planRole() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let terraform = try RecordingTerraformDouble()
        let graph = try project.graph()

        try plan(["--role", "plan"], in: project, terraform)

        for call in terraform.calls("plan") {
            let account = try #require(graph.stacks.first { $0.name == call.stack }).account
            #expect(call.arguments.contains("-var=role_arn=\(account.planRole)"))
            #expect(call.arguments.contains("-lock=false"))
        }
    }

    @Test("--local passes placeholder images for the image variables and leaves QuickSight out")
    func localPlaceholders() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let terraform = try RecordingTerraformDouble()
        let graph = try project.graph()
        let workspace = Workspace.load(root: project.root)
        let imageVariables = Set(
            LocalTarget.placeholderImages(project: graph.project, pipelines: workspace.pipelines).keys)
        try #require(!imageVariables.isEmpty)

        try plan(["--local", "http://127.0.0.1:1"], in: project, terraform)

        #expect(terraform.calls("plan").map(\.stack) == ["analytics-images", "analytics", "production"])
        let passed = terraform.calls("plan").flatMap(\.arguments).filter { argument in
            imageVariables.contains { argument.hasPrefix("-var=\($0)=") }
        }
        #expect(!passed.isEmpty)
        #expect(passed.allSatisfy { $0.hasSuffix("@sha256:" + String(repeating: "0", count: 64)) })
    }

    @Test("a terraform failure exits 1 and stops there")
    func terraformFailureExits1() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let failed = TerraformOutcome(
            status: 1, stdout: "", stderr: "Error: Failed to query available provider packages")
        let terraform = try RecordingTerraformDouble(failing: ["analytics-images init": failed])

        #expect(throws: ExitCode(1)) { try plan([], in: project, terraform) }
        #expect(terraform.calls.map(\.step) == ["analytics-images init"])
    }

    @Test("apply of a plan that deletes data exits 1 and applies nothing from that stack on")
    func applyRefusesDataLoss() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let terraform = try RecordingTerraformDouble(planJSON: ["analytics": try Fixtures.data("delete")])
        #expect(throws: ExitCode(1)) { try plan([], in: project, terraform) }

        #expect(throws: ExitCode(1)) { try apply([], in: project, terraform) }

        #expect(terraform.calls("apply").map(\.stack) == ["analytics-images"])
    }
}
