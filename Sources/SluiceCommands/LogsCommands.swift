import ArgumentParser
import Foundation
import SluiceProcessing

struct Logs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with log lines directly.", subcommands: [LogsParse.self])
}

struct LogsParse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse log lines from stdin: one JSON object per line on stdout.",
        discussion: """
            A line that does not parse prints {"line": N, "error": "..."} in its place, so output lines match input \
            lines; the command then exits 1. Use it to check that Sluice reads your log format.
            """)

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The log format, as a manifest's source.format names it: "
                + LogFormatID.allCases.map(\.rawValue).joined(separator: ", ") + ".",
            valueName: "format"))
    var format: String

    func validate() throws {
        guard LogFormatID(rawValue: format) != nil else {
            let known = LogFormatID.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown log format '\(format)': expected one of \(known)")
        }
    }

    func run() throws {
        // The registry's parser, the same the processor uses for the manifest's format.
        try Self.parse(LogFormats.format(LogFormatID(rawValue: format)!), name: format)
    }

    private static func parse<Format: RecordFormat>(_: Format.Type, name: String) throws {
        let input = FileHandle.standardInput
        var pending: [UInt8] = []
        var number = 0
        var failures = 0
        var out = ""
        func handle(_ line: ArraySlice<UInt8>) {
            number += 1
            var bytes = line
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            switch Format.parse(bytes) {
            case .success(let record):
                // A JSON object has no fixed fields: its leaves print by the paths a `from:` names them by.
                let values = (record as? JSONRecord).map { JSONFormat.leaves($0) } ?? Format.namedValues(record)
                out += values.json() + "\n"
            case .failure(let failure):
                failures += 1
                out += NamedValues([("line", .int(Int64(number))), ("error", .string(failure.reason))]).json() + "\n"
            }
            if out.utf8.count > 64 * 1024 {
                FileHandle.standardOutput.write(Data(out.utf8))
                out = ""
            }
        }
        while true {
            let chunk = input.readData(ofLength: 256 * 1024)
            if chunk.isEmpty { break }
            pending.append(contentsOf: chunk)
            var start = 0
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                handle(pending[start..<newline])
                start = newline + 1
            }
            pending.removeFirst(start)
        }
        if !pending.isEmpty { handle(pending[...]) }
        FileHandle.standardOutput.write(Data(out.utf8))
        if failures > 0 {
            printError("\(failures) of \(number) line\(number == 1 ? "" : "s") did not parse as \(name)")
            throw ExitCode(1)
        }
    }
}
