import SluiceCloud
import SluiceCost
import SluiceModel

/// `generated/README.md`: what the generated tree holds, a diagram per pipeline, its estimated cost and the resources
/// per stack.
package enum DocsEmitter {
    package static let path = "generated/README.md"

    package static func file(graph: CloudGraph, pipelines: [Pipeline], estimate: ProjectEstimate? = nil)
        -> GeneratedFile
    {
        let project = graph.project
        var out = "<!-- \(GeneratedFile.marker). Do not edit: change pipelines/ and run `sluice generate`. -->\n"
        out += "# \(Markdown.inline(project.name)): generated pipelines\n\n"
        out += "Everything under `generated/` is written by `sluice generate` from `pipelines/`. "
        out += "`sluice check` fails when a file here is stale or was edited by hand.\n\n"
        out += "## Stacks\n\n"
        out +=
            "One Terraform root module per account (its image repositories and its QuickSight resources each a "
            + "stack of their own), each with its own state, applied in this order:\n\n"
        out += "| order | stack | account | region | state key | resources |\n|---|---|---|---|---|---|\n"
        let stacks = graph.stacks.filter { !$0.resources.isEmpty }
        let parts = stacks.map { $0.byPipeline() }
        for (index, stack) in stacks.enumerated() {
            let managed = stack.resources.filter { !$0.address.isData }.count
            out += "| \(index + 1) | \(Markdown.code("\(TerraformEmitter.folder)/\(stack.name)")) | "
            out += "\(Markdown.inline(stack.account.id)) | \(Markdown.inline(stack.account.region)) | "
            out += "\(Markdown.code(TerraformEmitter.stateKey(stack, project))) | \(managed) |\n"
        }
        for pipeline in pipelines.sorted(by: { $0.name < $1.name }) {
            out += "\n## Pipeline \(Markdown.inline(pipeline.name))\n\n"
            if !pipeline.description.isEmpty { out += "\(Markdown.paragraph(pipeline.description))\n\n" }
            out += "```mermaid\n\(MermaidEmitter.diagram(graph: graph, pipeline: pipeline.name))```\n"
            out += lake(pipeline)
            out += analytics(pipeline)
            if let estimate, let cost = estimate.pipelines.first(where: { $0.pipeline == pipeline.name }) {
                out += CostDocs.section(cost, pricesAsOf: estimate.pricesAsOf)
            }
            out += Runbook.section(project: project, pipeline: pipeline)
            for (stack, part) in zip(stacks, parts) {
                let resources = (part[pipeline.name]?.resources ?? []).filter { !$0.address.isData }
                if resources.isEmpty { continue }
                out += "\n### Resources in \(Markdown.inline(stack.name))\n\n| stage | address |\n|---|---|\n"
                for resource in resources.sorted(by: { ($0.stage, $0.address) < ($1.stage, $1.address) }) {
                    out += "| \(resource.stage.rawValue) | \(Markdown.code(resource.address.description)) |\n"
                }
            }
        }
        return GeneratedFile(path: path, contents: out)
    }

    /// The lake table: its format and codec, the SerDe its Glue table reads the objects with, and where they are.
    static func lake(_ pipeline: Pipeline) -> String {
        let table = pipeline.processor.output
        let storage = LakeStorage(format: table.format, compression: table.compression)
        let partitions = table.partitionKeys.map { "\($0.name)=<value>/" }.joined()
        let suffix = table.format == .parquet ? "parquet" : "json.gz"
        var out = "\n### Lake\n\n| table | format | compression | Glue SerDe | objects in the lake bucket |\n"
        out += "|---|---|---|---|---|\n"
        out += "| \(Markdown.code("\(pipeline.catalog.database).\(table.name)")) | \(table.format.rawValue) | "
        out += "\(table.compression.rawValue) | \(Markdown.code(storage.serializationLibrary)) | "
        out += "\(Markdown.code("tables/\(table.name)/\(partitions)<input object name>.\(suffix)")) |\n"
        return out
    }

    /// Views with their lineage, datasets and dashboards of a pipeline; nothing when it declares none.
    static func analytics(_ pipeline: Pipeline) -> String {
        guard !pipeline.views.isEmpty || !pipeline.datasets.isEmpty else { return "" }
        // Mermaid ids take only letters, digits and '_'; labels keep the real names.
        func id(_ name: String) -> String {
            String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        }
        let graph = ViewGraph(pipeline: pipeline)
        let database = pipeline.catalog.database
        var out = "\n### Views and dashboards\n\n```mermaid\nflowchart LR\n"
        let table = pipeline.processor.output.name
        out += "  t_\(id(table))[(\"table \(Mermaid.label("\(database).\(table)"))\")]\n"
        for view in graph.ordered() {
            out += "  t_\(id(view.name))[\"view \(Mermaid.label("\(database).\(view.name)"))\"]\n"
            for source in graph.dependencies[view.name, default: []] {
                out += "  t_\(id(source)) --> t_\(id(view.name))\n"
            }
        }
        for dataset in pipeline.datasets {
            out += "  d_\(id(dataset.name))[/\"dataset \(Mermaid.label(dataset.name))\"/]\n"
            out += "  t_\(id(dataset.view)) --> d_\(id(dataset.name))\n"
        }
        for dashboard in pipeline.dashboards {
            out += "  b_\(id(dashboard.name))([\"dashboard \(Mermaid.label(dashboard.name))\"])\n"
            out += "  d_\(id(dashboard.dataset)) --> b_\(id(dashboard.name))\n"
        }
        out += "```\n"
        if !pipeline.views.isEmpty {
            out += "\n| view | reads, directly or through views | columns | SQL |\n|---|---|---|---|\n"
            for view in graph.ordered() {
                let reads = graph.lineage(of: view).map { Markdown.code($0) }.joined(separator: ", ")
                let columns = view.columns.map { "\($0.name) \($0.type.rawValue)" }.joined(separator: ", ")
                out += "| \(Markdown.code("\(database).\(view.name)")) | \(reads) | \(Markdown.inline(columns)) | "
                out += "\(Markdown.code("\(SQLEmitter.folder)/\(database)/\(view.name).sql")) |\n"
            }
        }
        if !pipeline.datasets.isEmpty {
            out += "\n| dataset | view | import mode | refresh |\n|---|---|---|---|\n"
            for dataset in pipeline.datasets {
                out += "| \(Markdown.inline(dataset.name)) | \(Markdown.code(dataset.view)) | "
                out += "\(dataset.importMode.rawValue) | "
                out += "\(dataset.refresh?.rawValue ?? "none") |\n"
            }
        }
        if !pipeline.dashboards.isEmpty {
            out += "\n| dashboard | dataset | visuals |\n|---|---|---|\n"
            for dashboard in pipeline.dashboards {
                let visuals = dashboard.visuals.map { visual in
                    let by = visual.dimension.map { " by \($0)" } ?? ""
                    return
                        "\(visual.kind.rawValue) \"\(visual.title)\": \(visual.aggregation.rawValue) of \(visual.measure)\(by)"
                }
                out += "| \(Markdown.inline(dashboard.name)) | \(Markdown.inline(dashboard.dataset)) | "
                out += "\(Markdown.inline(visuals.joined(separator: "; "))) |\n"
            }
        }
        return out
    }
}
