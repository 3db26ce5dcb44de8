import Foundation
import SluiceCloud
import SluiceEmit

/// A local AWS endpoint (a moto server) standing in for AWS: the one setting under which a local run differs
/// from a real one. It never changes the generated files: each stack is copied aside with a Terraform override
/// file that points the provider at the endpoint and keeps state in a local file.
package struct LocalTarget: Sendable {
    package var endpoint: String

    package init(endpoint: String) { self.endpoint = endpoint }

    /// Stacks a local endpoint cannot serve (moto cannot apply QuickSight resources).
    package static func skips(_ stack: Stack) -> Bool { stack.name.hasSuffix("-quicksight") }

    /// What the plan header says about the target.
    package var description: String {
        "local AWS endpoint \(endpoint) (moto): state in .sluice/local, QuickSight stacks skipped"
    }

    /// The services the generated stacks use, each pointed at the endpoint: from the one table of resource kinds.
    static let services = ResourceKind.localServices

    /// The override file's contents for one stack, a Terraform file: rendered with its strings escaped.
    func override(stateFile: String) -> String {
        let endpoints = TerraformValue.object(
            Dictionary(uniqueKeysWithValues: Self.services.map { ($0, .string(endpoint)) }))
        let body: TerraformValue = [
            "//": .string("Written by sluice for \(description). Not for real AWS."),
            "terraform": ["backend": ["local": ["path": .string(stateFile)]]],
            "provider": [
                "aws": [
                    "access_key": "test", "secret_key": "test",
                    "skip_credentials_validation": true, "skip_metadata_api_check": true,
                    "s3_use_path_style": true,
                    // moto answers some reads with errors the provider would retry for minutes.
                    "max_retries": 2,
                    "endpoints": endpoints,
                ]
            ],
        ]
        return body.terraform()
    }

    /// Where local runs keep their stack copies and state.
    static let folder = ".sluice/local"

    /// Copies a stack's generated folder to `.sluice/local/<stack>` with the override; returns the copy.
    func prepare(stack: String, root: URL) throws -> URL {
        let state = root.appendingPathComponent("\(Self.folder)/state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let override = override(stateFile: state.appendingPathComponent("\(stack).tfstate").path)
        return try StackWorkspace.prepare(
            stack: stack, root: root, folder: Self.folder, extra: [("zz_sluice_local_override.tf.json", override)])
    }
}
