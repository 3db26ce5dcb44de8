import ArgumentParser
import Foundation
import SluiceCloud
import SluiceDeploy
import SluiceModel

/// Options shared by `plan` and `apply`.
struct DeployOptions: ParsableArguments {
    @Option(
        name: .customLong("stack"), help: "A stack to work on (repeatable); all stacks in apply order when omitted.")
    var stacks: [String] = []

    @Option(name: .long, help: "Where saved plans and their summaries go.")
    var plansDir: String = ".sluice/plans"

    @Option(
        name: .long, help: "A local AWS endpoint (a moto server) to use instead of AWS, e.g. http://127.0.0.1:5000.")
    var local: String?

    func options(root: URL) -> Orchestrator.Options {
        var options = Orchestrator.Options(
            plansDirectory: URL(fileURLWithPath: plansDir, relativeTo: root).standardizedFileURL)
        options.stacks = stacks
        options.local = local.map(LocalTarget.init(endpoint:))
        return options
    }
}

/// Loads the project and its resource graph; reports declaration errors.
func loadGraph(_ project: ProjectOptions) throws -> (Workspace, CloudGraph) {
    let workspace = try project.loadOrExit()
    guard let declared = workspace.project else { throw ExitCode(1) }
    return (workspace, CloudGraph(project: declared, pipelines: workspace.pipelines))
}

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan every stack with terraform, in apply order, and summarize the changes.",
        discussion: """
            Saves <stack>.tfplan, the plan JSON, a text and a Markdown summary under --plans-dir. Fails when a plan \
            deletes or replaces a resource that holds data (\(ResourceKind.dataHoldingNouns)), unless each such \
            address is allowed. With --base DIR it first compares the lake tables with DIR/generated/schema.json \
            (as `sluice schema-diff` does) and fails when a breaking schema change is not allowed.
            """)

    @OptionGroup var project: ProjectOptions
    @OptionGroup var deploy: DeployOptions
    @OptionGroup var terraformOutput: TerraformOutputOptions
    @OptionGroup var schema: SchemaOptions

    @Option(name: .long, help: "Allow deleting or replacing this data-holding resource address (repeatable).")
    var allowDestroy: [String] = []

    @Option(name: .long, help: "The role to plan with: deploy, or plan (read-only, for pull requests).")
    var role: Orchestrator.Role = .deploy

    @Option(
        name: .customLong("var"), help: "A Terraform variable, NAME=VALUE (repeatable), e.g. a processor's image URI.")
    var variables: [String] = []

    @Option(name: .long, help: "Write the Markdown summary of all stacks to this file (for a pull-request comment).")
    var markdown: String?

    @Flag(name: .long, help: "Exit 2 when there are changes, 0 when none (for drift detection).")
    var detailedExitcode = false

    func run() throws { try run(terraform: nil) }

    /// The command, with `terraform` run by `runner` when given (a unit test's double) instead of the real one.
    func run(terraform runner: (any TerraformRunning)?) throws {
        let (workspace, graph) = try loadGraph(project)
        let root = URL(fileURLWithPath: project.root)
        var options = deploy.options(root: root)
        options.role = role
        options.allowDestroy = Set(allowDestroy)
        // The schema guard first: a bad allowance or an unreadable base stops before terraform runs.
        options.schema = try schema.report(pipelines: workspace.pipelines, root: root)
        for variable in variables {
            guard let equals = variable.firstIndex(of: "=") else {
                throw ValidationError("--var takes NAME=VALUE, got '\(variable)'")
            }
            options.variables[String(variable[..<equals])] = String(variable[variable.index(after: equals)...])
        }
        var localSettings: [String] = []
        if let local = options.local {
            // The same placeholders `dev up` passes, for every image variable not given with --var.
            let placeholders = LocalTarget.placeholderImages(project: graph.project, pipelines: workspace.pipelines)
            for (name, value) in placeholders.sorted(by: { $0.key < $1.key }) where options.variables[name] == nil {
                options.variables[name] = value
                localSettings.append(placeholderSetting(name, value))
            }
            print("target: \(local.description)")
            for setting in localSettings { print("local setting: \(setting)") }
            print()
        }
        let console = DeployConsole(command: "plan", root: root, verbose: terraformOutput.verbose)
        let orchestrator = Orchestrator(root: root, graph: graph, runner: runner ?? console.runner)
        let plans: [Orchestrator.StackPlan]
        do {
            plans = try orchestrator.plan(options, progress: console.progress)
        } catch let error as DeployError {
            throw console.fail(error)
        }
        for plan in plans { print(plan.summary.text()) }
        if let markdown {
            var body = options.local.map { "_Target: \($0.description)._\n\n" } ?? ""
            body += localSettings.map { "_Local setting: `\($0)`._\n\n" }.joined()
            body += plans.map { $0.summary.markdown(limit: options.markdownLimit) }.joined(separator: "\n")
            try Data(body.utf8).write(to: URL(fileURLWithPath: markdown, relativeTo: root))
        }
        let refused = plans.flatMap { plan in plan.summary.refused.map { "\(plan.stack): \($0.address)" } }
        let schemaRefused = plans.flatMap(\.summary.schemaRefused)
        if !refused.isEmpty {
            printError(
                "error: the plan deletes or replaces resources that hold data: \(refused.joined(separator: ", ")). "
                    + "If that is intended, plan again with --allow-destroy ADDRESS for each.")
        }
        if !schemaRefused.isEmpty { printError(schemaRefusal(schemaRefused)) }
        if !refused.isEmpty || !schemaRefused.isEmpty { throw ExitCode(1) }
        if detailedExitcode, plans.contains(where: { $0.summary.hasChanges }) {
            throw ExitCode(2)
        }
    }
}

extension Orchestrator.Role: ExpressibleByArgument {}

struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply the saved plans of every stack, in apply order; refuses stale plans.")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var deploy: DeployOptions
    @OptionGroup var terraformOutput: TerraformOutputOptions

    func run() throws { try run(terraform: nil) }

    /// The command, with `terraform` run by `runner` when given (a unit test's double) instead of the real one.
    func run(terraform runner: (any TerraformRunning)?) throws {
        let (_, graph) = try loadGraph(project)
        let root = URL(fileURLWithPath: project.root)
        let console = DeployConsole(command: "apply", root: root, verbose: terraformOutput.verbose)
        let orchestrator = Orchestrator(root: root, graph: graph, runner: runner ?? console.runner)
        do {
            try orchestrator.apply(deploy.options(root: root), progress: console.progress)
        } catch let error as DeployError {
            throw console.fail(error)
        }
        print("applied")
    }
}

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Summarize saved plan JSON files (terraform show -json PLANFILE), as text or Markdown.")

    @Argument(help: "Plan JSON files; the stack is named after each file.")
    var files: [String]

    @Flag(name: .long, help: "Markdown for a pull-request comment instead of text.")
    var markdown = false

    @Option(name: .long, help: "Allow deleting or replacing this data-holding resource address (repeatable).")
    var allowDestroy: [String] = []

    func run() throws {
        for file in files {
            let url = URL(fileURLWithPath: file)
            let plan: Plan
            do {
                plan = try Plan.decode(try Data(contentsOf: url))
            } catch {
                printError("error: \(file): \(error)")
                throw ExitCode(1)
            }
            let name = url.deletingPathExtension().lastPathComponent
            let summary = PlanSummary(stack: name, plan: plan, allowDestroy: Set(allowDestroy))
            print(markdown ? summary.markdown() : summary.text(), terminator: "")
        }
    }
}
