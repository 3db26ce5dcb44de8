import CZlib

/// Reads a gzip member header (RFC 1952 section 2.3) a byte at a time, so a header split across chunks reads
/// the same as a whole one. Holds the header's bytes: a candidate that turns out not to be a header is junk.
struct GzipHeaderParser {
    enum Status: Equatable {
        case needMore
        /// Not a header. `early`: it failed within its first four bytes (magic and flags), so a header may
        /// still begin at its second byte; later failures make the whole candidate junk, which keeps the
        /// resynchronisation linear in the object's size.
        case invalid(early: Bool)
        case complete
    }

    /// A header longer than this (a file name or comment without its terminating zero) is not one.
    static let maximumBytes = 128 * 1024

    private(set) var bytes: [UInt8] = []
    private var flags: UInt8 = 0
    /// The field being read, and how many bytes of it are left (for the fields of known length).
    private var field = Field.fixed
    private var left = 0

    private enum Field { case fixed, extraLength, extra, name, comment, headerCRC }

    init() {}

    /// Takes bytes from `input` up to the header's end or its failure; returns how many it took.
    mutating func consume(_ input: UnsafeRawBufferPointer) -> (used: Int, status: Status) {
        var used = 0
        while used < input.count {
            bytes.append(input[used])
            used += 1
            let status = step(bytes[bytes.count - 1])
            if status != .needMore { return (used, status) }
        }
        return (used, .needMore)
    }

    /// Checks the header as far as its bytes go, after each new byte.
    private mutating func step(_ byte: UInt8) -> Status {
        let count = bytes.count
        if count > Self.maximumBytes { return .invalid(early: false) }
        switch field {
        case .fixed:
            switch count {
            case 1: return byte == 0x1f ? .needMore : .invalid(early: true)
            case 2: return byte == 0x8b ? .needMore : .invalid(early: true)
            case 3: return byte == 8 ? .needMore : .invalid(early: true)  // deflate, the only method
            case 4:
                flags = byte
                return flags & 0xe0 == 0 ? .needMore : .invalid(early: true)
            case ..<10: return .needMore
            default: return next(after: .fixed)
            }
        case .extraLength:
            guard count == 12 else { return .needMore }
            left = Int(bytes[10]) | Int(bytes[11]) << 8
            return left == 0 ? next(after: .extra) : advance(to: .extra)
        case .extra:
            left -= 1
            return left == 0 ? next(after: .extra) : .needMore
        case .name: return byte == 0 ? next(after: .name) : .needMore
        case .comment: return byte == 0 ? next(after: .comment) : .needMore
        case .headerCRC:
            left -= 1
            guard left == 0 else { return .needMore }
            // FHCRC: the low 16 bits of the CRC-32 of the header before it.
            let end = count - 2
            let crc = bytes.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt(end)) }
            let stored = UInt16(bytes[end]) | UInt16(bytes[end + 1]) << 8
            return UInt16(truncatingIfNeeded: crc) == stored ? .complete : .invalid(early: false)
        }
    }

    private mutating func advance(to field: Field) -> Status {
        self.field = field
        return .needMore
    }

    /// Moves to the field after `field` that the flags announce, or completes the header.
    private mutating func next(after field: Field) -> Status {
        switch field {
        case .fixed where flags & 0x04 != 0: return advance(to: .extraLength)
        case .fixed, .extraLength, .extra:
            if flags & 0x08 != 0 { return advance(to: .name) }
            fallthrough
        case .name:
            if flags & 0x10 != 0 { return advance(to: .comment) }
            fallthrough
        case .comment:
            if flags & 0x02 != 0 {
                left = 2
                return advance(to: .headerCRC)
            }
            return .complete
        case .headerCRC: return .complete
        }
    }
}
