import ArgumentParser
import Foundation
import SluiceEmit
import SluiceModel
import SluiceProcessing

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new declaration.", subcommands: [NewPipeline.self])
}

struct NewPipeline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Write pipelines/NAME.yaml: a commented manifest that `sluice generate` takes as it is.",
        discussion: """
            With --from-log FILE (log lines, or a Firehose object: gzip of lines or of CloudWatch Logs documents) \
            the format is detected (--format overrides) and the output columns are proposed from the sample. \
            Existing files are never overwritten.
            """)

    @OptionGroup var options: ProjectOptions

    @Argument(help: "The pipeline's name (lowercase letters, digits and single '-'); also names its processor.")
    var name: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The log format: " + LogFormatID.allCases.map(\.rawValue).joined(separator: ", ")
                + " (detected from --from-log when omitted).", valueName: "format"))
    var format: String?

    @Option(name: .customLong("from-log"), help: ArgumentHelp("A sample of the logs.", valueName: "file"))
    var fromLog: String?

    @Option(
        name: .customLong("source-account"),
        help: "The account of the log group (default: the first account that is not the state account).")
    var sourceAccount: String?

    @Option(name: .customLong("analytics-account"), help: "The account of the lake (default: the state account).")
    var analyticsAccount: String?

    @Option(name: .customLong("log-group"), help: "The CloudWatch Logs log group (default: /NAME).")
    var logGroup: String?

    @Option(name: .long, help: "none (the columns' declarations fill the rows) or swift (a Transform.swift too).")
    var transform: String = TransformKind.declarations.rawValue

    @Option(
        name: .customLong("alert-email"),
        help: ArgumentHelp(
            "An address the pipeline's alarms notify (repeatable); without one the alerts section is commented out.",
            valueName: "address"))
    var alertEmail: [String] = []

    @Flag(name: .long, help: "Also write a starter view (pipelines/views/<table>_daily.sql) and declare it.")
    var views = false

    @Flag(name: .long, help: "Also declare a QuickSight dataset on the starter view (implies --views).")
    var dataset = false

    func run() throws {
        guard let transformKind = TransformKind(rawValue: transform) else {
            throw refusal("--transform takes none or swift, not '\(transform)'")
        }
        let nowhere = Origin.code(file: "", line: 0)
        let target = ProcessorStage(
            name: name, output: Table(name: "", columns: [], origin: nowhere), origin: nowhere
        ).targetName
        if let problem = AWSRules.kebabProblem(name, what: "a pipeline name", maxLength: 40) {
            throw refusal("\(problem) (it names the pipeline, its processor and its Swift target)")
        }
        if PackageModules.reserves(target) {
            throw refusal(
                "'\(name)' would name the processor's Swift target \(target), a name the package's own modules use "
                    + "(names starting with Sluice or Fuzz); choose another name")
        }
        let root = URL(fileURLWithPath: options.root)
        for path in ManifestDraft.paths(name: name, views: views || dataset) {
            let url = root.appendingPathComponent(path)
            // Even a dangling symbolic link is something in place.
            let linked = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil
            guard linked || FileManager.default.fileExists(atPath: url.path) else { continue }
            throw refusal(
                "\(DisplayPath.of(url.path, root: options.root)) exists; sluice never overwrites it: delete it or "
                    + "choose another pipeline name")
        }
        let workspace = try options.loadOrExit("nothing was written")
        guard let project = workspace.project else { throw ExitCode(1) }
        if let other = workspace.pipelines.first(where: { $0.name == name }) {
            throw refusal(
                "pipeline '\(name)' already exists (\(DisplayPath.of(other.origin.location.file, root: options.root)))")
        }
        let accounts = try accountsFor(project)
        let (formatID, proposal, detection) = try formatAndColumns()
        var manifest = ManifestDraft(
            name: name, format: formatID, sourceAccount: accounts.source, analyticsAccount: accounts.analytics,
            logGroup: logGroup ?? "/\(name)", transform: transformKind, columns: proposal.columns,
            needsEventTime: !proposal.ownTime, detection: detection)
        manifest.examples = proposal.examples
        manifest.alertEmail = alertEmail
        manifest.views = views || dataset
        manifest.dataset = dataset
        let files = manifest.files()
        var written: [URL] = []
        for file in files {
            let url = root.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url, options: .withoutOverwriting)
            written.append(url)
        }
        // The manifest must pass as written: a name another pipeline's table or processor already takes, say, is
        // refused here, with the files removed, rather than at the next generate.
        let check = options.files.load()
        if check.diagnostics.hasErrors {
            report(check.diagnostics.sorted, root: options.root)
            for url in written { try? FileManager.default.removeItem(at: url) }
            // NAME is in every derived AWS name (the function's twice: pipeline and processor).
            let tooLong = check.diagnostics.errors.contains { $0.message.hasPrefix("derived") }
            printError(
                "error: the new manifest would not validate with the project; nothing was written"
                    + (tooLong ? " (a shorter NAME keeps the names derived from it within AWS's limits)" : ""))
            throw ExitCode(1)
        }
        if let detection { print(detection.summary) }
        for url in written { print("wrote \(DisplayPath.of(url.path, root: options.root))") }
        print("next: review the columns in pipelines/\(name).yaml, then run `sluice generate`")
        if alertEmail.isEmpty {
            print(
                "note: its alarms notify no one until its alerts section names someone (or --alert-email ADDRESS); "
                    + "`alerts: none` makes none")
        }
    }

    /// The source and analytics accounts: the flags', or the project's (the lake lives in the state account).
    private func accountsFor(_ project: Project) throws -> (source: String, analytics: String) {
        let names = project.accounts.map(\.name)
        for given in [sourceAccount, analyticsAccount].compactMap({ $0 }) where !names.contains(given) {
            throw refusal(
                "no account '\(given)' in pipelines/sluice.yaml; the accounts are: \(names.joined(separator: ", "))"
                    + (Suggestion.nearest(to: given, in: names).map { " (did you mean '\($0)'?)" } ?? ""))
        }
        let analytics = analyticsAccount ?? project.state.account
        let source = sourceAccount ?? names.first { $0 != analytics } ?? analytics
        return (source, analytics)
    }

    /// The format (given, or detected from the sample) and the columns it proposes.
    private func formatAndColumns() throws -> (LogFormatID, FormatDetection.Proposal, Detection?) {
        let given: LogFormatID?
        if let format {
            guard let id = LogFormatID(rawValue: format) else {
                let known = LogFormatID.allCases.map(\.rawValue).joined(separator: ", ")
                throw refusal("unknown log format '\(format)': expected one of \(known)")
            }
            given = id
        } else {
            given = nil
        }
        guard let fromLog else {
            guard let given else { throw refusal("give --format FORMAT, or --from-log FILE to detect it") }
            let proposal = FormatDetection.proposal(given, [])
            // JSON proposes, without a sample, only the `$truncated` flag: no timestamp for its event_time, so the
            // manifest could not validate.
            if proposal.columns.allSatisfy({ $0.from?.hasPrefix("$") == true }) {
                throw refusal(
                    "the \(given.rawValue) format proposes columns from a sample only: give --from-log FILE")
            }
            return (given, proposal, nil)
        }
        let sample: LogSample
        do { sample = try LogSample.read(fromLog) } catch { throw refusal(error.message) }
        guard !sample.lines.isEmpty else { throw refusal("\(fromLog) holds no log lines") }
        let scores = FormatDetection.scores(sample.lines)
        let chosen = given.flatMap { id in scores.first { $0.format == id } } ?? scores[0]
        guard chosen.parsed > 0 else {
            let reasons = (given == nil ? scores : [chosen]).map {
                "  \($0.format.rawValue): \($0.firstError ?? "no line parsed")"
            }
            throw refusal(
                "no line of \(fromLog) parses as \(given == nil ? "any known format" : chosen.format.rawValue); "
                    + "the first line's error per format:\n" + reasons.joined(separator: "\n"))
        }
        let detection = Detection(
            kind: sample.kind, format: chosen.format, parsed: chosen.parsed, lines: sample.lines.count,
            detected: given == nil, file: fromLog)
        let proposal = FormatDetection.proposal(chosen.format, sample.lines)
        // Without a timestamp column the manifest could name no event_time, and would not validate.
        if !proposal.ownTime, !proposal.columns.contains(where: { $0.type == .timestamp }) {
            throw refusal(
                "no value of \(fromLog) reads as a time: \(chosen.format.rawValue) records carry no time of their "
                    + "own, so the table needs a timestamp column for its event_time; give a sample whose lines hold "
                    + "one (RFC 3339 text, or epoch numbers under a key named like a time, such as `time` or `ts`)")
        }
        return (chosen.format, proposal, detection)
    }
}

/// Prints `message` as an error; the exit to throw.
private func refusal(_ message: String) -> ExitCode {
    printError("error: \(message)")
    return ExitCode(1)
}

/// What `--from-log` found, for the report and the manifest's header.
struct Detection {
    var kind: String
    var format: LogFormatID
    var parsed: Int
    var lines: Int
    var detected: Bool
    var file: String

    var summary: String {
        "\(detected ? "detected" : "reading as") \(format.rawValue): \(parsed) of \(lines) sample line"
            + "\(lines == 1 ? "" : "s") parsed (\(kind))"
    }
}
