import SluiceCloud
import SluiceModel

/// `generated/README.md`: what the generated tree holds, a diagram per pipeline and the resources per stack.
public enum DocsEmitter {
    public static let path = "generated/README.md"

    public static func file(graph: CloudGraph, pipelines: [Pipeline]) -> GeneratedFile {
        let project = graph.project
        var out = "<!-- \(GeneratedFile.marker). Do not edit: change pipelines/ and run `sluice generate`. -->\n"
        out += "# \(project.name): generated pipelines\n\n"
        out += "Everything under `generated/` is written by `sluice generate` from `pipelines/`. "
        out += "`sluice check` fails when a file here is stale or was edited by hand.\n\n"
        out += "## Stacks\n\n"
        out += "One Terraform root module per account, each with its own state, applied in this order:\n\n"
        out += "| order | stack | account | region | state key | resources |\n|---|---|---|---|---|---|\n"
        let stacks = graph.stacks.filter { !$0.resources.isEmpty }
        let parts = stacks.map { $0.byPipeline() }
        for (index, stack) in stacks.enumerated() {
            let managed = stack.resources.filter { !$0.address.isData }.count
            out += "| \(index + 1) | `\(TerraformEmitter.folder)/\(stack.name)` | \(stack.account.id) | "
            out += "\(stack.account.region) | `\(TerraformEmitter.stateKey(stack, project))` | \(managed) |\n"
        }
        for pipeline in pipelines.sorted(by: { $0.name < $1.name }) {
            out += "\n## Pipeline \(pipeline.name)\n\n"
            if !pipeline.description.isEmpty { out += "\(pipeline.description)\n\n" }
            out += "```mermaid\n\(MermaidEmitter.diagram(project: project, pipeline: pipeline))```\n"
            for (stack, part) in zip(stacks, parts) {
                let resources = (part[pipeline.name]?.resources ?? []).filter { !$0.address.isData }
                if resources.isEmpty { continue }
                out += "\n### Resources in \(stack.name)\n\n| stage | address |\n|---|---|\n"
                for resource in resources.sorted(by: { ($0.stage, $0.address) < ($1.stage, $1.address) }) {
                    out += "| \(resource.stage.rawValue) | `\(resource.address)` |\n"
                }
            }
        }
        return GeneratedFile(path: path, contents: out)
    }
}
