import ArgumentParser
import Foundation
import SluiceDeploy

/// `--verbose`, shared by `plan`, `apply` and `dev up`.
struct TerraformOutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Also print terraform's own output (it always goes to the log file under .sluice/logs).")
    var verbose = false
}

/// Where a deploy command's progress goes: one line per stack and phase with its elapsed time on stderr, and
/// terraform's raw output to a log file (`.sluice/logs/<command>-<UTC time>.log`), and to stderr with `--verbose`.
final class DeployConsole: @unchecked Sendable {
    let logFile: URL
    let config: TerraformCLIConfig
    private let verbose: Bool
    private let lock = NSLock()
    private let log: FileHandle?

    /// Opens the log for `command` (e.g. `dev-up`) under `root`; prints where it is and which CLI config is used.
    init(command: String, root: URL, verbose: Bool) {
        self.verbose = verbose
        config = TerraformCLIConfig.resolve(root: root)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let directory = root.appendingPathComponent(".sluice/logs")
        logFile = directory.appendingPathComponent("\(command)-\(formatter.string(from: Date())).log")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: logFile.path) {
            _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        }
        log = try? FileHandle(forWritingTo: logFile)
        _ = try? log?.seekToEnd()
        printError(config.description)
        printError("terraform output: \(Self.shown(logFile))\(verbose ? "" : " (--verbose prints it here too)")")
    }

    deinit { try? log?.close() }

    /// The runner, with the CLI configuration chosen.
    var runner: TerraformRunner { TerraformRunner(environment: config.environment) }

    var progress: DeployProgress {
        DeployProgress(
            phaseEnded: { [self] stack, phase, seconds, succeeded in
                let line = "\(stack): \(phase) \(String(format: "%.1f", seconds))s\(succeeded ? "" : " FAILED")"
                write(line, toTerminal: true)
            },
            output: { [self] stack, line in write("[\(stack)] \(line)", toTerminal: verbose) })
    }

    /// Reports a deploy error with where the full output is.
    func fail(_ error: DeployError) -> ExitCode {
        printError("error: \(error)")
        printError("the full terraform output is in \(Self.shown(logFile))")
        return ExitCode(1)
    }

    private func write(_ line: String, toTerminal: Bool) {
        lock.lock()
        defer { lock.unlock() }
        log?.write(Data((line + "\n").utf8))
        if toTerminal { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }

    /// A path relative to the current directory when it lies below it, so it can be opened as printed.
    static func shown(_ url: URL) -> String {
        let current = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        return path.hasPrefix(current + "/") ? String(path.dropFirst(current.count + 1)) : path
    }
}

/// How `dev up` and `plan --local` show a placeholder they pass for a processor's image variable.
func placeholderSetting(_ name: String, _ value: String) -> String {
    "\(name) = \(value) (placeholder image: a local endpoint never pulls it)"
}
