import CZlib

/// Splits an object into gzip members and the bytes between them, inflating each member chunk by chunk with
/// bounded memory. Every byte of the input ends in exactly one member or one unreadable range, so a caller can
/// account for all of them: a member whose trailer check fails, or that is cut short, still hands out what it
/// inflated; bytes that are not gzip are skipped up to the next member header (`1f 8b 08`) and reported.
/// A class: zlib keeps a pointer back to its stream, whose address must not move.
public final class GzipMemberReader {
    /// What went wrong with a member whose data was inflated.
    public enum Problem: Sendable, Equatable {
        /// The trailer's CRC-32 is not that of the inflated data.
        case badCRC(stored: UInt32, computed: UInt32)
        /// The trailer's ISIZE is not the inflated length (mod 2^32).
        case badISIZE(stored: UInt32, computed: UInt32)
        /// The input ended inside the member's data or trailer.
        case truncated
        /// The deflate data is corrupt (zlib's message); the rest of the member is unreadable.
        case corrupt(String)
    }

    /// Why a range of bytes was not inflated.
    public enum UnreadableReason: Sendable, Equatable {
        /// The object holds no gzip member at all.
        case notGzip
        case beforeFirstMember
        case betweenMembers
        case afterLastMember
        /// The rest of a member whose deflate data is corrupt, up to the next member header.
        case restOfCorruptMember
        /// The input ended inside a member's header.
        case truncatedHeader
    }

    /// A member, reported once it ends.
    public struct Member: Sendable, Equatable {
        public var offset: Int
        public var length: Int
        /// Nil when the member is whole and its trailer matches its data.
        public var problem: Problem?
    }

    /// A range of bytes that was not inflated, reported once it ends, with its first bytes.
    public struct Unreadable: Sendable, Equatable {
        public var offset: Int
        public var length: Int
        public var reason: UnreadableReason
        /// Up to `headBytes` of the range's first bytes.
        public var head: [UInt8]
    }

    public enum Event {
        case memberStart(offset: Int)
        /// Inflated bytes of the current member.
        case data(UnsafeRawBufferPointer)
        case memberEnd(Member)
        case unreadable(Unreadable)
    }

    /// How many first bytes of an unreadable range are kept.
    public static let headBytes = 64 * 1024

    private enum State { case boundary, header, deflate, trailer, junk }

    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var buffer: [UInt8]
    private var state = State.boundary
    /// The offset of the next byte to read.
    public private(set) var position = 0
    /// Bytes in members (whole or not) and in unreadable ranges so far: their sum is `position`.
    public private(set) var memberBytes = 0
    public private(set) var unreadableBytes = 0
    private var membersSeen = 0
    private var afterCorruptMember = false

    private var header = GzipHeaderParser()
    private var headerOffset = 0
    private var memberOffset = 0
    private var crc: uLong = 0
    private var inflated: UInt32 = 0
    private var trailer: [UInt8] = []
    private var junkOffset: Int?
    private var junkHead: [UInt8] = []

