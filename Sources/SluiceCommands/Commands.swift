import ArgumentParser
import Foundation
import SluiceEmit
import SluiceModel

/// The `sluice` command line.
package struct Sluice: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "Declare a serverless log-analytics pipeline on AWS; generate and check everything it needs.",
        version: SluiceVersion.current,
        subcommands: [
            Validate.self, Generate.self, Check.self, Graph.self, PlanCommand.self, ApplyCommand.self,
            SummaryCommand.self, SchemaDiffCommand.self, CostCommand.self, Dev.self, Logs.self, ProcessCommand.self,
            SampleCommand.self,
            New.self,
            StatusCommand.self,
            ReplayCommand.self, RedriveCommand.self,
        ])

    package init() {}
}

/// Options every command shares.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The project root (holding pipelines/ and generated/).")
    var root: String = FileManager.default.currentDirectoryPath

    var files: ProjectFiles { ProjectFiles(root: URL(fileURLWithPath: root)) }

    /// Loads the workspace and prints its diagnostics to stderr; throws exit 1 on errors, saying what the command
    /// did not do (`stopped`, such as "nothing was generated") when that is not plain from the command.
    func loadOrExit(_ stopped: String? = nil) throws -> Workspace {
        let workspace = files.load()
        report(workspace.diagnostics.sorted, root: root)
        if workspace.diagnostics.hasErrors {
            let count = workspace.diagnostics.errors.count
            printError("\(count) error\(count == 1 ? "" : "s") in the declarations\(stopped.map { "; \($0)" } ?? "")")
            throw ExitCode(1)
        }
        return workspace
    }
}

/// Prints diagnostics with their files as the user's shell and editor name them: relative to the current
/// directory, or absolute when outside it (a location relative to `--root` opens the wrong file).
///
/// At most `perFile` diagnostics of a file are printed, then one line with how many more it has: a file of 30,000
/// unknown keys is answered in a screenful, not 30,000 lines (the count in the last line stays the full one).
func report(_ diagnostics: [Diagnostic], root: String, perFile: Int = diagnosticsPerFile) {
    var file = ""
    var count = 0
    func finishFile() {
        guard count > perFile else { return }
        printError("... and \(count - perFile) more problem\(count - perFile == 1 ? "" : "s") in \(file)")
    }
    // Sorted diagnostics hold each file's together.
    var names: [String: String] = [:]
    for diagnostic in diagnostics {
        let shownFile =
            names[diagnostic.location.file]
            ?? DisplayPath.of(diagnostic.location.file, root: root)
        names[diagnostic.location.file] = shownFile
        if shownFile != file {
            finishFile()
            file = shownFile
            count = 0
        }
        count += 1
        guard count <= perFile else { continue }
        var shown = diagnostic
        shown.location.file = shownFile
        printError(shown.description)
    }
    finishFile()
}

/// How many diagnostics of one file `report` prints.
let diagnosticsPerFile = 100

