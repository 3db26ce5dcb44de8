import SluiceCloud
import SluiceCost
import SluiceModel

/// Turns a validated declaration into every file Sluice owns, sorted by path. Pure: no disk access (the workflow
/// scripts it inlines are embedded in the binary).
package enum Generator {
    /// The folders whose Sluice-owned files `generate` may replace or remove. GitHub reads workflows from
    /// `.github/workflows` only, so the generated ones live there, next to any hand-written workflow.
    /// Processor targets hold generated files beside the hand-written transform, which carries no marker.
    package static let ownedFolders = ["generated", WorkflowEmitter.folder, ProcessorSourceEmitter.folder]

    package static func files(project: Project, pipelines: [Pipeline]) -> [GeneratedFile] {
        let graph = CloudGraph(project: project, pipelines: pipelines)
        var files = TerraformEmitter.files(for: graph)
        files += SQLEmitter.files(for: pipelines)
        files += QuickSightEmitter.files(project: project, pipelines: pipelines)
        files.append(SchemaEmitter.file(pipelines: pipelines))
        // Priced with the committed table: the estimate changes with the declarations or the prices, never with the
        // day it is generated.
        // Concurrent, as the stacks' modules are: with 500 pipelines the estimate was a tenth of `files`.
        let estimate = CostModel.estimate(
            project: project, pipelines: pipelines, prices: .committed, map: { ConcurrentMap.map($0, $1) })
        files.append(GeneratedFile(path: CostJSON.path, contents: CostJSON.document(estimate)))
        files.append(DocsEmitter.file(graph: graph, pipelines: pipelines, estimate: estimate))
        files += DockerfileEmitter.files(project: project, pipelines: pipelines)
        files += ProcessorSourceEmitter.files(project: project, pipelines: pipelines)
        files += WorkflowEmitter.files(graph: graph, pipelines: pipelines)
        return files.sorted { $0.path < $1.path }
    }
}
