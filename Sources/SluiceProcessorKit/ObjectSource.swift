import Foundation
import SluiceProcessing
import SluiceRuntime

/// An input object read in ranges: S3 in Lambda, a file under `sluice process`. Reading it twice (once for the
/// lookup keys, once for the rows) keeps memory bounded without a copy on disk.
package protocol ObjectSource: Sendable {
    /// Up to `length` bytes from `offset`, and the object's whole size.
    func read(offset: Int, length: Int) async throws -> (bytes: [UInt8], size: Int)
}

/// A local file.
package struct FileObjectSource: ObjectSource {
    package let path: String

    package init(path: String) { self.path = path }

    package func read(offset: Int, length: Int) async throws -> (bytes: [UInt8], size: Int) {
        if let problem = LocalFileCheck.unreadableFile(path) {
            throw ProcessorError.unreadableInput("\(path): \(problem)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ProcessorError.unreadableInput("\(path): cannot be opened")
        }
        defer { try? handle.close() }
        do {
            let size = Int(try handle.seekToEnd())
            try handle.seek(toOffset: UInt64(offset))
            let data = try handle.read(upToCount: length) ?? Data()
            return ([UInt8](data), size)
        } catch {
            throw ProcessorError.unreadableInput("\(path): \(LocalFileCheck.reason(error))")
        }
    }
}

/// An S3 object, read by ranges pinned to the ETag of the first read, so that an object replaced mid-run
/// fails the run instead of mixing two versions.
package final class S3ObjectSource: ObjectSource, @unchecked Sendable {
    package let s3: S3Client
    package let bucket: String
    package let key: String
    private let lock = NSLock()
    private var etag: String?

    package init(s3: S3Client, bucket: String, key: String) {
        self.s3 = s3
        self.bucket = bucket
        self.key = key
    }

    package func read(offset: Int, length: Int) async throws -> (bytes: [UInt8], size: Int) {
        let pinned = lock.withLock { etag }
        let range = try await s3.getObject(bucket: bucket, key: key, offset: offset, length: length, ifMatch: pinned)
        lock.withLock { if etag == nil { etag = range.etag } }
        return (range.bytes, range.objectSize)
    }
}

/// Feeds `source` to `feed` in slices of `slice` bytes, fetching `range` bytes at a time, and awaits
/// `afterSlice` after each (where the caller uploads what is ready, which bounds memory).
func forEachSlice(
    of source: any ObjectSource, range: Int, slice: Int, feed: (UnsafeRawBufferPointer) -> Void,
    afterSlice: () async throws -> Void
) async throws {
    var offset = 0
    while true {
        let (bytes, size) = try await source.read(offset: offset, length: range)
        var start = 0
        while start < bytes.count {
            let end = min(start + slice, bytes.count)
            bytes[start..<end].withUnsafeBytes { feed($0) }
            try await afterSlice()
            start = end
        }
        offset += bytes.count
        if bytes.isEmpty || offset >= size { return }
    }
}