    /// - Parameter outputSize: bytes inflated at a time; memory stays bounded by it whatever the object's size.
    public init(outputSize: Int = 256 * 1024) {
        buffer = [UInt8](repeating: 0, count: max(outputSize, 1))
        stream.initialize(to: z_stream())
        // Raw deflate: the gzip framing is read here, so that each failure has its offset and reason.
        _ = inflateInit2_(stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Whether the bytes so far end where a member ended (or nothing has been read): no member, header or
    /// unreadable range is open.
    public var atBoundary: Bool { state == .boundary && junkOffset == nil }

    /// Reads the next bytes of the object, handing out what they produce.
    public func feed(_ input: UnsafeRawBufferPointer, _ handle: (Event) -> Void) {
        var index = 0
        while index < input.count {
            let rest = UnsafeRawBufferPointer(rebasing: input[index...])
            switch state {
            case .boundary: index += startAt(rest, handle)
            case .junk: index += skipJunk(rest)
            case .header: index += readHeader(rest, handle)
            case .deflate: index += inflate(rest, handle)
            case .trailer: index += readTrailer(rest, handle)
            }
        }
    }

    /// Ends the object: reports the member or range it ended in.
    public func finish(_ handle: (Event) -> Void) {
        switch state {
        case .boundary: break
        case .junk: closeJunk(at: position, atEnd: true, handle)
        case .header:
            if junkOffset != nil {
                addJunk(header.bytes)
                closeJunk(at: position, atEnd: true, handle)
            } else {
                let bytes = header.bytes
                unreadableBytes += bytes.count
                handle(
                    .unreadable(
                        Unreadable(
                            offset: headerOffset, length: bytes.count, reason: .truncatedHeader,
                            head: Array(bytes.prefix(Self.headBytes)))))
            }
        case .deflate, .trailer: endMember(.truncated, handle)
        }
        state = .boundary
    }

    /// At a member boundary (or resynchronising): a member header may start here; anything else is junk.
    private func startAt(_ input: UnsafeRawBufferPointer, _ handle: (Event) -> Void) -> Int {
        if input[0] == 0x1f {
            header = GzipHeaderParser()
            headerOffset = position
            state = .header
            return readHeader(input, handle)
        }
        if junkOffset == nil { junkOffset = position }
        addJunk(UnsafeRawBufferPointer(rebasing: input[..<1]))
        position += 1
        state = .junk
        return 1
    }

    /// Skips bytes up to the next possible header start.
    private func skipJunk(_ input: UnsafeRawBufferPointer) -> Int {
        let end = input.firstIndex(of: 0x1f) ?? input.count
        addJunk(UnsafeRawBufferPointer(rebasing: input[..<end]))
        position += end
        if end < input.count { state = .boundary }
        return end
    }

    private func readHeader(_ input: UnsafeRawBufferPointer, _ handle: (Event) -> Void) -> Int {
        let (used, status) = header.consume(input)
        position += used
        switch status {
        case .needMore: break
        case .complete:
            if junkOffset != nil { closeJunk(at: headerOffset, atEnd: false, handle) }
            afterCorruptMember = false
            memberOffset = headerOffset
            crc = crc32(0, nil, 0)
            inflated = 0
            inflateReset(stream)
            state = .deflate
            handle(.memberStart(offset: memberOffset))
        case .invalid(let early):
            // Not a header: its first byte is junk, and (when it failed early) a header may start at the next.
            if junkOffset == nil { junkOffset = headerOffset }
            let candidate = header.bytes
            state = .junk
            if early {
                addJunk(candidate[..<1])
                position = headerOffset + 1
                state = .boundary
                candidate[1...].withUnsafeBytes { feed($0, handle) }
            } else {
                addJunk(candidate)
            }
        }
        return used
    }

    private func inflate(_ input: UnsafeRawBufferPointer, _ handle: (Event) -> Void) -> Int {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(min(input.count, Int(UInt32.max)))
        let offered = Int(stream.pointee.avail_in)
        var status: Int32 = Z_OK
        repeat {
            let produced: Int = buffer.withUnsafeMutableBytes { out in
                stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(out.count)
                status = CZlib.inflate(stream, Z_NO_FLUSH)
                return out.count - Int(stream.pointee.avail_out)
            }
            if produced > 0 {
                buffer.withUnsafeBytes { out in
                    crc = crc32(crc, out.baseAddress!.assumingMemoryBound(to: Bytef.self), uInt(produced))
                    inflated &+= UInt32(truncatingIfNeeded: produced)
                    handle(.data(UnsafeRawBufferPointer(rebasing: out[..<produced])))
                }
            }
            if status == Z_BUF_ERROR || (status == Z_OK && stream.pointee.avail_out > 0) { break }
        } while status == Z_OK
        let used = offered - Int(stream.pointee.avail_in)
        position += used
        if status == Z_STREAM_END {
            trailer = []
            state = .trailer
        } else if used == 0 || (status != Z_OK && status != Z_BUF_ERROR) {
            // Corrupt data: what was inflated stays delivered; the rest, up to a header, is unreadable.
            // (No progress on non-empty input cannot happen with room for output; it ends the member rather than
            // looping.)
            let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            endMember(.corrupt(message), handle)
            afterCorruptMember = true
        }
        return used
    }

    private func readTrailer(_ input: UnsafeRawBufferPointer, _ handle: (Event) -> Void) -> Int {
        let used = min(8 - trailer.count, input.count)
        trailer.append(contentsOf: input[..<used])
        position += used
        guard trailer.count == 8 else { return used }
        func word(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(trailer[at + $1]) << (8 * $1) } }
        let computed = UInt32(truncatingIfNeeded: crc)
        let problem: Problem? =
            if word(0) != computed {
                .badCRC(stored: word(0), computed: computed)
            } else if word(4) != inflated {
                .badISIZE(stored: word(4), computed: inflated)
            } else {
                nil
            }
        endMember(problem, handle)
        return used
    }

    private func endMember(_ problem: Problem?, _ handle: (Event) -> Void) {
        let length = position - memberOffset
        memberBytes += length
        membersSeen += 1
        afterCorruptMember = false
        state = .boundary
        handle(.memberEnd(Member(offset: memberOffset, length: length, problem: problem)))
    }

    private func addJunk<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        let room = Self.headBytes - junkHead.count
        if room > 0 { junkHead.append(contentsOf: bytes.prefix(room)) }
    }

    private func closeJunk(at end: Int, atEnd: Bool, _ handle: (Event) -> Void) {
        guard let offset = junkOffset else { return }
        let reason: UnreadableReason =
            if afterCorruptMember {
                .restOfCorruptMember
            } else if membersSeen == 0 {
                atEnd ? .notGzip : .beforeFirstMember
            } else {
                atEnd ? .afterLastMember : .betweenMembers
            }
        unreadableBytes += end - offset
        handle(.unreadable(Unreadable(offset: offset, length: end - offset, reason: reason, head: junkHead)))
        junkOffset = nil
        junkHead = []
        afterCorruptMember = false
    }
}
