import Foundation

/// What the orchestrator asks of terraform: one command run in a folder, its output lines streamed as they come.
/// `TerraformRunner` runs the real `terraform`; unit tests pass a double that records the calls and answers as
/// scripted, so the orchestrator's order, arguments and guards are tested without terraform.
package protocol TerraformRunning: Sendable {
    /// Runs `terraform arguments` in `directory`; each output line goes to `progress` as it arrives.
    func run(_ arguments: [String], in directory: URL, progress: (@Sendable (String) -> Void)?) throws
        -> TerraformOutcome
}

extension TerraformRunning {
    /// Runs `terraform arguments` in `directory`, its output kept but not streamed.
    package func run(_ arguments: [String], in directory: URL) throws -> TerraformOutcome {
        try run(arguments, in: directory, progress: nil)
    }
}

/// What one terraform run printed and how it ended.
package struct TerraformOutcome: Sendable, Equatable {
    package var status: Int32
    package var stdout: String
    package var stderr: String

    package init(status: Int32, stdout: String = "", stderr: String = "") {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Runs the `terraform` command, streaming its output lines as progress while it works.
package struct TerraformRunner: TerraformRunning {
    package var executable: String
    /// Added to the inherited environment (TF_CLI_CONFIG_FILE, TF_IN_AUTOMATION, ...).
    package var environment: [String: String]

    package init(executable: String = "terraform", environment: [String: String] = [:]) {
        self.executable = executable
        self.environment = environment
    }

    /// Runs `terraform arguments` in `directory`; each output line goes to `progress` as it arrives.
    package func run(
        _ arguments: [String], in directory: URL, progress: (@Sendable (String) -> Void)?
    ) throws -> TerraformOutcome {
        var environment = ProcessInfo.processInfo.environment
        // /usr/bin/env would only say "No such file or directory" as terraform's own output.
        if !executable.contains("/"), Self.find(executable, path: environment["PATH"] ?? "") == nil {
            throw DeployError.terraformMissing("\(executable) is not on PATH (\(environment["PATH"] ?? ""))")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        process.currentDirectoryURL = directory
        environment["TF_IN_AUTOMATION"] = "1"
        environment["TF_INPUT"] = "0"
        environment["CHECKPOINT_DISABLE"] = "1"
        environment.merge(self.environment) { _, new in new }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdout = LineCollector(progress: progress)
        let stderr = LineCollector(progress: progress)
        out.fileHandleForReading.readabilityHandler = { stdout.append($0.availableData) }
        err.fileHandleForReading.readabilityHandler = { stderr.append($0.availableData) }
        do {
            try process.run()
        } catch {
            throw DeployError.terraformMissing("\(executable): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        out.fileHandleForReading.readabilityHandler = nil
        err.fileHandleForReading.readabilityHandler = nil
        stdout.append(out.fileHandleForReading.readDataToEndOfFile())
        stderr.append(err.fileHandleForReading.readDataToEndOfFile())
        return TerraformOutcome(status: process.terminationStatus, stdout: stdout.finish(), stderr: stderr.finish())
    }
}

extension TerraformRunner {
    /// The executable file `name` in one of `path`'s folders, or nil.
    static func find(_ name: String, path: String) -> String? {
        path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// Gathers a stream's bytes, handing each complete line to `progress`.
private final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private var pending = Data()
    private let progress: (@Sendable (String) -> Void)?

    init(progress: (@Sendable (String) -> Void)?) { self.progress = progress }

    func append(_ chunk: Data) {
        guard !chunk.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        data.append(chunk)
        guard let progress else { return }
        pending.append(chunk)
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
            pending.removeSubrange(pending.startIndex...newline)
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { progress(line) }
        }
    }

    func finish() -> String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}

package enum DeployError: Error, CustomStringConvertible {
    case terraformMissing(String)
    case terraformFailed(stack: String, step: String, output: String)
    case stalePlan(stack: String)
    case missingPlan(stack: String, path: String)
    /// A saved plan without its JSON (the run's `show -json` failed): the data-loss check has nothing to read.
    case missingPlanJSON(stack: String, path: String)
    case unknownStack(String, known: [String])
    case refused(stack: String, addresses: [String])
    case schemaRefused(stack: String, columns: [String])

    package var description: String {
        switch self {
        case .terraformMissing(let detail):
            "cannot run terraform (\(detail)); install terraform 1.11 and put it on PATH"
        case .terraformFailed(let stack, let step, let output):
            "terraform \(step) failed for stack \(stack):\n\(output)"
        case .stalePlan(let stack):
            "the saved plan of stack \(stack) is stale: its state changed after the plan was made. "
                + "Nothing was applied; run `sluice plan` again, review it, then apply."
        case .missingPlan(let stack, let path):
            "no saved plan for stack \(stack) at \(path); run `sluice plan` first"
        case .missingPlanJSON(let stack, let path):
            "no plan JSON for stack \(stack) at \(path) (the plan's `terraform show -json` failed), so its data-loss "
                + "check cannot run; run `sluice plan` again"
        case .unknownStack(let name, let known):
            "no stack named '\(name)'; the stacks are \(known.joined(separator: ", "))"
        case .refused(let stack, let addresses):
            "stack \(stack): the plan deletes or replaces resources that hold data: "
                + addresses.joined(separator: ", ")
                + ". Nothing was applied. If that is intended, plan again with --allow-destroy for each address."
        case .schemaRefused(let stack, let columns):
            "stack \(stack): the plan was refused for breaking schema changes: "
                + columns.joined(separator: ", ")
                + ". Nothing was applied. If that is intended, plan again with --allow-schema-change for each."
        }
    }
}
