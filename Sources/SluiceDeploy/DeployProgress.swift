import Foundation

/// What the orchestrator reports while it works: each terraform phase of each stack when it ends, with its elapsed
/// time, and terraform's raw output line by line (for a log file, or the terminal with `--verbose`).
package struct DeployProgress: Sendable {
    /// A stack's phase (`init`, `plan`, `apply`) ended after `seconds`; `succeeded` is false when it failed.
    package var phaseEnded: @Sendable (_ stack: String, _ phase: String, _ seconds: Double, _ succeeded: Bool) -> Void
    /// One line terraform printed while working on a stack.
    package var output: @Sendable (_ stack: String, _ line: String) -> Void

    package init(
        phaseEnded: @escaping @Sendable (String, String, Double, Bool) -> Void,
        output: @escaping @Sendable (String, String) -> Void
    ) {
        self.phaseEnded = phaseEnded
        self.output = output
    }

    /// Reports nothing.
    package static let silent = DeployProgress(phaseEnded: { _, _, _, _ in }, output: { _, _ in })

    /// Runs `body` as `phase` of `stack`, reporting its elapsed time when it ends, successfully or not.
    func timed<T>(_ stack: String, _ phase: String, _ body: () throws -> T) rethrows -> T {
        let started = Date()
        do {
            let result = try body()
            phaseEnded(stack, phase, Date().timeIntervalSince(started), true)
            return result
        } catch {
            phaseEnded(stack, phase, Date().timeIntervalSince(started), false)
            throw error
        }
    }

    /// The output callback for one stack, in the shape `TerraformRunner.run` takes.
    func lines(of stack: String) -> @Sendable (String) -> Void {
        let output = self.output
        return { output(stack, $0) }
    }
}
