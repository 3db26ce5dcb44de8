import Foundation
import SluiceEmit
import SluiceModel
import SluicePipelines

/// The project on disk: loading declarations, and comparing or writing the generated files.
package struct ProjectFiles: Sendable {
    package let root: URL

    package init(root: URL) { self.root = root }

    /// Loads and validates every declaration, YAML and Swift, columns' sources against their log format's records
    /// included.
    package func load() -> Workspace {
        var workspace = Workspace.load(root: root, swiftPipelines: SwiftPipelines.registered)
        workspace.diagnostics.append(contentsOf: DeclaredSourceCheck.check(workspace.pipelines))
        return workspace
    }

    /// The generated files for a loaded workspace, or the errors that prevent generating.
    package func generate(_ workspace: Workspace) -> Result<[GeneratedFile], ManifestError> {
        guard let project = workspace.project, !workspace.diagnostics.hasErrors else {
            return .failure(ManifestError(workspace.diagnostics.sorted))
        }
        return .success(Generator.files(project: project, pipelines: workspace.pipelines))
    }

    /// A difference between the generated files and what is on disk.
    package struct Drift: Equatable, Sendable {
        package enum Kind: Equatable, Sendable {
            /// On disk with other contents: stale, or edited by hand.
            case stale
            /// Not on disk yet.
            case missing
            /// A Sluice-owned file that no declaration produces any more.
            case orphan
        }

        package var kind: Kind
        package var path: String
        /// The contents on disk (nil when missing) and the generated contents (nil for an orphan).
        var current: String?
        var generated: String?

        /// What `generate` would change, as `diff -u` shows it (`/dev/null` for a created or removed file).
        package var diff: String {
            UnifiedDiff.render(
                old: current ?? "", new: generated ?? "", oldName: current == nil ? "/dev/null" : "a/\(path)",
                newName: generated == nil ? "/dev/null" : "b/\(path)")
        }
    }

    /// Every difference between `files` and the disk, sorted by path.
    package func drift(_ files: [GeneratedFile]) -> [Drift] {
        var drifts: [Drift] = []
        let expected = Set(files.map(\.path))
        for file in files {
            let type = (try? FileManager.default.attributesOfItem(atPath: url(file.path).path))?[.type]
            // A FIFO or device at a generated file's path is a foreign entry (`foreignEntries`): reading one could
            // block, and replacing it would hide it.
            if let type = type as? FileAttributeType, type != .typeRegular, type != .typeSymbolicLink { continue }
            guard let data = FileManager.default.contents(atPath: url(file.path).path) else {
                drifts.append(Drift(kind: .missing, path: file.path, current: nil, generated: file.contents))
                continue
            }
            // Compare bytes first: decoding every unchanged file only to compare it would double the work.
            if Self.same(data, file.contents) { continue }
            let current = String(decoding: data, as: UTF8.self)
            drifts.append(Drift(kind: .stale, path: file.path, current: current, generated: file.contents))
        }
        for path in ownedFiles() where !expected.contains(path) {
            let current = FileManager.default.contents(atPath: url(path).path).map {
                String(decoding: $0, as: UTF8.self)
            }
            drifts.append(Drift(kind: .orphan, path: path, current: current ?? "", generated: nil))
        }
        return drifts.sorted { $0.path < $1.path }
    }

    /// What `write` did to one file; `path` is relative to the root.
    package struct FileAction: Equatable, Sendable {
        package enum Verb: String, Sendable { case wrote, removed }
        package var verb: Verb
        package var path: String
    }

    /// Writes the files that changed and removes owned files nothing produces; returns what it did.
    /// Refuses, before touching anything, when a file to replace was not written by Sluice.
    package func write(_ files: [GeneratedFile]) throws -> [FileAction] {
        let linked = linkedPaths(files)
        if !linked.isEmpty { throw ProjectFilesError.symbolicLinks(linked) }
        let blocking = foreignEntries(files).filter(\.blocksGenerate)
        if !blocking.isEmpty { throw ProjectFilesError.foreign(blocking) }
        let drifts = drift(files)
        let foreign = drifts.filter { $0.kind == .stale && !GeneratedFile.isOwned(Array(($0.current ?? "").utf8)) }
        if !foreign.isEmpty { throw ProjectFilesError.notOwned(foreign.map(\.path)) }
        var report: [FileAction] = []
        var writes: [Drift] = []
        for drift in drifts {
            switch drift.kind {
            case .orphan:
                try FileManager.default.removeItem(at: url(drift.path))
                report.append(FileAction(verb: .removed, path: drift.path))
            case .missing, .stale:
                try FileManager.default.createDirectory(
                    at: url(drift.path).deletingLastPathComponent(), withIntermediateDirectories: true)
                writes.append(drift)
                report.append(FileAction(verb: .wrote, path: drift.path))
            }
        }
        // Atomic writes, so an interrupted run never leaves half a file; spread over the cores, since creating
        // many files is most of a fresh generate.
        let failures = ConcurrentMap.map(writes) { drift -> String? in
            do {
                try Data((drift.generated ?? "").utf8).write(to: url(drift.path), options: .atomic)
                return nil
            } catch {
                return "\(drift.path): \(error.localizedDescription)"
            }
        }.compactMap { $0 }
        if !failures.isEmpty { throw ProjectFilesError.writeFailed(failures) }
        return report
    }

    /// Byte equality through memcmp; iterating `Data` byte by byte costs more than generating the file.
    static func same(_ data: Data, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            data.count == utf8.count
                && data.withUnsafeBytes { bytes in
                    utf8.isEmpty || memcmp(bytes.baseAddress!, utf8.baseAddress!, utf8.count) == 0
                }
        }
    }

    /// Relative paths of files under the owned folders that carry the generated-file marker.
    func ownedFiles() -> [String] {
        var paths: [String] = []
        for folder in Generator.ownedFolders {
            let base = url(folder)
            guard
                let enumerator = FileManager.default.enumerator(
                    at: base, includingPropertiesForKeys: [.isRegularFileKey])
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

    /// The owned folders, and the folders and files below them that `files` would write, that are symbolic links:
    /// following one would carry writes and removals outside the root (and show files from there in diffs).
    package func linkedPaths(_ files: [GeneratedFile]) -> [String] {
        let paths = Generator.ownedFolders + files.map(\.path) + ownedFiles()
        return Set(paths.compactMap(symbolicLink(in:))).union(linksInOwnedFolders()).sorted()
    }

    /// The first part of `path` (relative to the root), itself included, that is a symbolic link; nil when none is.
    func symbolicLink(in path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            parts.append(part)
            let relative = parts.joined(separator: "/")
            let target = url(relative).path
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: target)) != nil { return relative }
            if !FileManager.default.fileExists(atPath: target) { return nil }
        }
        return nil
    }
}

