import Foundation
import SluiceCloud
import SluiceDeploy
import Testing

/// The orchestrator's behaviour with terraform replaced by `RecordingTerraformDouble`: which commands run for which
/// stack and in what order, what stops a run, the data-loss guard, and what progress reports. The real terraform
/// runs in the moto tests (Tests/tools/test_moto_deploy.py).
@Suite("Orchestrator plan and apply, terraform replaced by a recording double")
struct OrchestratorTests {
    /// The example's stacks in apply order.
    static let order = ["analytics-images", "analytics", "production", "analytics-quicksight"]

    /// The example's project in a temporary root, its graph, the double and the orchestrator using it.
    struct Setup {
        let project: TemporaryProject
        let graph: CloudGraph
        let terraform: RecordingTerraformDouble
        let orchestrator: Orchestrator
        let recorded = RecordedProgress()

        init(planJSON: [String: Data] = [:], failing: [String: TerraformOutcome] = [:]) throws {
            project = try TemporaryProject()
            graph = try project.graph()
            terraform = try RecordingTerraformDouble(planJSON: planJSON, failing: failing)
            orchestrator = Orchestrator(root: project.root, graph: graph, runner: terraform)
        }

        var options: Orchestrator.Options { Orchestrator.Options(plansDirectory: project.plans) }

        func stack(_ name: String) throws -> Stack {
            try #require(graph.stacks.first { $0.name == name })
        }
    }

    @Test("plan runs init, plan and show -json for each stack in apply order, each in its own copy of the stack")
    func planOrder() throws {
        let setup = try Setup()
        defer { setup.project.remove() }

        let plans = try setup.orchestrator.plan(setup.options, progress: setup.recorded.progress)

        #expect(plans.map(\.stack) == Self.order)
        #expect(setup.terraform.calls.map(\.step) == Self.order.flatMap { ["\($0) init", "\($0) plan", "\($0) show"] })
        for call in setup.terraform.calls {
            let copy = setup.project.root.appendingPathComponent(".sluice/stacks/\(call.stack)")
            #expect(call.directory.standardizedFileURL.path == copy.standardizedFileURL.path)
            let generated = setup.project.root.appendingPathComponent("generated/terraform/\(call.stack)")
            for name in try FileManager.default.contentsOfDirectory(atPath: generated.path) {
                #expect(FileManager.default.fileExists(atPath: copy.appendingPathComponent(name).path), "\(name)")
            }
        }
        for stack in Self.order {
            for suffix in ["tfplan", "json", "txt", "md", "allow-destroy"] {
                let file = setup.project.plans.appendingPathComponent("\(stack).\(suffix)")
                #expect(FileManager.default.fileExists(atPath: file.path), "\(file.path)")
            }
        }
        #expect(plans.allSatisfy { !$0.summary.hasChanges && $0.summary.refused.isEmpty })
    }

