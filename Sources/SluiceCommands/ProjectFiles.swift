import Foundation
import SluiceEmit
import SluiceModel
import SluicePipelines

/// The project on disk: loading declarations, and comparing or writing the generated files.
public struct ProjectFiles {
    public let root: URL

    public init(root: URL) { self.root = root }

    /// Loads and validates every declaration, YAML and Swift.
    public func load() -> Workspace {
        Workspace.load(root: root, swiftPipelines: SwiftPipelines.registered)
    }

    /// The generated files for a loaded workspace, or the errors that prevent generating.
    public func generate(_ workspace: Workspace) -> Result<[GeneratedFile], ManifestError> {
        guard let project = workspace.project, !workspace.diagnostics.hasErrors else {
            return .failure(ManifestError(workspace.diagnostics.sorted))
        }
        return .success(Generator.files(project: project, pipelines: workspace.pipelines))
    }

    /// A difference between the generated files and what is on disk, with a unified diff of it.
    public struct Drift: Equatable {
        public enum Kind: Equatable {
            /// On disk with other contents: stale, or edited by hand.
            case stale
            /// Not on disk yet.
            case missing
            /// A Sluice-owned file that no declaration produces any more.
            case orphan
        }

        public var kind: Kind
        public var path: String
        /// What `generate` would change, as `diff -u` shows it (`/dev/null` for a created or removed file).
        public var diff: String
    }

    /// Every difference between `files` and the disk, sorted by path.
    public func drift(_ files: [GeneratedFile]) -> [Drift] {
        var drifts: [Drift] = []
        let expected = Set(files.map(\.path))
        for file in files {
            guard let data = FileManager.default.contents(atPath: url(file.path).path) else {
                let diff = UnifiedDiff.render(old: "", new: file.contents, oldName: "/dev/null", newName: "b/\(file.path)")
                drifts.append(Drift(kind: .missing, path: file.path, diff: diff))
                continue
            }
            let current = String(decoding: data, as: UTF8.self)
            if current != file.contents {
                let diff = UnifiedDiff.render(
                    old: current, new: file.contents, oldName: "a/\(file.path)", newName: "b/\(file.path)")
                drifts.append(Drift(kind: .stale, path: file.path, diff: diff))
            }
        }
        for path in ownedFiles() where !expected.contains(path) {
            let current = FileManager.default.contents(atPath: url(path).path).map { String(decoding: $0, as: UTF8.self) }
            let diff = UnifiedDiff.render(old: current ?? "", new: "", oldName: "a/\(path)", newName: "/dev/null")
            drifts.append(Drift(kind: .orphan, path: path, diff: diff))
        }
        return drifts.sorted { $0.path < $1.path }
    }

    /// Writes the files that changed and removes owned files nothing produces; returns what it did.
    public func write(_ files: [GeneratedFile]) throws -> [String] {
        var report: [String] = []
        for drift in drift(files) {
            let path = drift.path
            switch drift.kind {
            case .orphan:
                try FileManager.default.removeItem(at: url(path))
                report.append("removed \(path)")
            case .missing, .stale:
                let file = files.first { $0.path == path }!
                let target = url(path)
                if let existing = FileManager.default.contents(atPath: target.path), !GeneratedFile.isOwned(existing) {
                    throw ProjectFilesError.notOwned(path)
                }
                try FileManager.default.createDirectory(
                    at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: target, options: .atomic)
                report.append("wrote \(path)")
            }
        }
        return report
    }

    /// Relative paths of files under the owned folders that carry the generated-file marker.
    func ownedFiles() -> [String] {
        var paths: [String] = []
        for folder in Generator.ownedFolders {
            let base = url(folder)
            guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey])
            else { continue }
            for case let file as URL in enumerator {
                guard (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                    let handle = try? FileHandle(forReadingFrom: file)
                else { continue }
                let head = (try? handle.read(upToCount: GeneratedFile.markerWindow)) ?? Data()
                try? handle.close()
                if GeneratedFile.isOwned(head) {
                    let relative = file.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)
                    paths.append(String(relative))
                }
            }
        }
        return paths.sorted()
    }

    private func url(_ path: String) -> URL { root.appendingPathComponent(path) }
}

public enum ProjectFilesError: Error, CustomStringConvertible {
    case notOwned(String)

    public var description: String {
        switch self {
        case .notOwned(let path):
            "\(path) exists and was not written by sluice (no '\(GeneratedFile.marker)' marker); move it away first"
        }
    }
}