package enum ProjectFilesError: Error, CustomStringConvertible {
    /// Files in the way that Sluice did not write; nothing was changed.
    case notOwned([String])
    case writeFailed([String])
    /// Owned folders or files that are symbolic links; nothing was changed.
    case symbolicLinks([String])
    /// Entries in `generated/` that Sluice did not write and Terraform would read, or that are not regular files;
    /// nothing was changed.
    case foreign([ForeignEntry])

    /// The message with paths as given (relative to the root).
    package var description: String { message { $0 } }

    /// The message with each path named by `show` (from the current directory, as diagnostics name files).
    package func message(showing show: (String) -> String) -> String {
        switch self {
        case .notOwned(let paths):
            "\(paths.map(show).joined(separator: ", ")) exist\(paths.count == 1 ? "s" : "") and "
                + "\(paths.count == 1 ? "was" : "were") not written by sluice (no '\(GeneratedFile.marker)' marker); "
                + "move \(paths.count == 1 ? "it" : "them") away first. Nothing was changed."
        case .symbolicLinks(let paths):
            "\(paths.map(show).joined(separator: ", ")) "
                + "\(paths.count == 1 ? "is a symbolic link" : "are symbolic links"); "
                + "sluice writes generated files only into real folders inside the project root, never through a "
                + "link (it could lead outside the root). Replace \(paths.count == 1 ? "it" : "them") with a real "
                + "folder or file. Nothing was changed."
        case .foreign(let entries):
            "\(entries.map { show($0.path) + ($0.notRegular ? " (not a regular file)" : "") }.joined(separator: ", ")) "
                + "\(entries.count == 1 ? "is" : "are") in generated/ but not written by sluice, and "
                + "\(entries.count == 1 ? "is" : "are") not a plain file or would be read by Terraform with the "
                + "stack (the deploy job applies it with deploy rights). Delete \(entries.count == 1 ? "it" : "them") "
                + "or move \(entries.count == 1 ? "it" : "them") out of generated/. Nothing was changed."
        case .writeFailed(let failures):
            "cannot write: " + failures.joined(separator: "; ")
        }
    }
}
