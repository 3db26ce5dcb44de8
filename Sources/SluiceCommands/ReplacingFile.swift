import Foundation

/// Writes a file through a temporary file beside it, renamed over the target only once complete: a failure
/// halfway (a full disk, a bad option found late) keeps the old file, if any, and leaves no partial one.
enum ReplacingFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Creates the temporary file, hands it to `body`, and renames it to `url` when `body` returns.
    @discardableResult
    static func write<Result>(to url: URL, _ body: (FileHandle) throws -> Result) throws -> Result {
        // Renaming over a device or a link would replace it (`--output /dev/null` run as root would remove the
        // device), so only a regular file, or none, may be in the way.
        if let type = try? FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType,
            type != .typeRegular
        {
            throw Failure(description: "cannot write \(url.path): it exists and is not a regular file")
        }
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        // O_EXCL: never write through a file (or link) that is already there.
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            let reason = "cannot create \(temporary.lastPathComponent) beside it: " + String(cString: strerror(code))
            throw Failure(description: "cannot write \(url.path): \(reason)")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        do {
            let result = try body(handle)
            try handle.close()
            guard rename(temporary.path, url.path) == 0 else {
                let code = errno
                throw Failure(description: "cannot write \(url.path): \(String(cString: strerror(code)))")
            }
            return result
        } catch {
            try? handle.close()
            unlink(temporary.path)
            if error is Failure { throw error }
            throw Failure(description: "cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}
