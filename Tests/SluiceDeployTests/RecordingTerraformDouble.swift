import Foundation
import SluiceDeploy

/// A test double standing in for terraform: runs nothing, records every call, and answers as scripted.
///
/// `plan -out=FILE` writes FILE (as terraform does, so an apply finds the saved plan); `show -json` prints the plan
/// JSON scripted for the stack (a captured no-change plan unless told otherwise); any step scripted in `failing`
/// answers with its outcome. Each call prints one line through `progress`, so forwarding can be checked.
final class RecordingTerraformDouble: TerraformRunning, @unchecked Sendable {
    /// One terraform run: the stack (its working folder's name), the folder and the arguments.
    struct Call: Equatable {
        var stack: String
        var directory: URL
        var arguments: [String]

        /// The subcommand: `init`, `plan`, `show` or `apply`.
        var command: String { arguments.first ?? "" }
        /// `stack command`, as `failing` keys a step.
        var step: String { "\(stack) \(command)" }
    }

    private let lock = NSLock()
    private var recorded: [Call] = []
    private let planJSON: [String: Data]
    private let noChanges: Data
    private let failing: [String: TerraformOutcome]

    /// - Parameters:
    ///   - planJSON: what `show -json` prints, by stack; the captured `noop` plan for the others.
    ///   - failing: outcomes of steps that fail, keyed `stack command` (e.g. `analytics plan`).
    init(planJSON: [String: Data] = [:], failing: [String: TerraformOutcome] = [:]) throws {
        self.planJSON = planJSON
        self.failing = failing
        noChanges = try Fixtures.data("noop")
    }

    /// Every call so far, in order.
    var calls: [Call] { lock.withLock { recorded } }

    /// The calls of one subcommand, in order.
    func calls(_ command: String) -> [Call] { calls.filter { $0.command == command } }

    /// The line each call prints through `progress`.
    static func line(_ command: String) -> String { "double: terraform \(command)" }

    func run(_ arguments: [String], in directory: URL, progress: (@Sendable (String) -> Void)?) throws
        -> TerraformOutcome
    {
        let call = Call(stack: directory.lastPathComponent, directory: directory, arguments: arguments)
        lock.withLock { recorded.append(call) }
        progress?(Self.line(call.command))
        if let outcome = failing[call.step] { return outcome }
        switch call.command {
        case "plan":
            if let out = arguments.first(where: { $0.hasPrefix("-out=") }) {
                try Data("saved plan of \(call.stack)".utf8).write(to: URL(fileURLWithPath: String(out.dropFirst(5))))
            }
            return TerraformOutcome(status: 0, stdout: "Plan: saved\n")
        case "show":
            return TerraformOutcome(
                status: 0, stdout: String(decoding: planJSON[call.stack] ?? noChanges, as: UTF8.self))
        default:
            return TerraformOutcome(status: 0, stdout: "\(call.command): done\n")
        }
    }
}

/// Collects what a `DeployProgress` reports, for assertions.
final class RecordedProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var phaseLines: [String] = []
    private var outputLines: [String] = []

    /// `stack phase` for a phase that succeeded, `stack phase FAILED` for one that failed, in order.
    var phases: [String] { lock.withLock { phaseLines } }
    /// `[stack] line` for each output line, in order.
    var output: [String] { lock.withLock { outputLines } }

    var progress: DeployProgress {
        DeployProgress(
            phaseEnded: { stack, phase, seconds, succeeded in
                self.lock.withLock {
                    self.phaseLines.append("\(stack) \(phase)\(succeeded ? "" : " FAILED")\(seconds < 0 ? " <0" : "")")
                }
            },
            output: { stack, line in self.lock.withLock { self.outputLines.append("[\(stack)] \(line)") } })
    }
}
