import Foundation
import SluiceEmit
import SluiceModel

extension ProjectFiles {
    /// Writes each of `files` whose path holds nothing yet (a `Transform.swift` scaffold), and never replaces or
    /// removes one: from its first write the file is its author's.
    func writeMissing(_ files: [GeneratedFile]) throws -> [FileAction] {
        var actions: [FileAction] = []
        for file in files {
            let target = root.appendingPathComponent(file.path)
            // A symbolic link (even a dangling one) is something in place: writing through it could land anywhere.
            let linked = (try? FileManager.default.destinationOfSymbolicLink(atPath: target.path)) != nil
            guard !linked, !FileManager.default.fileExists(atPath: target.path) else { continue }
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: target, options: .atomic)
            actions.append(FileAction(verb: .wrote, path: file.path))
        }
        return actions
    }

    /// Writes the package manifest's processor list when it is stale; nothing when it is current, or when the
    /// manifest is absent or has no list (`ProcessorBuildCheck` says what to add then).
    func writePackageList(_ pipelines: [Pipeline]) throws -> FileAction? {
        let target = root.appendingPathComponent(PackageProcessorList.path)
        guard let data = FileManager.default.contents(atPath: target.path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard
            case .stale(let updated) = PackageProcessorList.state(
                of: text, targets: PackageProcessorList.targets(pipelines))
        else {
            return nil
        }
        try Data(updated.utf8).write(to: target, options: .atomic)
        return FileAction(verb: .wrote, path: PackageProcessorList.path)
    }
}
