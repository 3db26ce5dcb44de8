import SluiceCloud
import SluiceModel

/// Renders each stack as a Terraform root module in JSON syntax: `terraform.tf.json` (versions and state backend),
/// `providers.tf.json`, and one `<pipeline>.tf.json` per pipeline with resources there.
package enum TerraformEmitter {
    package static let folder = "generated/terraform"
    package static let requiredVersion = ">= 1.11"
    package static let providerVersion = "~> 5.100"

    package static func files(for graph: CloudGraph) -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        var modules: [(path: String, pipeline: String, part: Stack)] = []
        for stack in graph.stacks where !stack.resources.isEmpty {
            let directory = "\(folder)/\(stack.name)"
            // Settings apart from the provider: checkov's JSON parser cannot read a `terraform` block, so its test
            // skips this one file by name and still checks the provider.
            files.append(
                GeneratedFile(path: "\(directory)/terraform.tf.json", contents: settings(stack, graph).terraform()))
            files.append(
                GeneratedFile(path: "\(directory)/providers.tf.json", contents: providers(stack, graph).terraform()))
            for (pipeline, part) in stack.byPipeline() {
                modules.append(("\(directory)/\(pipeline).tf.json", pipeline, part))
            }
        }
        // Rendering dominates for many pipelines, and each file stands alone: render them on every core.
        let rendered = ConcurrentMap.map(modules) { item in module(item.part, pipeline: item.pipeline).terraform() }
        for (module, contents) in zip(modules, rendered) {
            files.append(GeneratedFile(path: module.path, contents: contents))
        }
        return files
    }

    /// The state key of a stack in the shared backend bucket.
    package static func stateKey(_ stack: Stack, _ project: Project) -> String {
        "\(project.state.keyPrefix)/\(stack.name).tfstate"
    }

    static func header(_ stack: Stack, _ project: Project) -> TerraformValue {
        let account = stack.account
        let order = stack.after.isEmpty ? "" : " Apply after: \(stack.after.sorted().joined(separator: ", "))."
        return .string(
            "\(GeneratedFile.marker) for the \(account.name) account (\(account.id)) of project \(project.name)."
                + " Do not edit: change pipelines/ and run `sluice generate`.\(order)")
    }

    static func settings(_ stack: Stack, _ graph: CloudGraph) -> TerraformValue {
        let project = graph.project
        let stateRole = project.account(named: project.state.account)?.deployRole ?? stack.account.deployRole
        return [
            "//": header(stack, project),
            "terraform": [
                "required_version": .string(requiredVersion),
                "required_providers": ["aws": ["source": "hashicorp/aws", "version": .string(providerVersion)]],
                "backend": [
                    "s3": [
                        "bucket": .string(project.state.bucket),
                        "key": .string(stateKey(stack, project)),
                        "region": .string(project.state.region),
                        "encrypt": true,
                        "use_lockfile": .bool(project.state.useLockfile),
                        "assume_role": ["role_arn": .string(stateRole), "session_name": "sluice-state"],
                    ]
                ],
            ],
        ]
    }

    static func providers(_ stack: Stack, _ graph: CloudGraph) -> TerraformValue {
        let project = graph.project
        let account = stack.account
        var tags = project.tags
        tags["sluice:project"] = project.name
        tags["sluice:stack"] = stack.name
        return [
            "//": header(stack, project),
            "provider": [
                "aws": [
                    "region": .string(account.region),
                    "allowed_account_ids": .strings([account.id]),
                    "assume_role": [
                        "role_arn": .expression(.variable("role_arn")), "session_name": .string("sluice-\(stack.name)"),
                    ],
                    "default_tags": ["tags": .map(tags)],
                ]
            ],
            "variable": [
                "role_arn": [
                    "description": .string(
                        "The role Terraform assumes in the \(account.name) account: the deploy role, or the read-only "
                            + "plan role (\(account.planRole)) when planning a pull request."),
                    "type": "string",
                    "default": .string(account.deployRole),
                ]
            ],
        ]
    }

    /// The file of one pipeline's part of a stack.
    static func module(_ part: Stack, pipeline: String) -> TerraformValue {
        var resources: [String: [String: TerraformValue]] = [:]
        var data: [String: [String: TerraformValue]] = [:]
        for resource in part.resources {
            let address = resource.address
            if address.isData {
                data[address.type, default: [:]][address.name] = .object(resource.arguments)
            } else {
                resources[address.type, default: [:]][address.name] = .object(resource.arguments)
            }
        }
        // A stack kept apart (`<account>-images`, `<account>-quicksight`) is not an account of its own.
        let account = part.account.name
        let target = part.name == account ? "the \(account) account" : "stack \(part.name) of the \(account) account"
        var body: [String: TerraformValue] = [
            "//": .string(
                "\(GeneratedFile.marker) from pipeline '\(pipeline)' for \(target)."
                    + " Do not edit: change pipelines/ and run `sluice generate`.")
        ]
        if !resources.isEmpty { body["resource"] = .object(resources.mapValues(TerraformValue.object)) }
        if !data.isEmpty { body["data"] = .object(data.mapValues(TerraformValue.object)) }
        let variables = part.variables
        if !variables.isEmpty {
            body["variable"] = .object(
                Dictionary(
                    uniqueKeysWithValues: variables.map { variable in
                        var json: [String: TerraformValue] = [
                            "description": .string(variable.description), "type": .string(variable.type),
                        ]
                        if let validation = variable.validation {
                            json["validation"] = [
                                [
                                    "condition": .expression(validation.condition),
                                    "error_message": .string(validation.message),
                                ]
                            ]
                        }
                        return (variable.name, TerraformValue.object(json))
                    }))
        }
        let outputs = part.outputs
        if !outputs.isEmpty {
            body["output"] = .object(
                Dictionary(
                    uniqueKeysWithValues: outputs.map {
                        (
                            $0.name,
                            ["description": .string($0.description), "value": .expression($0.value)] as TerraformValue
                        )
                    }))
        }
        return .object(body)
    }
}
