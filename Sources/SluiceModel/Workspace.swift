import Foundation

/// A loaded project: the project file, every pipeline, and every problem found on the way.
package struct Workspace: Sendable {
    package var project: Project?
    package var pipelines: [Pipeline]
    package var diagnostics: Diagnostics

    /// The folder, relative to the project root, that holds the declarations.
    package static let pipelinesFolder = "pipelines"
    package static let projectFile = "pipelines/sluice.yaml"

    /// Reads `pipelines/sluice.yaml` and every other `pipelines/*.yaml` under `root`, adds the pipelines declared
    /// in Swift, and validates the lot.
    package static func load(root: URL, swiftPipelines: [Pipeline] = []) -> Workspace {
        var diagnostics = Diagnostics()
        let fileManager = FileManager.default
        let folder = root.appendingPathComponent(pipelinesFolder)
        let projectName = String(projectFile.dropFirst(pipelinesFolder.count + 1))
        var project: Project?
        if !FileManager.default.fileExists(atPath: root.appendingPathComponent(projectFile).path) {
            diagnostics.error(
                "there is no project file; create it (see README, 'Project file')",
                at: SourceLocation(file: projectFile, line: 1, column: 1))
        } else {
            switch DeclarationFiles.read(projectName, in: folder) {
            case .success(let text):
                project = ProjectDecoder.decode(text, path: projectFile, diagnostics: &diagnostics)
            case .failure(let refusal):
                diagnostics.error(refusal.message, at: refusal.location(in: projectFile))
            }
        }
        let names = (try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []
        var pipelines: [Pipeline] = []
        var total = 0
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let relative = "\(pipelinesFolder)/\(name)"
            if relative == projectFile { continue }
            let text: String
            switch DeclarationFiles.read(name, in: folder) {
            case .success(let read): text = read
            case .failure(let refusal):
                diagnostics.error(refusal.message, at: refusal.location(in: relative))
                continue
            }
            total += text.utf8.count
            guard total <= DeclarationFiles.maxTotalBytes else {
                diagnostics.error(
                    "the manifests read so far and this one hold \(total) bytes; all of a project's manifests may "
                        + "hold at most \(DeclarationFiles.maxTotalBytes), so this file and the ones after it (in name "
                        + "order) were not read", at: SourceLocation(file: relative, line: 1, column: 1))
                break
            }
            let pipeline = PipelineDecoder.decode(text, path: relative, diagnostics: &diagnostics) { file in
                // Only files inside pipelines/ are read, so a manifest cannot pull in arbitrary paths.
                DeclarationFiles.read(file, in: folder)
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

extension DeclarationFiles.Refusal {
    /// Where to report the refusal: its place in the file when it has one, else the file's start.
    package func location(in file: String) -> SourceLocation {
        SourceLocation(file: file, line: line ?? 1, column: column ?? 1)
    }
}
