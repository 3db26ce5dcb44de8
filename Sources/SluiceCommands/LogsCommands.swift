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
        abstract: "Parse HAProxy log lines from stdin: one JSON object per line on stdout.",
        discussion: """
            A line that does not parse prints {"line": N, "error": "..."} in its place, so output lines match input \
            lines; the command then exits 1. Use it to check that Sluice reads your log format.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case haproxyHTTP = "haproxy-http"
        case haproxyCLF = "haproxy-clf"
    }

    @Option(name: .long, help: "haproxy-http (option httplog) or haproxy-clf (option httplog clf).")
    var format: Format

    func run() throws {
        let layout: SluiceProcessing.LogFormat = format == .haproxyHTTP ? .http : .clf
        let input = FileHandle.standardInput
        var pending: [UInt8] = []
        var number = 0
        var failures = 0
        var out = ""
        func handle(_ line: ArraySlice<UInt8>) {
            number += 1
            var bytes = line
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            switch HAProxyParser.parse(bytes, format: layout) {
            case .success(let record): out += record.row.json() + "\n"
            case .failure(let failure):
                failures += 1
                out += Row([("line", .int(Int64(number))), ("error", .string(failure.description))]).json() + "\n"
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
            printError("\(failures) of \(number) line\(number == 1 ? "" : "s") did not parse as \(format.rawValue)")
            throw ExitCode(1)
        }
    }
}
