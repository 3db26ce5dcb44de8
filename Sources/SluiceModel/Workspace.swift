import Foundation

/// A loaded project: the project file, every pipeline, and every problem found on the way.
public struct Workspace: Sendable {
    public var project: Project?
    public var pipelines: [Pipeline]
    public var diagnostics: Diagnostics

    /// The folder, relative to the project root, that holds the declarations.
    public static let pipelinesFolder = "pipelines"
    public static let projectFile = "pipelines/sluice.yaml"

    /// Reads `pipelines/sluice.yaml` and every other `pipelines/*.yaml` under `root`, adds the pipelines declared
    /// in Swift, and validates the lot.
    public static func load(root: URL, swiftPipelines: [Pipeline] = []) -> Workspace {
        var diagnostics = Diagnostics()
        let fileManager = FileManager.default
        let projectURL = root.appendingPathComponent(projectFile)
        var project: Project?
        if let text = try? String(contentsOf: projectURL, encoding: .utf8) {
            project = ProjectDecoder.decode(text, path: projectFile, diagnostics: &diagnostics)
        } else {
            diagnostics.error(
                "cannot read the project file; create it (see README, 'Project file')",
                at: SourceLocation(file: projectFile, line: 1, column: 1))
        }
        let folder = root.appendingPathComponent(pipelinesFolder)
        let names = (try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []
        var pipelines: [Pipeline] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let relative = "\(pipelinesFolder)/\(name)"
            if relative == projectFile { continue }
            guard let data = fileManager.contents(atPath: folder.appendingPathComponent(name).path),
                let text = String(data: data, encoding: .utf8)
            else {
                diagnostics.error("cannot read the file as UTF-8 text", at: SourceLocation(file: relative, line: 1, column: 1))
                continue
            }
            let pipeline = PipelineDecoder.decode(text, path: relative, diagnostics: &diagnostics) { file in
                // Only files inside pipelines/ may be read, so a manifest cannot pull in arbitrary paths.
                let url = folder.appendingPathComponent(file).standardizedFileURL
                guard url.path.hasPrefix(folder.standardizedFileURL.path + "/") else { return nil }
                return try? String(contentsOf: url, encoding: .utf8)
            }
            if let pipeline { pipelines.append(pipeline) }
        }
        pipelines.append(contentsOf: swiftPipelines)
        if let project {
            diagnostics.append(contentsOf: Validator.validate(project: project, pipelines: pipelines))
        }
        return Workspace(project: project, pipelines: pipelines, diagnostics: diagnostics)
    }
}
