import CZlib

/// Compresses to gzip chunk by chunk (the lake's gzipped NDJSON, and test objects). A class for the same
/// reason as `GzipStream`: zlib points back at its stream.
package final class GzipWriter {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    /// The compressed bytes so far; take them with `drain()` to keep memory bounded.
    package private(set) var output: [UInt8] = []

    package init(level: Int32 = 6) {
        stream.initialize(to: z_stream())
        // 15 + 16: gzip framing, largest window; 8: zlib's default memory level.
        _ = deflateInit2_(
            stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    package func write(_ bytes: some Collection<UInt8>) {
        // zlib only reads its input; the cast to a mutable pointer is its C signature's, not a write.
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            run(UnsafeMutableRawBufferPointer(mutating: UnsafeRawBufferPointer(buffer)), flush: Z_NO_FLUSH)
        }
        if done == nil {
            var input = Array(bytes)
            input.withUnsafeMutableBytes { run($0, flush: Z_NO_FLUSH) }
        }
    }

    /// Ends the gzip member; the writer is spent afterwards.
    package func finish() {
        var empty: [UInt8] = []
        empty.withUnsafeMutableBytes { run($0, flush: Z_FINISH) }
    }

    /// Hands over the compressed bytes produced so far.
    package func drain() -> [UInt8] {
        // Handed over, not copied; the next bytes start a small buffer, so a part-sized one is not kept per object.
        let taken = output
        output = []
        return taken
    }

    private func run(_ input: UnsafeMutableRawBufferPointer, flush: Int32) {
        stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = uInt(input.count)
        var status: Int32 = Z_OK
        repeat {
            let produced: Int = buffer.withUnsafeMutableBytes { out in
                stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(out.count)
                status = deflate(stream, flush)
                return out.count - Int(stream.pointee.avail_out)
            }
            output.append(contentsOf: buffer[..<produced])
        } while stream.pointee.avail_out == 0 || (flush == Z_FINISH && status != Z_STREAM_END)
    }
}
