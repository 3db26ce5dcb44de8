import CSnappy
import CZlib
import CZstd

/// Compresses one page's bytes with the file's codec (Parquet's Compression.md): SNAPPY is the raw block format
/// (not framed), ZSTD a single frame, GZIP a gzip stream (RFC 1952, zlib's `windowBits` 15 + 16).
package struct PageCompressor {
    package let codec: ParquetCompression
    /// zstd level 1 and zlib level 6 (zlib's default): zstd's fastest keeps the processor's throughput, and a
    /// table that asks for gzip asks for size.
    package static let zstdLevel: Int32 = 1
    package static let gzipLevel: Int32 = 6

    package init(_ codec: ParquetCompression) { self.codec = codec }

    /// Appends `input` compressed to `out`; returns the compressed length.
    @discardableResult
    package func compress(_ input: [UInt8], appendingTo out: inout [UInt8]) -> Int {
        switch codec {
        case .uncompressed:
            out.append(contentsOf: input)
            return input.count
        case .snappy:
            return append(to: &out, capacity: snappy_max_compressed_length(input.count)) { destination, capacity in
                var length = capacity
                let status = input.withUnsafeBufferPointer { source in
                    snappy_compress(
                        UnsafeRawPointer(source.baseAddress!).assumingMemoryBound(to: CChar.self), source.count,
                        UnsafeMutableRawPointer(destination).assumingMemoryBound(to: CChar.self), &length)
                }
                precondition(status == SNAPPY_OK, "snappy_compress failed with a buffer of its own bound")
                return length
            }
        case .zstd:
            return append(to: &out, capacity: ZSTD_compressBound(input.count)) { destination, capacity in
                let length = input.withUnsafeBufferPointer { source in
                    ZSTD_compress(destination, capacity, source.baseAddress!, source.count, Self.zstdLevel)
                }
                precondition(ZSTD_isError(length) == 0, "ZSTD_compress failed with a buffer of its own bound")
                return length
            }
        case .gzip:
            return gzip(input, appendingTo: &out)
        }
    }

    /// Grows `out` by `capacity`, lets `body` write into the new space, and trims it to what was written.
    private func append(
        to out: inout [UInt8], capacity: Int, _ body: (UnsafeMutablePointer<UInt8>, Int) -> Int
    ) -> Int {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: capacity))
        let written = out.withUnsafeMutableBufferPointer { buffer in
            body(buffer.baseAddress! + start, capacity)
        }
        out.removeLast(capacity - written)
        return written
    }

    private func gzip(_ input: [UInt8], appendingTo out: inout [UInt8]) -> Int {
        var stream = z_stream()
        let initialized = deflateInit2_(
            &stream, Self.gzipLevel, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size))
        precondition(initialized == Z_OK, "deflateInit2 failed: zlib could not allocate its state")
        defer { deflateEnd(&stream) }
        // deflateBound plus the gzip header and trailer (deflateBound counts a zlib wrapper only).
        let capacity = Int(deflateBound(&stream, UInt(input.count))) + 32
        return append(to: &out, capacity: capacity) { destination, capacity in
            input.withUnsafeBufferPointer { source in
                // zlib's next_in is not const, but deflate only reads it.
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = UInt32(source.count)
                stream.next_out = destination
                stream.avail_out = UInt32(capacity)
                let status = deflate(&stream, Z_FINISH)
                precondition(status == Z_STREAM_END, "deflate did not finish within deflateBound")
                return capacity - Int(stream.avail_out)
            }
        }
    }
}
