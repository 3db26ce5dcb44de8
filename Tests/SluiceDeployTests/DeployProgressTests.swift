import Foundation
import Testing

@testable import SluiceDeploy

@Suite("Terraform CLI configuration and deploy progress")
struct DeployProgressTests {
    private func temporaryRoot() throws -> URL {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("sluice-cli-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    @Test("the project's .tmp/terraformrc wins over an ambient TF_CLI_CONFIG_FILE naming a missing file")
    func projectConfigWins() throws {
        let root = try temporaryRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let ambient = ["TF_CLI_CONFIG_FILE": "/nonexistent/terraformrc"]
        let without = TerraformCLIConfig.resolve(root: root, environment: ambient)
        #expect(without.file == nil)
        #expect(without.environment == ["TF_CLI_CONFIG_FILE": ""])
        #expect(without.description.contains("/nonexistent/terraformrc, which does not exist"))

        try FileManager.default.createDirectory(
            at: root.appendingPathComponent(".tmp"), withIntermediateDirectories: true)
        let project = root.appendingPathComponent(".tmp/terraformrc")
        try Data("disable_checkpoint = true\n".utf8).write(to: project)
        let with = TerraformCLIConfig.resolve(root: root, environment: ambient)
        #expect(with.file == project.standardizedFileURL.path)
        #expect(with.environment == ["TF_CLI_CONFIG_FILE": project.standardizedFileURL.path])
        #expect(
            with.description
                == "terraform CLI config: \(project.standardizedFileURL.path) "
                + "(the project's, written by scripts/tools.sh)")
    }

    @Test("an existing ambient configuration is used when the project has none")
    func ambientConfig() throws {
        let root = try temporaryRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("ambientrc")
        try Data().write(to: file)
        let config = TerraformCLIConfig.resolve(root: root, environment: ["TF_CLI_CONFIG_FILE": file.path])
        #expect(config.file == file.path)
    }

    @Test("a phase is reported with its elapsed time, failed or not")
    func timedPhases() throws {
        let reported = Reported()
        let progress = DeployProgress(
            phaseEnded: { stack, phase, seconds, succeeded in
                reported.add("\(stack) \(phase) \(succeeded) \(seconds >= 0)")
            },
            output: { _, _ in })
        #expect(progress.timed("analytics", "init") { 7 } == 7)
        struct Failure: Error {}
        #expect(throws: Failure.self) { try progress.timed("analytics", "plan") { throw Failure() } }
        #expect(reported.lines == ["analytics init true true", "analytics plan false true"])
    }
}

private final class Reported: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func add(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}
