import CZlib

/// Splits an object into gzip members and the bytes between them, inflating each member chunk by chunk with
/// bounded memory. Every byte of the input ends in exactly one member or one unreadable range, so a caller can
/// account for all of them: a member whose trailer check fails, or that is cut short, still hands out what it
/// inflated; bytes that are not gzip are skipped up to the next member header (`1f 8b 08`) and reported.
///
/// Resynchronising: a member is tentative until it verifies, or has taken `replayLimit` bytes of input or
/// inflated `heldLimit` bytes. While tentative, its input is kept and its output held back. When it fails
/// (a header that cannot complete, corrupt deflate data, the object's end, a bad trailer), the search for the
/// next header starts again one byte after its start: if a `1f 8b 08` lies within what it took, its bytes up to
/// there are one unreadable range (`failedMember`), its held output is dropped (never delivered, so no line is
/// read twice), and the kept input is read again from there. A member that fails after it stopped being
/// tentative keeps its delivered lines, flagged, and reading resumes after what it took, as a corrupt member's
/// rest is skipped. Linear: the bytes read again are at most twice the object's plus a constant (`replayBudget`);
/// past that, failed members are treated as committed ones. Memory stays bounded by the two limits.
/// A class: zlib keeps a pointer back to its stream, whose address must not move.
package final class GzipMemberReader {
    /// What went wrong with a member whose data was inflated.
    package enum Problem: Sendable, Equatable {
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
    package enum UnreadableReason: Sendable, Equatable {
        /// The object holds no gzip member at all.
        case notGzip
        case beforeFirstMember
        case betweenMembers
        case afterLastMember
        /// The rest of a member whose deflate data is corrupt, up to the next member header.
        case restOfCorruptMember
        /// The input ended inside a member's header.
        case truncatedHeader
        /// A member that failed while tentative, up to the next member header within the bytes it took: nothing
        /// of it was delivered.
        case failedMember(Problem)
    }

    /// A member, reported once it ends.
    package struct Member: Sendable, Equatable {
        package var offset: Int
        package var length: Int
        /// Nil when the member is whole and its trailer matches its data.
        package var problem: Problem?
    }

    /// A range of bytes that was not inflated, reported once it ends, with its first bytes.
    package struct Unreadable: Sendable, Equatable {
        package var offset: Int
        package var length: Int
        package var reason: UnreadableReason
        /// Up to `headBytes` of the range's first bytes.
        package var head: [UInt8]
    }

    package enum Event {
        case memberStart(offset: Int)
        /// Inflated bytes of the current member.
        case data(UnsafeRawBufferPointer)
        case memberEnd(Member)
        case unreadable(Unreadable)
    }

    /// How many first bytes of an unreadable range are kept.
    package static let headBytes = 64 * 1024
    /// Input bytes of a member (after its header) kept while it is tentative.
    package static let replayLimit = 64 * 1024
    /// Inflated bytes of a tentative member held back.
    package static let heldLimit = 1024 * 1024

    private enum State { case boundary, header, deflate, trailer, junk }

    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var buffer: [UInt8]
    private var state = State.boundary
    /// The offset of the next byte to read.
    package private(set) var position = 0
    /// Bytes in members (whole or not) and in unreadable ranges so far: their sum is `position`.
    package private(set) var memberBytes = 0
    package private(set) var unreadableBytes = 0
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
    /// The problem of the first tentative member that failed inside the open unreadable range.
    private var junkFailure: Problem?

    /// Whether the current member is tentative, its input since its header's first byte, and its output.
    private var tentative = false
    private var replay: [UInt8] = []
    private var held: [UInt8] = []
    /// Bytes to read before the rest of the current input: a failed tentative member's, from the resync point.
    private var queue: [UInt8] = []
    private var queueIndex = 0
    private var requeued: [UInt8]?
    /// Bytes fed, and bytes read again: resync stops when the second outgrows twice the first (plus a constant).
    private var fed = 0
    private var replayed = 0

    /// - Parameter outputSize: bytes inflated at a time; memory stays bounded by it whatever the object's size.
    package init(outputSize: Int = 256 * 1024) {
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
    package var atBoundary: Bool { state == .boundary && junkOffset == nil }

    /// Reads the next bytes of the object, handing out what they produce.
    package func feed(_ input: UnsafeRawBufferPointer, _ handle: (Event) -> Void) {
        fed += input.count
        run(input, handle)
    }

    /// Reads `input` after what the queue holds.
    private func run(_ input: UnsafeRawBufferPointer, _ handle: (Event) -> Void) {
        var index = 0
        while true {
            if queueIndex < queue.count {
                let used = queue.withUnsafeBytes { step(UnsafeRawBufferPointer(rebasing: $0[queueIndex...]), handle) }
                queueIndex += used
            } else if index < input.count {
                index += step(UnsafeRawBufferPointer(rebasing: input[index...]), handle)
            } else {
                return
            }
            if let again = requeued {
                // A failed member's bytes from the resync point come before the rest of the queue.
                queue = again + queue[queueIndex...]
                queueIndex = 0
                requeued = nil
            } else if queueIndex == queue.count, !queue.isEmpty {
                queue = []
                queueIndex = 0
            }
        }
    }

    private func step(_ rest: UnsafeRawBufferPointer, _ handle: (Event) -> Void) -> Int {
        switch state {
        case .boundary: startAt(rest, handle)
        case .junk: skipJunk(rest)
        case .header: readHeader(rest, handle)
        case .deflate: inflate(rest, handle)
        case .trailer: readTrailer(rest, handle)
        }
    }

    /// Where the next member header may start inside `bytes` after its first byte: a `1f 8b 08`, or a prefix of
    /// one at the end that the bytes still to come may complete. At the object's end, only a magic followed by a
    /// header's fixed ten bytes counts (anything shorter is a cut header either way). Nil when there is none or
    /// the resync budget is spent.
    private func resyncPoint(_ bytes: [UInt8], atEnd: Bool) -> Int? {
        guard bytes.count > 1, replayed + bytes.count <= 2 * fed + 1024 * 1024 else { return nil }
        let magic: [UInt8] = [0x1f, 0x8b, 0x08]
        var index = 1
        while let start = bytes[index...].firstIndex(of: 0x1f) {
            let end = min(start + 3, bytes.count)
            let whole = atEnd ? start + 10 <= bytes.count && end == start + 3 : true
            if whole, bytes[start..<end].elementsEqual(magic[..<(end - start)]) { return start }
            index = start + 1
        }
        return nil
    }

    /// A candidate starting at `headerOffset` failed with `problem`; `bytes` are what it took. When a header
    /// may start within them, they are unreadable up to there and read again from there; returns whether so.
    private func resync(_ bytes: [UInt8], _ problem: Problem, atEnd: Bool = false) -> Bool {
        guard let point = resyncPoint(bytes, atEnd: atEnd) else { return false }
        if junkOffset == nil { junkOffset = headerOffset }
        if junkFailure == nil { junkFailure = problem }
        addJunk(bytes[..<point])
        replayed += bytes.count - point
        requeued = Array(bytes[point...])
        position = headerOffset + point
        tentative = false
        replay = []
        held = []
        state = .boundary
        return true
    }

    /// The member is no longer tentative: the range before it ends, it starts, and its held output goes out.
    private func commit(_ handle: (Event) -> Void) {
        guard tentative else { return }
        tentative = false
        replay = []
        if junkOffset != nil { closeJunk(at: headerOffset, atEnd: false, handle) }
        afterCorruptMember = false
        handle(.memberStart(offset: memberOffset))
        if !held.isEmpty { held.withUnsafeBytes { handle(.data($0)) } }
        held = []
    }

    /// Ends the object: reports the member or range it ended in.
    package func finish(_ handle: (Event) -> Void) {
        // A member or header cut off by the end may hide the next header: read again from it, and end again.
        while true {
            if state == .header, resync(header.bytes, .truncated, atEnd: true) {
            } else if state == .deflate || state == .trailer, tentative, resync(replay, .truncated, atEnd: true) {
            } else {
                break
            }
            let again = requeued ?? []
            requeued = nil
            again.withUnsafeBytes { run($0, handle) }
        }
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
        case .deflate, .trailer:
            commit(handle)
            endMember(.truncated, handle)
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
            memberOffset = headerOffset
            crc = crc32(0, nil, 0)
            inflated = 0
            inflateReset(stream)
            state = .deflate
            tentative = true
            replay = header.bytes
            held = []
        case .invalid(let early):
            // Not a header: its first byte is junk, and a header may start at the next (read again when it
            // failed early, or when a magic lies inside it and the budget allows; else the whole is junk).
            let candidate = header.bytes
            if !early, resync(candidate, .corrupt("not a gzip member header")) { break }
            if junkOffset == nil { junkOffset = headerOffset }
            state = .junk
            if early {
                addJunk(candidate[..<1])
                position = headerOffset + 1
                state = .boundary
                requeued = Array(candidate[1...])
            } else {
                addJunk(candidate)
            }
        }
        return used
    }

    private func inflate(_ input: UnsafeRawBufferPointer, _ handle: (Event) -> Void) -> Int {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self))
        // A tentative member takes no more than its replay room, so what is kept stays bounded.
        let room = tentative ? max(Self.replayLimit + 1 - (replay.count - header.bytes.count), 1) : Int(UInt32.max)
        stream.pointee.avail_in = uInt(min(input.count, room))
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
                    if tentative, held.count + produced > Self.heldLimit { commit(handle) }
                    if tentative {
                        held.append(contentsOf: out[..<produced])
                    } else {
                        handle(.data(UnsafeRawBufferPointer(rebasing: out[..<produced])))
                    }
                }
            }
            if status == Z_BUF_ERROR || (status == Z_OK && stream.pointee.avail_out > 0) { break }
        } while status == Z_OK
        let used = offered - Int(stream.pointee.avail_in)
        position += used
        if tentative {
            replay.append(contentsOf: input[..<used])
            if replay.count - header.bytes.count > Self.replayLimit, status != Z_STREAM_END { commit(handle) }
        }
        if status == Z_STREAM_END {
            trailer = []
            state = .trailer
        } else if used == 0 || (status != Z_OK && status != Z_BUF_ERROR) {
            // Corrupt data: what was inflated stays delivered; the rest, up to a header, is unreadable.
            // (No progress on non-empty input cannot happen with room for output; it ends the member rather than
            // looping.)
            let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            if tentative, resync(replay, .corrupt(message)) { return used }
            commit(handle)
            endMember(.corrupt(message), handle)
            afterCorruptMember = true
        }
        return used
    }

    private func readTrailer(_ input: UnsafeRawBufferPointer, _ handle: (Event) -> Void) -> Int {
        let used = min(8 - trailer.count, input.count)
        trailer.append(contentsOf: input[..<used])
        position += used
        if tentative { replay.append(contentsOf: input[..<used]) }
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
        if let problem, tentative, resync(replay, problem) { return used }
        commit(handle)
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
            if let junkFailure {
                .failedMember(junkFailure)
            } else if afterCorruptMember {
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
        junkFailure = nil
        afterCorruptMember = false
    }
}
