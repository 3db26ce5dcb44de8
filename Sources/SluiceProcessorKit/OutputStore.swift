import Foundation
import SluiceRuntime

/// Where output objects go, chunk by chunk: every chunk but the last of a key is at least the part size.
package protocol OutputStore: Sendable {
    /// Adds a chunk to the object `key`.
    func append(key: String, bytes: [UInt8]) async throws
    /// Adds the last chunk (possibly empty) and makes the object visible.
    func finish(key: String, bytes: [UInt8]) async throws
    /// Drops every object begun and not finished, after a failure.
    func abandon() async
}

/// Objects as files under a folder (`sluice process`): each written beside its place and renamed into it when
/// finished, so a failed run leaves no half-written file where a finished one would be.
package final class DirectoryOutputStore: OutputStore, @unchecked Sendable {
    package let root: URL
    private let lock = NSLock()
    private var open: [String: (handle: FileHandle, partial: URL)] = [:]

    package init(root: URL) { self.root = root }

    package func append(key: String, bytes: [UInt8]) async throws {
        try lock.withLock { try handle(for: key).write(contentsOf: bytes) }
    }

    package func finish(key: String, bytes: [UInt8]) async throws {
        try lock.withLock {
            let handle = try handle(for: key)
            try handle.write(contentsOf: bytes)
            try handle.close()
            let partial = open.removeValue(forKey: key)!.partial
            let target = root.appendingPathComponent(key)
            _ = try? FileManager.default.removeItem(at: target)
            try FileManager.default.moveItem(at: partial, to: target)
        }
    }

    package func abandon() async {
        lock.withLock {
            for (_, entry) in open {
                try? entry.handle.close()
                try? FileManager.default.removeItem(at: entry.partial)
            }
            open.removeAll()
        }
    }

    private func handle(for key: String) throws -> FileHandle {
        if let entry = open[key] { return entry.handle }
        guard !key.split(separator: "/").contains(".."), !key.hasPrefix("/") else {
            throw ProcessorError.invalidOutputKey(key)
        }
        let target = root.appendingPathComponent(key)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial")
        guard FileManager.default.createFile(atPath: partial.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: partial.path)
        else { throw ProcessorError.unwritableOutput(partial.path) }
        open[key] = (handle, partial)
        return handle
    }
}

/// Objects in an S3 bucket: a one-chunk object with PutObject, a longer one as a multipart upload whose parts
/// are the chunks. Nothing is visible under the key until it is complete.
package final class S3OutputStore: OutputStore, @unchecked Sendable {
    package let s3: S3Client
    package let bucket: String
    package let contentType: String
    private let lock = NSLock()
    private var uploads: [String: (id: String, etags: [String])] = [:]

    package init(s3: S3Client, bucket: String, contentType: String = "application/gzip") {
        self.s3 = s3
        self.bucket = bucket
        self.contentType = contentType
    }

    package func append(key: String, bytes: [UInt8]) async throws {
        var upload = lock.withLock { uploads[key] }
        if upload == nil {
            let id = try await s3.createMultipartUpload(bucket: bucket, key: key, contentType: contentType)
            upload = (id, [])
            lock.withLock { uploads[key] = upload }
        }
        let id = upload!.id
        let number = upload!.etags.count + 1
        let etag = try await s3.uploadPart(bucket: bucket, key: key, uploadID: id, number: number, body: bytes)
        lock.withLock { uploads[key]?.etags.append(etag) }
    }

    package func finish(key: String, bytes: [UInt8]) async throws {
        guard lock.withLock({ uploads[key] }) != nil else {
            try await s3.putObject(bucket: bucket, key: key, body: bytes, contentType: contentType)
            return
        }
        if !bytes.isEmpty { try await append(key: key, bytes: bytes) }
        let upload = lock.withLock { uploads[key]! }
        try await s3.completeMultipartUpload(bucket: bucket, key: key, uploadID: upload.id, etags: upload.etags)
        lock.withLock { _ = uploads.removeValue(forKey: key) }
    }

    package func abandon() async {
        let pending = lock.withLock {
            defer { uploads.removeAll() }
            return uploads
        }
        // Best effort: the bucket's lifecycle rule aborts whatever is left after seven days.
        for (key, upload) in pending {
            try? await s3.abortMultipartUpload(bucket: bucket, key: key, uploadID: upload.id)
        }
    }
}
