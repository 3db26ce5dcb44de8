import Foundation
import SluiceEmit

/// Where terraform runs for a stack: a copy of the stack's generated Terraform files under `.sluice/`, never the
/// generated folder itself, so `terraform init`'s working folder and lock file stay out of `generated/` (which
/// `check` keeps to Sluice's own files) and the files applied are exactly those the folder holds at plan time.
enum StackWorkspace {
    /// The copy of `stack` under `folder` (relative to `root`).
    static func directory(stack: String, root: URL, folder: String) -> URL {
        root.appendingPathComponent(folder).appendingPathComponent(stack)
    }

    /// Replaces the copy's Terraform files with the stack's current ones, plus `extra` files; returns the copy.
    /// Terraform's working folder in the copy is kept, so a second init reuses its providers.
    static func prepare(stack: String, root: URL, folder: String, extra: [(name: String, contents: String)] = [])
        throws -> URL
    {
        let fileManager = FileManager.default
        let copy = directory(stack: stack, root: root, folder: folder)
        try fileManager.createDirectory(at: copy, withIntermediateDirectories: true)
        let source = root.appendingPathComponent("\(TerraformEmitter.folder)/\(stack)")
        for name in try fileManager.contentsOfDirectory(atPath: copy.path) where name.hasSuffix(".tf.json") {
            try fileManager.removeItem(at: copy.appendingPathComponent(name))
        }
        for name in try fileManager.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".tf.json") {
            try fileManager.copyItem(at: source.appendingPathComponent(name), to: copy.appendingPathComponent(name))
        }
        for file in extra {
            try Data(file.contents.utf8).write(to: copy.appendingPathComponent(file.name))
        }
        return copy
    }
}
