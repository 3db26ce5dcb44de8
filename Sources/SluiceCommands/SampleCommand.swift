import ArgumentParser
import Foundation
import SluiceModel
import SluiceProcessing
import SluiceSample

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write a deterministic synthetic Firehose object of a pipeline's access-log traffic.",
        discussion: """
            The object has the shape the pipeline's delivery mode gives it (extracted: gzipped lines; raw: gzipped \
            CloudWatch Logs documents, one gzip member each) and its source format: every format logs the same \
            traffic of an integrations API (same seed, same requests, hosts, paths and users), each with what its \
            format holds. haproxy-http and haproxy-clf: HAProxy's layouts, capturing the Host and X-User-Id \
            headers. combined and common: nginx's access log (common without the referrer and agent; the user is \
            $remote_user, the host is not logged; \\xHH escapes as nginx writes them). json: one object a line, \
            nested: {"time": "2026-03-02T00:00:00.123Z", "level": "info", "msg": "request", "request": {"method", \
            "path", "query", "host", "protocol", "headers": {"user-agent", "x-user-id"}}, "response": {"status", \
            "bytes"}, "duration_ms": 46.3, "client": {"ip", "port", "tls"}, "upstream": {"backend", "server", \
            "timings_ms": [TR, Tw, Tc, Tr], "retries"}, "termination": "----"} (absent headers and query left out, \
            unknown values null). About one line in 2,000 is malformed (the format's parser refuses it) and one \
            request in 5,000 names an account the directory does not hold. One GET in 5,000 has a query too long for \
            HAProxy's 1024-byte log lines: an HAProxy sample cuts it there, as HAProxy does (the processor keeps its \
            row, flagged truncated). The same seed gives the same bytes. \
            One JSON summary line goes to stdout.
            """)

    @OptionGroup var options: ProjectOptions

    @Option(name: .long, help: "The pipeline whose traffic to imitate.")
    var pipeline: String

    @Option(name: .long, help: "Lines in the object, malformed ones included.")
    var lines: Int

    @Option(name: .long, help: "The object file to write (gzipped).")
    var output: String

    @Option(name: .long, help: "The seed; the same seed gives the same bytes.")
    var seed: UInt64 = 1

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Average requests a second on a weekday: 12 is about a million a day; a stream that fills "
                + "Firehose's buffers runs far more."))
    var requestsPerSecond: Double = 12

    @Option(name: .long, help: "Also write the directory of accounts and integrations the lines name, as JSON.")
    var directoryOutput: String?

    func validate() throws {
        if lines < 1 { throw ValidationError("--lines must be at least 1, got \(lines)") }
    }

    func run() throws {
        let workspace = try options.loadOrExit()
        guard let project = workspace.project else { throw ExitCode(1) }
        let declared = try SluiceCommands.pipeline(named: pipeline, in: workspace)
        guard let names = Names(project: project, pipeline: declared) else { throw ExitCode(1) }

        // Extracted: Firehose wrote the messages as lines; raw: it stored the subscription's documents as they came.
        var sampleOptions = SampleOptions(
            lines: lines, seed: seed, objectFormat: declared.delivery.mode.objectFormat,
            logFormat: declared.source.format, requestsPerSecond: requestsPerSecond,
            logSource: SampleLogSource(
                owner: names.sourceAccount.id, logGroup: declared.source.logGroup,
                subscriptionFilter: names.subscriptionFilter))
        let terms = Self.plainTerms(declared.source.filterPattern)
        sampleOptions.requiredTerms = terms ?? []
        if terms == nil {
            printError("note: the filter pattern is not plain terms; the sample holds every request, unfiltered")
        }
        let generator: SampleGenerator
        do {
            generator = try SampleGenerator(options: sampleOptions)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }

        let stats: SampleStats
        do {
            stats = try ReplacingFile.write(to: URL(fileURLWithPath: output)) { handle in
                try generator.write { chunk in try handle.write(contentsOf: chunk) }
            }
            if let directoryOutput {
                try ReplacingFile.write(to: URL(fileURLWithPath: directoryOutput)) { handle in
                    try handle.write(contentsOf: generator.directoryJSON())
                }
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }

        var summary: [(column: String, value: Row.Value)] = [
            ("pipeline", .string(declared.name)), ("output", .string(output)),
            ("object_format", .string(sampleOptions.objectFormat.rawValue)),
            ("log_format", .string(declared.source.format.rawValue)), ("seed", .string(String(seed))),
            ("lines", .int(Int64(stats.lines))), ("malformed", .int(Int64(stats.malformedLines))),
            ("truncated", .int(Int64(stats.truncatedLines))),
            ("unknown_accounts", .int(Int64(stats.unknownAccountLines))), ("bytes", .int(Int64(stats.compressedBytes))),
            ("uncompressed_bytes", .int(Int64(stats.uncompressedBytes))), ("documents", .int(Int64(stats.documents))),
            ("control_messages", .int(Int64(stats.controlMessages))),
            ("first_timestamp_ms", stats.firstTimestamp.map { .int($0) } ?? .null),
            ("last_timestamp_ms", stats.lastTimestamp.map { .int($0) } ?? .null),
        ]
        if let directoryOutput { summary.append(("directory_output", .string(directoryOutput))) }
        print(NamedValues(summary).json())
    }

    /// The terms of a filter pattern made of plain terms (`"/integrations/" GET`), which match lines holding
    /// all of them; nil for the other kinds (`?`, `-`, JSON `{...}`, space-delimited `[...]`), which a sample
    /// does not imitate.
    static func plainTerms(_ pattern: String) -> [String]? {
        var terms: [String] = []
        var rest = Substring(pattern)
        while let first = rest.first(where: { $0 != " " }) {
            rest = rest.drop { $0 == " " }
            if first == "\"" {
                guard let close = rest.dropFirst().firstIndex(of: "\"") else { return nil }
                terms.append(String(rest[rest.index(after: rest.startIndex)..<close]))
                rest = rest[rest.index(after: close)...]
            } else {
                guard !"?-{[".contains(first) else { return nil }
                let term = rest.prefix { $0 != " " }
                terms.append(String(term))
                rest = rest.dropFirst(term.count)
            }
        }
        return terms
    }
}
