import ArgumentParser
import Foundation
import SluiceModel
import SluiceProcessing
import SluiceRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The pipeline named `name`, or exit 1 listing the declared ones.
func pipeline(named name: String, in workspace: Workspace) throws -> Pipeline {
    if let found = workspace.pipelines.first(where: { $0.name == name }) { return found }
    let names = workspace.pipelines.map(\.name).sorted()
    let hint = Suggestion.nearest(to: name, in: names).map { " (did you mean '\($0)'?)" } ?? ""
    let known = names.isEmpty ? "none is declared" : "the pipelines are: \(names.joined(separator: ", "))"
    printError("error: no pipeline named '\(name)'\(hint); \(known)")
    throw ExitCode(1)
}

/// The pipeline named `name` and the AWS names it owns; exit 1 (said already) when either is missing: the names need
/// the project file and the pipeline's accounts, whose problems loading reported.
func pipelineAndNames(named name: String, in workspace: Workspace) throws -> (Pipeline, Names) {
    let declared = try pipeline(named: name, in: workspace)
    guard let names = workspace.project.flatMap({ Names(project: $0, pipeline: declared) }) else {
        throw ExitCode(1)
    }
    return (declared, names)
}

/// The processor executable of `pipeline`, built beside `sluice` (`swift build` builds both).
func processorExecutable(_ pipeline: Pipeline) throws -> URL {
    let target = pipeline.processor.targetName
    let sluice = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var candidates = [sluice.deletingLastPathComponent().appendingPathComponent(target)]
    if let executable = Bundle.main.executableURL {
        candidates.append(executable.deletingLastPathComponent().appendingPathComponent(target))
    }
    if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) { return found }
    printError(
        "error: processor \(pipeline.processor.name) is not built: no \(target) beside \(sluice.path). "
            + "Build it with `swift build --product \(target)` (its target is Sources/Processors/\(target)).")
    throw ExitCode(1)
}

struct ProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Run a pipeline's processor on a local Firehose object, writing the lake objects to a folder.",
        discussion: """
            Runs the processor's own executable (built beside sluice), so the code is the code Lambda runs. Rows go \
            to DIR/tables/<table>/<partition>/, unreadable lines to DIR/quarantine/<table>/, and one JSON line \
            with lines, rows, quarantined and bytes goes to stdout. The first line on stderr is the CloudWatch \
            Embedded Metric Format record the processor writes in Lambda (namespace Sluice, dimensions Pipeline and \
            Table; README: "Processor metrics"). A pipeline with lookups needs --lookups: a JSON object of tables \
            ({"schema.table": [rows]}) standing in for the Athena catalog.

            Exit status: 0 when the whole object was read; 3 when it was processed with damage (bytes that are \
            not gzip, a member whose CRC or length check fails, a cut-off member: the summary says \
            "damaged": true and lists the ranges, each also in the quarantine); 4 when the writer wrote values as \
            null (rejected_values in the summary: a processor bug); 1 on errors.

            --output-format and --compression write another format or codec than the manifest declares (JSON must \
            stay gzip), so that both outputs of one object can be compared; the keys end in the writer's extension.
            """)

    @OptionGroup var project: ProjectOptions

    @Option(name: .long, help: "The pipeline whose processor runs.")
    var pipeline: String

    @Option(name: .long, help: "A gzipped Firehose object.")
    var input: String

    @Option(name: .long, help: "The folder to write to, laid out like the lake bucket.")
    var output: String

    @Option(name: .long, help: "The lookup tables as JSON, for a pipeline that enriches rows.")
    var lookups: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write this lake format instead of the manifest's: "
                + LakeFormat.allCases.map(\.rawValue).joined(separator: ", ") + ".", valueName: "format"))
    var outputFormat: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write with this codec instead of the manifest's (or the format's default): "
                + LakeCompression.allCases.map(\.rawValue).joined(separator: ", ") + ".", valueName: "codec"))
    var compression: String?

    func validate() throws {
        let format = try outputFormat.map { text in
            guard let format = LakeFormat(rawValue: text) else {
                let known = LakeFormat.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--output-format \(text): expected one of \(known)")
            }
            return format
        }
        if let compression {
            guard let codec = LakeCompression(rawValue: compression) else {
                let known = LakeCompression.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--compression \(compression): expected one of \(known)")
            }
            if let format, !format.allowedCompressions.contains(codec) {
                throw ValidationError("--compression \(compression): \(format.rawValue) output is gzip only")
            }
        }
    }

    func run() throws {
        let workspace = try project.loadOrExit()
        let declared = try SluiceCommands.pipeline(named: pipeline, in: workspace)
        // Checked here too, so that the message names the option whether or not the processor is built.
        if let problem = LocalFileCheck.unreadableFile(input) {
            printError("error: --input \(input): \(problem)")
            throw ExitCode(1)
        }
        if let lookups, let problem = LocalFileCheck.unreadableFile(lookups) {
            printError("error: --lookups \(lookups): \(problem)")
            throw ExitCode(1)
        }
        if let problem = LocalFileCheck.unusableFolder(output) {
            printError("error: --output \(output): \(problem)")
            throw ExitCode(1)
        }
        let process = Process()
        process.executableURL = try processorExecutable(declared)
        process.arguments =
            ["--input", input, "--output", output] + (lookups.map { ["--lookups", $0] } ?? [])
            + (outputFormat.map { ["--output-format", $0] } ?? []) + (compression.map { ["--compression", $0] } ?? [])
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw ExitCode(process.terminationStatus) }
    }
}
