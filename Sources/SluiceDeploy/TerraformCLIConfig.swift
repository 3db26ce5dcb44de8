import Foundation

/// Which Terraform CLI configuration (`TF_CLI_CONFIG_FILE`) the orchestrator runs terraform with.
///
/// The project's own, `.tmp/terraformrc` under the root (scripts/tools.sh writes it: providers from the local
/// mirror only), wins when it exists, over an ambient `TF_CLI_CONFIG_FILE`, which on some machines names a file
/// that does not exist, sending terraform to the public registry.
package struct TerraformCLIConfig: Sendable, Equatable {
    /// The file, or nil for terraform's defaults.
    package var file: String?
    /// Where it came from, for the progress output.
    package var origin: String

    /// The project's file under `root`, relative to it.
    package static let projectFile = ".tmp/terraformrc"

    /// The configuration to use for the project at `root`, given the ambient environment.
    package static func resolve(
        root: URL, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> TerraformCLIConfig {
        let project = root.appendingPathComponent(projectFile).standardizedFileURL.path
        if FileManager.default.fileExists(atPath: project) {
            return TerraformCLIConfig(file: project, origin: "the project's, written by scripts/tools.sh")
        }
        if let ambient = environment["TF_CLI_CONFIG_FILE"], !ambient.isEmpty {
            if FileManager.default.fileExists(atPath: ambient) {
                return TerraformCLIConfig(file: ambient, origin: "from TF_CLI_CONFIG_FILE")
            }
            return TerraformCLIConfig(
                file: nil,
                origin: "terraform's defaults: TF_CLI_CONFIG_FILE names \(ambient), which does not exist, and there "
                    + "is no \(projectFile) (scripts/tools.sh writes one)")
        }
        return TerraformCLIConfig(file: nil, origin: "terraform's defaults (no \(projectFile), no TF_CLI_CONFIG_FILE)")
    }

    /// What the environment of each terraform run gets: the file, or an empty value that masks a missing one.
    package var environment: [String: String] { ["TF_CLI_CONFIG_FILE": file ?? ""] }

    /// `terraform CLI config: PATH (origin)`, for the progress output.
    package var description: String {
        file.map { "terraform CLI config: \($0) (\(origin))" } ?? "terraform CLI config: \(origin)"
    }
}
