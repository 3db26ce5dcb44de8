import Foundation
import SluiceModel
import Testing

@testable import SluiceCommands
@testable import SluiceEmit

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func exampleFiles() throws -> [GeneratedFile] {
    let files = ProjectFiles(root: repositoryRoot)
    return try files.generate(files.load()).get()
}

@Suite("Golden: the example's generated tree")
struct GoldenTests {
    @Test("the committed generated/ tree is exactly what the example generates, byte for byte")
    func committedTreeMatches() throws {
        let files = try exampleFiles()
        #expect(files.map(\.path).contains("generated/terraform/analytics/integrations-usage.tf.json"))
        #expect(files.map(\.path).contains("generated/terraform/production/integrations-usage.tf.json"))
        for file in files {
            let url = repositoryRoot.appendingPathComponent(file.path)
            let committed = try #require(
                FileManager.default.contents(atPath: url.path), "\(file.path) is not committed")
            #expect(
                committed == Data(file.contents.utf8),
                "\(file.path) differs from what sluice generates; run `swift run sluice generate`")
        }
        let owned = ProjectFiles(root: repositoryRoot).ownedFiles()
        #expect(owned == files.map(\.path), "generated/ holds owned files no declaration produces")
    }

    @Test("output is deterministic: same input, same bytes, whatever the pipeline order")
    func deterministic() throws {
        let workspace = ProjectFiles(root: repositoryRoot).load()
        let project = try #require(workspace.project)
        var second = workspace.pipelines[0]
        second.name = "checkout-usage"
        second.processor.name = "checkout-enricher"
        second.catalog.database = "checkout"
        second.source.logGroup = "/haproxy/checkout"
        let forward = Generator.files(project: project, pipelines: [workspace.pipelines[0], second])
        let backward = Generator.files(project: project, pipelines: [second, workspace.pipelines[0]])
        #expect(forward == backward)
        #expect(forward == Generator.files(project: project, pipelines: [workspace.pipelines[0], second]))
        for file in forward {
            #expect(file.contents.hasSuffix("\n"), "\(file.path) has no trailing newline")
            #expect(GeneratedFile.isOwned(Array(file.contents.utf8)), "\(file.path) lacks the generated marker")
        }
    }

    @Test("every Terraform file is JSON with the generated marker as its first key")
    func terraformFilesAreJSON() throws {
        for file in try exampleFiles() where file.path.hasSuffix(".tf.json") {
            let object = try JSONSerialization.jsonObject(with: Data(file.contents.utf8)) as? [String: Any]
            let comment = try #require(object?["//"] as? String)
            #expect(comment.hasPrefix(GeneratedFile.marker))
            #expect(file.contents.hasPrefix("{\n  \"//\": \"\(GeneratedFile.marker)"))
        }
    }

    @Test("the stack settings pin Terraform, the provider, the backend and the account")
    func stackSettings() throws {
        let files = try exampleFiles()
        let settings = try #require(files.first { $0.path == "generated/terraform/production/terraform.tf.json" })
        #expect(settings.contents.contains("\"required_version\": \">= 1.11\""))
        #expect(settings.contents.contains("\"version\": \"~> 5.100\""))
        #expect(settings.contents.contains("\"use_lockfile\": true"))
        #expect(settings.contents.contains("\"key\": \"sluice/production.tfstate\""))
        let providers = try #require(files.first { $0.path == "generated/terraform/production/providers.tf.json" })
        #expect(providers.contents.contains("\"allowed_account_ids\": [\n        \"111111111111\"\n      ]"))
        #expect(providers.contents.contains("\"role_arn\": \"${var.role_arn}\""))
        #expect(providers.contents.contains("\"default\": \"arn:aws:iam::111111111111:role/sluice-deploy\""))
    }

    @Test("the docs hold a Mermaid diagram and the resources of each stack")
    func docs() throws {
        let readme = try #require(try exampleFiles().first { $0.path == DocsEmitter.path })
        #expect(readme.contents.contains("```mermaid\nflowchart LR\n"))
        #expect(readme.contents.contains("raw -->|replication| landing"))
        #expect(readme.contents.contains("`aws_lambda_function.integrations_usage_processor`"))
    }
}