/// Prints diagnostics whose files are relative to the current directory (or absolute).
func report(_ diagnostics: [Diagnostic]) {
    report(diagnostics, root: FileManager.default.currentDirectoryPath)
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every declaration and report all problems as file:line:column: error: message.")

    @OptionGroup var options: ProjectOptions

    @Flag(name: .long, help: "Print the declared pipeline names, one a line.")
    var list = false

    func run() throws {
        let workspace = try options.loadOrExit()
        if list {
            for name in workspace.pipelines.map(\.name).sorted() { print(name) }
        } else {
            print("ok: \(workspace.pipelines.count) pipeline\(workspace.pipelines.count == 1 ? "" : "s")")
        }
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write every generated file, and remove generated files no declaration produces any more.")

    @OptionGroup var options: ProjectOptions

    func run() throws {
        let workspace = try options.loadOrExit("nothing was generated")
        let files = try options.files.generate(workspace).get()
        do {
            var actions = try options.files.write(files)
            // What a processor needs beyond its generated files: a Transform.swift to fill, written once, and the
            // package manifest's list of processor targets.
            actions += try options.files.writeMissing(ProcessorSourceEmitter.scaffolds(pipelines: workspace.pipelines))
            if let listed = try options.files.writePackageList(workspace.pipelines) { actions.append(listed) }
            // Foreign files Terraform does not read are kept, but `check` fails on them: say so now.
            for entry in options.files.foreignEntries(files) {
                printError(
                    "warning: \(DisplayPath.of(entry.path, root: options.root)) is in generated/ but not written by "
                        + "sluice; `sluice check` fails while it is there: delete it or move it out of generated/")
            }
            for action in actions { print("\(action.verb) \(DisplayPath.of(action.path, root: options.root))") }
            print("\(files.count) files generated, \(actions.count) changed")
            let build = ProcessorBuildCheck(root: options.files.root, pipelines: workspace.pipelines)
            let problems = build.diagnostics(generating: true)
            report(problems, root: options.root)
            if let snippet = build.packageSnippet() { printError(snippet) }
            if problems.contains(where: { $0.severity == .error }) {
                printError("error: the files were generated, but a declared processor would not build")
                throw ExitCode(1)
            }
        } catch let error as ProjectFilesError {
            printError("error: \(error.message { DisplayPath.of($0, root: options.root) })")
            throw ExitCode(1)
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fail (exit 1, with a diff) when a generated file is stale, missing or was edited by hand.")

    @OptionGroup var options: ProjectOptions

    func run() throws {
        let workspace = try options.loadOrExit()
        let files = try options.files.generate(workspace).get()
        let show = { DisplayPath.of($0, root: options.root) }
        let linked = options.files.linkedPaths(files)
        if !linked.isEmpty {
            printError("error: \(ProjectFilesError.symbolicLinks(linked).message(showing: show))")
            throw ExitCode(1)
        }
        let drifts = options.files.drift(files)
        let build = ProcessorBuildCheck(root: options.files.root, pipelines: workspace.pipelines)
        let problems = build.diagnostics(generating: false)
        report(problems, root: options.root)
        if let snippet = build.packageSnippet() { printError(snippet) }
        let buildErrors = problems.filter { $0.severity == .error }.count
        // The deploy job applies every Terraform file of a stack folder: one the declarations do not produce must
        // not pass the pull-request gate.
        let foreign = options.files.foreignEntries(files)
        for entry in foreign {
            printError(
                "not written by sluice: \(show(entry.path))\(entry.notRegular ? " (not a regular file)" : ""); "
                    + "delete it or move it out of generated/")
        }
        if drifts.isEmpty && foreign.isEmpty && buildErrors == 0 {
            print("ok: \(files.count) generated files are current")
            return
        }
        for drift in drifts {
            let shown = show(drift.path)
            switch drift.kind {
            case .stale: printError("stale or edited by hand: \(shown)")
            case .missing: printError("missing: \(shown)")
            case .orphan: printError("not produced by any declaration: \(shown)")
            }
            print(drift.diff, terminator: "")
        }
        if !drifts.isEmpty {
            printError(
                "error: \(drifts.count) generated file\(drifts.count == 1 ? " is" : "s are") out of date; "
                    + "run `sluice generate` and commit the result")
        }
        if buildErrors > 0 {
            printError(
                "error: \(buildErrors) problem\(buildErrors == 1 ? "" : "s") would stop a declared processor from "
                    + "building")
        }
        if !foreign.isEmpty {
            printError(
                "error: \(foreign.count) entr\(foreign.count == 1 ? "y" : "ies") in generated/ "
                    + "\(foreign.count == 1 ? "was" : "were") not written by sluice")
        }
        throw ExitCode(1)
    }
}

struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a Mermaid diagram of a pipeline's stages, accounts and data flow.")

    @OptionGroup var options: ProjectOptions

    @Option(name: .long, help: "The pipeline to draw (all when omitted).")
    var pipeline: String?

    func run() throws {
        let workspace = try options.loadOrExit()
        guard let project = workspace.project else { throw ExitCode(1) }
        var pipelines = workspace.pipelines.sorted { $0.name < $1.name }
        if let pipeline {
            pipelines = pipelines.filter { $0.name == pipeline }
            if pipelines.isEmpty {
                let names = workspace.pipelines.map(\.name)
                let hint = Suggestion.nearest(to: pipeline, in: names).map { " (did you mean '\($0)'?)" } ?? ""
                printError("error: no pipeline named '\(pipeline)'\(hint)")
                throw ExitCode(1)
            }
        }
        for pipeline in pipelines {
            print(MermaidEmitter.diagram(project: project, pipeline: pipeline), terminator: "")
        }
    }
}
