import Foundation
import SluiceJSON

/// The keys a replay of one pipeline, target and window has already handed to the processor, kept in a file under
/// `.sluice/replay/` so that a run cut short resumes where it stopped: a re-run of the same window skips them.
///
/// The file is a header line, then one JSON string (the key) a line, appended as each invocation is accepted; a
/// torn last line (the run killed mid-write) is ignored, so that key is replayed again, which is harmless: outputs
/// overwrite.
final class ReplayCheckpoint {
    let file: URL
    private(set) var done: Set<String>
    private var handle: FileHandle?

    /// The checkpoint of `pipeline` on `target` for `window`, read from `root/.sluice/replay/` if a run left one.
    init(root: URL, pipeline: String, target: String, window: ReplayWindow) throws {
        let name = "\(pipeline)_\(Self.slug(target))_\(Self.slug(window.description)).jsonl"
        file = root.appendingPathComponent(".sluice/replay").appendingPathComponent(name)
        done = []
        guard let data = FileManager.default.contents(atPath: file.path) else { return }
        for line in data.split(separator: UInt8(ascii: "\n")).dropFirst() {
            if case .string(let key)? = try? JSONValue(parsing: line) { done.insert(key) }
        }
    }

    /// Records `key` as done, creating the file (with its header) on the first one.
    func markDone(_ key: String) throws {
        if handle == nil {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: file.path) {
                let header: JSONValue = ["checkpoint": "sluice replay", "file": .string(file.lastPathComponent)]
                try Data((header.compact() + "\n").utf8).write(to: file)
            }
            handle = try FileHandle(forWritingTo: file)
            try handle?.seekToEnd()
        }
        try handle?.write(contentsOf: Data((JSONValue.string(key).compact() + "\n").utf8))
        done.insert(key)
    }

    func close() {
        try? handle?.close()
        handle = nil
    }

    /// A file-name-safe form: letters, digits, `-` and `.`; everything else `_`.
    private static func slug(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") ? $0 : "_" })
    }
}
