import Foundation
import SluiceEmit

/// What is in `generated/` that Sluice did not write: the pull-request gate's blind spot, since the deploy job
/// applies every Terraform file of a stack folder, whoever wrote it.
///
/// `generated/` is Sluice's alone (unlike `.github/workflows/` and `Sources/Processors/`, which hold the user's own
/// workflows and transforms beside the generated files), so `check` fails on any entry listed here, and `generate`
/// refuses, before changing anything, on the ones Terraform would read or that are not plain files.
package struct ForeignEntry: Equatable, Sendable {
    /// Relative to the root.
    package var path: String
    /// Not a regular file or folder (a FIFO, socket or device): reading it could block, and replacing it hides it.
    package var notRegular: Bool
    /// Inside a stack folder, with a name Terraform reads (`*.tf`, `*.tf.json`, `*.tfvars*`, `.terraform*`).
    package var readByTerraform: Bool

    /// Whether `generate` refuses to run while this entry is there.
    package var blocksGenerate: Bool { notRegular || readByTerraform }

    /// Whether Terraform picks up an entry of this name in a stack folder: configuration, overrides, variable
    /// files, and its working folder and lock file (which hold module and provider choices).
    static func isReadByTerraform(_ name: String) -> Bool {
        name.hasSuffix(".tf") || name.hasSuffix(".tf.json") || name.contains(".tfvars") || name.hasPrefix(".terraform")
    }
}

extension ProjectFiles {
    /// The folder whose every entry Sluice writes.
    static let outputFolder = "generated"

    /// Entries under `generated/` that no declaration produces and that carry no generated-file marker (owned
    /// files nothing produces any more are orphans, which `generate` removes), and any entry there that is neither
    /// a regular file nor a folder, even at a generated file's path. Symbolic links are left to `linkedPaths`.
    package func foreignEntries(_ files: [GeneratedFile]) -> [ForeignEntry] {
        let expected = Set(files.map(\.path))
        let base = root.appendingPathComponent(Self.outputFolder)
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var found: [ForeignEntry] = []
        while let next = enumerator.nextObject() as? String {
            let relative = "\(Self.outputFolder)/\(next)"
            let full = root.appendingPathComponent(relative).path
            guard let type = (try? FileManager.default.attributesOfItem(atPath: full))?[.type] as? FileAttributeType
            else { continue }
            let name = (next as NSString).lastPathComponent
            let inStack = relative.hasPrefix(TerraformEmitter.folder + "/")
            let readByTerraform = inStack && ForeignEntry.isReadByTerraform(name)
            switch type {
            case .typeSymbolicLink:
                continue
            case .typeDirectory:
                // Terraform's working folder is foreign as a whole; other folders only hold entries.
                guard readByTerraform else { continue }
                enumerator.skipDescendants()
                found.append(ForeignEntry(path: relative, notRegular: false, readByTerraform: true))
            case .typeRegular:
                guard !expected.contains(relative), !Self.carriesMarker(full) else { continue }
                found.append(ForeignEntry(path: relative, notRegular: false, readByTerraform: readByTerraform))
            default:
                found.append(ForeignEntry(path: relative, notRegular: true, readByTerraform: readByTerraform))
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    /// Whether the regular file at `path` starts with the generated-file marker.
    static func carriesMarker(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return GeneratedFile.isOwned((try? handle.read(upToCount: GeneratedFile.markerWindow)) ?? Data())
    }

    /// Every symbolic link at or below the owned folders.
    func linksInOwnedFolders() -> [String] {
        var links: [String] = []
        // A linked owned folder is reported itself (`symbolicLink(in:)`); what it leads to is not looked into.
        for folder in Generator.ownedFolders where symbolicLink(in: folder) == nil {
            guard let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)
            else { continue }
            while let next = enumerator.nextObject() as? String {
                let relative = "\(folder)/\(next)"
                let path = root.appendingPathComponent(relative).path
                let attributes = try? FileManager.default.attributesOfItem(atPath: path)
                if attributes?[.type] as? FileAttributeType == .typeSymbolicLink { links.append(relative) }
            }
        }
        return links
    }
}