    @Test("a deploy plan assumes each stack's deploy role, takes the state lock and saves the plan per stack")
    func deployPlanArguments() throws {
        let setup = try Setup()
        defer { setup.project.remove() }

        _ = try setup.orchestrator.plan(setup.options, progress: .silent)

        for call in setup.terraform.calls("plan") {
            let planFile = setup.project.plans.appendingPathComponent("\(call.stack).tfplan").path
            let role = try setup.stack(call.stack).account.deployRole
            #expect(
                call.arguments == ["plan", "-input=false", "-no-color", "-out=\(planFile)", "-var=role_arn=\(role)"])
        }
        for call in setup.terraform.calls("init") {
            #expect(call.arguments == ["init", "-input=false", "-no-color", "-reconfigure"])
        }
    }

    @Test("a pull-request plan assumes the plan roles, never locks, and reads state with the state account's role")
    func pullRequestPlanArguments() throws {
        let setup = try Setup()
        defer { setup.project.remove() }
        var options = setup.options
        options.role = .plan

        _ = try setup.orchestrator.plan(options, progress: .silent)

        for call in setup.terraform.calls("plan") {
            let role = try setup.stack(call.stack).account.planRole
            #expect(call.arguments.contains("-var=role_arn=\(role)"))
            #expect(call.arguments.last == "-lock=false")
        }
        let backend = setup.project.plans.appendingPathComponent("backend-plan.tfbackend")
        for call in setup.terraform.calls("init") {
            #expect(call.arguments.last == "-backend-config=\(backend.path)")
        }
        let stateAccount = try #require(setup.graph.project.account(named: setup.graph.project.state.account))
        let config = try String(contentsOf: backend, encoding: .utf8)
        #expect(config.contains("role_arn     = \"\(stateAccount.planRole)\""))
        #expect(stateAccount.planRole != stateAccount.deployRole)
    }

    @Test("a variable goes only to the stacks that declare it; one no stack declares goes nowhere")
    func variablesPerStack() throws {
        let setup = try Setup()
        defer { setup.project.remove() }
        let declaring = try #require(setup.graph.stacks.first { !$0.variables.isEmpty })
        let declared = try #require(declaring.variables.first).name
        var options = setup.options
        options.variables = [declared: "value-1", "declared_by_no_stack": "value-2"]

        _ = try setup.orchestrator.plan(options, progress: .silent)

        let planCalls = setup.terraform.calls("plan")
        #expect(planCalls.count == Self.order.count)
        for call in planCalls {
            let declares = try setup.stack(call.stack).variables.contains { $0.name == declared }
            #expect(call.arguments.contains("-var=\(declared)=value-1") == declares, "\(call.stack)")
            #expect(!call.arguments.contains { $0.hasPrefix("-var=declared_by_no_stack=") })
        }
    }

    @Test("--stack plans only the stacks named, and an unknown name is refused before terraform runs")
    func chosenStacks() throws {
        let setup = try Setup()
        defer { setup.project.remove() }
        var options = setup.options
        options.stacks = ["production"]

        _ = try setup.orchestrator.plan(options, progress: .silent)
        #expect(setup.terraform.calls.map(\.step) == ["production init", "production plan", "production show"])

        options.stacks = ["staging"]
        let error = #expect(throws: DeployError.self) { try setup.orchestrator.plan(options, progress: .silent) }
        #expect(error?.description == DeployError.unknownStack("staging", known: Self.order).description)
        #expect(setup.terraform.calls.count == 3)
    }

    @Test("a failed step stops the plan there, names the stack, step and output, and reports the phase failed")
    func planStopsAtFirstFailure() throws {
        let failed = TerraformOutcome(status: 1, stdout: "", stderr: "Error: no valid credential sources")
        let setup = try Setup(failing: ["analytics plan": failed])
        defer { setup.project.remove() }

        let error = #expect(throws: DeployError.self) {
            try setup.orchestrator.plan(setup.options, progress: setup.recorded.progress)
        }

        #expect(
            error?.description
                == DeployError.terraformFailed(stack: "analytics", step: "plan", output: failed.stderr).description)
        #expect(
            setup.terraform.calls.map(\.step) == [
                "analytics-images init", "analytics-images plan", "analytics-images show", "analytics init",
                "analytics plan",
            ])
        #expect(
            setup.recorded.phases == [
                "analytics-images init", "analytics-images plan", "analytics init", "analytics plan FAILED",
            ])
    }

    @Test("progress: each phase of each stack once, in order, and terraform's lines under their stack")
    func progressEvents() throws {
        let setup = try Setup()
        defer { setup.project.remove() }

        _ = try setup.orchestrator.plan(setup.options, progress: setup.recorded.progress)
        try setup.orchestrator.apply(setup.options, progress: setup.recorded.progress)

        let phases = Self.order.flatMap { ["\($0) init", "\($0) plan"] } + Self.order.map { "\($0) apply" }
        #expect(setup.recorded.phases == phases)
        // `show -json` prints the plan itself, which is not progress.
        let lines =
            Self.order.flatMap { stack in
                ["init", "plan"].map { "[\(stack)] \(RecordingTerraformDouble.line($0))" }
            } + Self.order.map { "[\($0)] \(RecordingTerraformDouble.line("apply"))" }
        #expect(setup.recorded.output == lines)
    }

    @Test("apply applies each saved plan in apply order, in the folder the plan was made in")
    func applyOrder() throws {
        let setup = try Setup()
        defer { setup.project.remove() }
        _ = try setup.orchestrator.plan(setup.options, progress: .silent)
        let planned = Dictionary(
            uniqueKeysWithValues: setup.terraform.calls("plan").map {
                ($0.stack, $0.directory.standardizedFileURL.path)
            })

        try setup.orchestrator.apply(setup.options, progress: .silent)

        let applied = setup.terraform.calls("apply")
        #expect(applied.map(\.stack) == Self.order)
        for call in applied {
            let planFile = setup.project.plans.appendingPathComponent("\(call.stack).tfplan").path
            #expect(call.arguments == ["apply", "-input=false", "-no-color", planFile])
            #expect(call.directory.standardizedFileURL.path == planned[call.stack])
        }
    }

    @Test("a failed apply stops there: the stacks after it are not applied")
    func applyStopsAtFirstFailure() throws {
        let failed = TerraformOutcome(status: 1, stdout: "", stderr: "Error: creating S3 Bucket: AccessDenied")
        let setup = try Setup(failing: ["analytics apply": failed])
        defer { setup.project.remove() }
        _ = try setup.orchestrator.plan(setup.options, progress: .silent)

        let error = #expect(throws: DeployError.self) {
            try setup.orchestrator.apply(setup.options, progress: setup.recorded.progress)
        }

        #expect(
            error?.description
                == DeployError.terraformFailed(stack: "analytics", step: "apply", output: failed.stderr).description)
        #expect(setup.terraform.calls("apply").map(\.stack) == ["analytics-images", "analytics"])
        #expect(setup.recorded.phases == ["analytics-images apply", "analytics apply FAILED"])
    }

    @Test("a saved plan terraform calls stale is reported as stale, not as a plain failure")
    func stalePlan() throws {
        let stale = TerraformOutcome(
            status: 1, stdout: "", stderr: "Error: Saved plan is stale\n\nThe given plan file can no longer be applied")
        let setup = try Setup(failing: ["production apply": stale])
        defer { setup.project.remove() }
        _ = try setup.orchestrator.plan(setup.options, progress: .silent)

        let error = #expect(throws: DeployError.self) { try setup.orchestrator.apply(setup.options, progress: .silent) }

        #expect(error?.description == DeployError.stalePlan(stack: "production").description)
        #expect(setup.terraform.calls("apply").map(\.stack) == ["analytics-images", "analytics", "production"])
    }

    @Test("apply with no saved plan runs no terraform")
    func missingPlan() throws {
        let setup = try Setup()
        defer { setup.project.remove() }

        let error = #expect(throws: DeployError.self) { try setup.orchestrator.apply(setup.options, progress: .silent) }

        let path = setup.project.plans.appendingPathComponent("analytics-images.tfplan").path
        #expect(error?.description == DeployError.missingPlan(stack: "analytics-images", path: path).description)
        #expect(setup.terraform.calls.isEmpty)
    }

    @Test("the data-loss guard: a plan deleting a bucket and a queue is marked refused, and apply will not apply it")
    func dataLossGuard() throws {
        let setup = try Setup(planJSON: ["analytics": try Fixtures.data("delete")])
        defer { setup.project.remove() }
        let refused = ["aws_s3_bucket.staging", "aws_sqs_queue.retry"]

        let plans = try setup.orchestrator.plan(setup.options, progress: .silent)
        #expect(plans.map { $0.summary.refused.map(\.address) } == [[], refused, [], []])

        // Allowing the addresses only now, at apply, does not count: the plan was reviewed without them.
        var options = setup.options
        options.allowDestroy = Set(refused)
        let error = #expect(throws: DeployError.self) { try setup.orchestrator.apply(options, progress: .silent) }

        #expect(error?.description == DeployError.refused(stack: "analytics", addresses: refused).description)
        #expect(setup.terraform.calls("apply").map(\.stack) == ["analytics-images"])
    }

    @Test("addresses allowed when planning are applied: the allowance travels with the saved plan")
    func allowedDeletion() throws {
        let setup = try Setup(planJSON: ["analytics": try Fixtures.data("delete")])
        defer { setup.project.remove() }
        var options = setup.options
        options.allowDestroy = ["aws_s3_bucket.staging", "aws_sqs_queue.retry"]

        let plans = try setup.orchestrator.plan(options, progress: .silent)
        #expect(plans.allSatisfy { $0.summary.refused.isEmpty })
        let allowance = setup.project.plans.appendingPathComponent("analytics.allow-destroy")
        #expect(try String(contentsOf: allowance, encoding: .utf8) == "aws_s3_bucket.staging\naws_sqs_queue.retry\n")

        try setup.orchestrator.apply(setup.options, progress: .silent)
        #expect(setup.terraform.calls("apply").map(\.stack) == Self.order)
    }

    @Test("a local endpoint plans copies under .sluice/local with the endpoint override and skips QuickSight")
    func localTarget() throws {
        let setup = try Setup()
        defer { setup.project.remove() }
        var options = setup.options
        options.local = LocalTarget(endpoint: "http://127.0.0.1:1")
        options.role = .plan

        _ = try setup.orchestrator.plan(options, progress: .silent)

        let local = ["analytics-images", "analytics", "production"]
        #expect(setup.terraform.calls.map(\.step) == local.flatMap { ["\($0) init", "\($0) plan", "\($0) show"] })
        for call in setup.terraform.calls {
            let copy = setup.project.root.appendingPathComponent(".sluice/local/\(call.stack)")
            #expect(call.directory.standardizedFileURL.path == copy.standardizedFileURL.path)
            // Beside the generated files, one Sluice adds that points the provider at the endpoint.
            let generated = try FileManager.default.contentsOfDirectory(
                atPath: setup.project.root.appendingPathComponent("generated/terraform/\(call.stack)").path)
            let added = try FileManager.default.contentsOfDirectory(atPath: copy.path)
                .filter { $0.hasSuffix(".tf.json") && !generated.contains($0) }
            #expect(added.count == 1)
            for name in added {
                let text = try String(contentsOf: copy.appendingPathComponent(name), encoding: .utf8)
                #expect(text.contains("http://127.0.0.1:1"))
            }
        }
        // The state is a local file there: no backend configuration for the state account's role.
        #expect(setup.terraform.calls("init").allSatisfy { !$0.arguments.contains { $0.hasPrefix("-backend-config") } })
    }

    @Test("a run whose show -json fails after terraform saved its plan leaves no earlier plan JSON for apply to check")
    func failedShowLeavesNoStaleJSON() throws {
        let setup = try Setup()
        defer { setup.project.remove() }
        _ = try setup.orchestrator.plan(setup.options, progress: .silent)
        // The second run's plan is saved, then `show -json` fails: the first run's no-change JSON must not pass
        // the data-loss check for a plan nobody has seen.
        let failing = try RecordingTerraformDouble(failing: ["analytics show": TerraformOutcome(status: 1)])
        let second = Orchestrator(root: setup.project.root, graph: setup.graph, runner: failing)
        #expect(throws: (any Error).self) { try second.plan(setup.options, progress: .silent) }
        let json = setup.project.plans.appendingPathComponent("analytics.json")
        #expect(
            FileManager.default.fileExists(atPath: setup.project.plans.appendingPathComponent("analytics.tfplan").path))
        #expect(!FileManager.default.fileExists(atPath: json.path))

        let terraform = try RecordingTerraformDouble()
        let applying = Orchestrator(root: setup.project.root, graph: setup.graph, runner: terraform)
        let error = #expect(throws: DeployError.self) { try applying.apply(setup.options, progress: .silent) }
        #expect(error?.description == DeployError.missingPlanJSON(stack: "analytics", path: json.path).description)
        #expect(terraform.calls("apply").map(\.stack) == ["analytics-images"])
    }

}
