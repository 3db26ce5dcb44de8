import CZlib

/// Inflates a gzip stream chunk by chunk with bounded memory, across the several gzip members Firehose
/// concatenates into one object. A class: zlib keeps a pointer back to its stream, whose address must not move.
public final class GzipStream {
    public enum Failure: Error, Equatable, Sendable {
        /// The bytes are not gzip, or are corrupt.
        case corrupt(String)
        /// The input ended inside a member.
        case truncated
    }

    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var insideMember = false
    private var buffer: [UInt8]

    /// - Parameter outputSize: bytes inflated at a time; memory stays bounded by it whatever the object's size.
    public init(outputSize: Int = 256 * 1024) {
        buffer = [UInt8](repeating: 0, count: outputSize)
        stream.initialize(to: z_stream())
        // 15 + 16: gzip framing only, with the largest window.
        _ = inflateInit2_(stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Inflates `input`, handing each piece of output to `output` as it is produced.
    public func feed(_ input: UnsafeRawBufferPointer, _ output: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard !input.isEmpty else { return }
        var remaining = input
        while !remaining.isEmpty {
            stream.pointee.next_in = UnsafeMutablePointer(mutating: remaining.baseAddress!.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = uInt(remaining.count)
            insideMember = true
            var status: Int32 = Z_OK
            repeat {
                let produced: Int = buffer.withUnsafeMutableBytes { out in
                    stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.pointee.avail_out = uInt(out.count)
                    status = inflate(stream, Z_NO_FLUSH)
                    return out.count - Int(stream.pointee.avail_out)
                }
                if status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR {
                    let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    throw Failure.corrupt(message)
                }
                if produced > 0 { try buffer.withUnsafeBytes { try output(UnsafeRawBufferPointer(rebasing: $0[..<produced])) } }
                if status == Z_BUF_ERROR && produced == 0 { break }
            } while status != Z_STREAM_END && (stream.pointee.avail_in > 0 || stream.pointee.avail_out == 0)
            let consumed = remaining.count - Int(stream.pointee.avail_in)
            remaining = UnsafeRawBufferPointer(rebasing: remaining[consumed...])
            if status == Z_STREAM_END {
                // One member ended; another may follow in the same object.
                insideMember = false
                inflateReset(stream)
            } else if consumed == 0 {
                break
            }
        }
    }

    /// Call at the end of the input: fails when it stopped inside a member.
    public func finish() throws {
        if insideMember { throw Failure.truncated }
    }
}
