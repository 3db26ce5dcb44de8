import Foundation
import SluiceCloud
import SluiceEmit
import SluiceModel

/// Plans and applies the generated stacks with terraform, in apply order.
package struct Orchestrator: Sendable {
    /// Which role Terraform assumes: the deploy role, or the read-only plan role of a pull request.
    package enum Role: String, Sendable, CaseIterable {
        case deploy
        case plan
    }

    package struct Options: Sendable {
        /// Stacks to work on, by name; empty means all, in apply order.
        package var stacks: [String] = []
        package var role: Role = .deploy
        /// Where plans (`<stack>.tfplan`), their JSON and summaries go.
        package var plansDirectory: URL
        package var allowDestroy: Set<String> = []
        /// The schema guard's comparison (`--base`): each stack's summary shows the changes to the tables it holds.
        package var schema: SchemaReport?
        /// Extra Terraform variables (`-var NAME=VALUE`), such as the processors' image URIs.
        package var variables: [String: String] = [:]
        package var local: LocalTarget?
        /// Markdown budget of one stack's summary, in characters.
        package var markdownLimit = 20_000

        package init(plansDirectory: URL) { self.plansDirectory = plansDirectory }
    }

    /// A planned stack.
    package struct StackPlan: Sendable {
        package var stack: String
        package var summary: PlanSummary
        package var planFile: URL
    }

    package let root: URL
    package let graph: CloudGraph
    /// Runs terraform: the real command, or a test's double.
    package let runner: any TerraformRunning

    package init(root: URL, graph: CloudGraph, runner: any TerraformRunning) {
        self.root = root
        self.graph = graph
        self.runner = runner
    }

    /// The stacks to work on, in apply order.
    package func stacks(_ options: Options) throws -> [Stack] {
        let all = graph.stacks.filter { !$0.resources.isEmpty }
        for name in options.stacks where !all.contains(where: { $0.name == name }) {
            throw DeployError.unknownStack(name, known: all.map(\.name))
        }
        return all.filter { options.stacks.isEmpty || options.stacks.contains($0.name) }
            .filter { options.local == nil || !LocalTarget.skips($0) }
    }

    /// init, plan -out, show -json for each stack; writes `<stack>.tfplan`, `.json`, `.txt` and `.md`.
    package func plan(_ options: Options, progress: DeployProgress) throws -> [StackPlan] {
        try FileManager.default.createDirectory(at: options.plansDirectory, withIntermediateDirectories: true)
        var plans: [StackPlan] = []
        for stack in try stacks(options) {
            let base = options.plansDirectory.appendingPathComponent(stack.name)
            let planFile = options.plansDirectory.appendingPathComponent("\(stack.name).tfplan")
            // The schema changes this plan refuses: apply has no base to compare with, so it reads them. The
            // earlier run's plan goes first and the verdict is written before terraform saves the new plan, so a
            // saved plan always lies beside its own run's verdict: a run failing before terraform saves its plan
            // leaves none to apply, and one failing after (at `show -json`, say) leaves its own verdict.
            // The same for the plan's JSON and what is derived from it: apply checks data loss against the JSON,
            // so an earlier run's must not stand beside a plan whose `show -json` failed.
            for file in [planFile] + ["json", "allow-destroy", "txt", "md"].map(base.appendingPathExtension)
            where FileManager.default.fileExists(atPath: file.path) {
                try FileManager.default.removeItem(at: file)
            }
            let schemaRefused = (options.schema?.section(forStack: stack.name)?.refused ?? [])
                .map { $0.allowance + "\n" }.joined()
            try Data(schemaRefused.utf8).write(to: base.appendingPathExtension("schema-refused"))
            let directory = try workingDirectory(stack, options)
            try initialize(stack, in: directory, options, progress: progress)
            var arguments = ["plan", "-input=false", "-no-color", "-out=\(planFile.path)"]
            let role = options.role == .plan ? stack.account.planRole : stack.account.deployRole
            arguments.append("-var=role_arn=\(role)")
            // A pull-request plan must not take the state lock: the plan role only reads.
            if options.role == .plan { arguments.append("-lock=false") }
            for (name, value) in options.variables.sorted(by: { $0.key < $1.key })
            where stack.variables.contains(where: { $0.name == name }) {
                arguments.append("-var=\(name)=\(value)")
            }
            let shown = try progress.timed(stack.name, "plan") {
                try check(runner.run(arguments, in: directory, progress: progress.lines(of: stack.name)), stack, "plan")
                let shown = try runner.run(["show", "-json", "-no-color", planFile.path], in: directory)
                try check(shown, stack, "show -json")
                return shown
            }
            let json = Data(shown.stdout.utf8)
            try json.write(to: base.appendingPathExtension("json"))
            let stages = Dictionary(
                stack.resources.map { ($0.address.description, $0.stage.rawValue) }, uniquingKeysWith: { a, _ in a })
            var summary = PlanSummary(
                stack: stack.name, plan: try Plan.decode(json), stageOf: { stages[$0] },
                allowDestroy: options.allowDestroy)
            summary.notes = graph.notes[stack.name] ?? []
            summary.schema = options.schema?.section(forStack: stack.name)
            try Data(summary.text().utf8).write(to: base.appendingPathExtension("txt"))
            // Apply honours the allowances this plan was reviewed with, and no others.
            let allowed = options.allowDestroy.sorted().map { $0 + "\n" }.joined()
            try Data(allowed.utf8).write(to: base.appendingPathExtension("allow-destroy"))
            try Data(summary.markdown(limit: options.markdownLimit).utf8).write(to: base.appendingPathExtension("md"))
            plans.append(StackPlan(stack: stack.name, summary: summary, planFile: planFile))
        }
        return plans
    }

    /// Applies each stack's saved plan, in order; stops at the first failure.
    package func apply(_ options: Options, progress: DeployProgress) throws {
        for stack in try stacks(options) {
            let planFile = options.plansDirectory.appendingPathComponent("\(stack.name).tfplan")
            guard FileManager.default.fileExists(atPath: planFile.path) else {
                throw DeployError.missingPlan(stack: stack.name, path: planFile.path)
            }
            // A plan that destroys data is applied only with the allowances it was planned (and reviewed) with.
            let base = options.plansDirectory.appendingPathComponent(stack.name)
            let jsonFile = base.appendingPathExtension("json")
            guard FileManager.default.fileExists(atPath: jsonFile.path) else {
                throw DeployError.missingPlanJSON(stack: stack.name, path: jsonFile.path)
            }
            let json = try Data(contentsOf: jsonFile)
            let allowed = (try? String(contentsOf: base.appendingPathExtension("allow-destroy"), encoding: .utf8)) ?? ""
            let summary = PlanSummary(
                stack: stack.name, plan: try Plan.decode(json),
                allowDestroy: Set(allowed.split(separator: "\n").map(String.init)))
            if !summary.refused.isEmpty {
                throw DeployError.refused(stack: stack.name, addresses: summary.refused.map(\.address))
            }
            let schemaRefused =
                (try? String(contentsOf: base.appendingPathExtension("schema-refused"), encoding: .utf8)) ?? ""
            if !schemaRefused.isEmpty {
                throw DeployError.schemaRefused(
                    stack: stack.name, columns: schemaRefused.split(separator: "\n").map(String.init))
            }
            let directory = try workingDirectory(stack, options, prepare: false)
            try progress.timed(stack.name, "apply") {
                let outcome = try runner.run(
                    ["apply", "-input=false", "-no-color", planFile.path], in: directory,
                    progress: progress.lines(of: stack.name))
                if outcome.status != 0, (outcome.stderr + outcome.stdout).contains("Saved plan is stale") {
                    throw DeployError.stalePlan(stack: stack.name)
                }
                try check(outcome, stack, "apply")
            }
        }
    }

    /// Where terraform runs for `stack`: a copy of its generated files, made afresh when planning (`prepare`) and
    /// reused by the apply of that plan.
    private func workingDirectory(_ stack: Stack, _ options: Options, prepare: Bool = true) throws -> URL {
        guard let local = options.local else {
            return prepare
                ? try StackWorkspace.prepare(stack: stack.name, root: root, folder: Self.stacksFolder)
                : StackWorkspace.directory(stack: stack.name, root: root, folder: Self.stacksFolder)
        }
        return prepare
            ? try local.prepare(stack: stack.name, root: root)
            : StackWorkspace.directory(stack: stack.name, root: root, folder: LocalTarget.folder)
    }

    /// Where plans against AWS run terraform.
    static let stacksFolder = ".sluice/stacks"

    private func initialize(_ stack: Stack, in directory: URL, _ options: Options, progress: DeployProgress) throws {
        var arguments = ["init", "-input=false", "-no-color", "-reconfigure"]
        if options.local == nil, options.role == .plan,
            let state = graph.project.account(named: graph.project.state.account)
        {
            // The backend reads state with the state account's plan role too.
            let file = options.plansDirectory.appendingPathComponent("backend-plan.tfbackend")
            let config =
                "assume_role = {\n  role_arn     = \"\(state.planRole)\"\n  session_name = \"sluice-state\"\n}\n"
            try Data(config.utf8).write(to: file)
            arguments.append("-backend-config=\(file.path)")
        }
        try progress.timed(stack.name, "init") {
            try check(runner.run(arguments, in: directory, progress: progress.lines(of: stack.name)), stack, "init")
        }
    }

    private func check(_ outcome: TerraformOutcome, _ stack: Stack, _ step: String) throws {
        guard outcome.status == 0 else {
            let output = (outcome.stderr.isEmpty ? outcome.stdout : outcome.stderr)
            throw DeployError.terraformFailed(stack: stack.name, step: step, output: String(output.suffix(4000)))
        }
    }
}
