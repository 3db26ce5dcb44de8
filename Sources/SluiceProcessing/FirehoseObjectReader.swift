#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// `FirehoseObjectFormat` lives in SluiceFormats: the manifest's delivery mode names it too.

/// One item read from an object: a log line, something that could not be read as one, or a damaged range of the
/// object's bytes.
package enum ObjectItem: Sendable, Equatable {
    /// A log message, with the CloudWatch event time in epoch milliseconds when the object says.
    case line(ArraySlice<UInt8>, timestamp: Int64?)
    /// Inflated bytes that could not be read as the format says (a broken document, an overlong line). It is
    /// numbered like a line.
    case unreadable(reason: String, bytes: ArraySlice<UInt8>)
    /// A range of the object's compressed bytes that is damaged. Not a line: it comes after the lines read
    /// from it, which it names.
    case damage(ObjectDamage)
}

/// Reads a gzipped Firehose object in chunks, with memory bounded by the longest line or document rather than
/// by the object, and hands out each log line and each damaged range.
package final class FirehoseObjectReader {
    /// A document or line longer than this is unreadable: Firehose records are at most 1,000 KiB.
    package static let maximumItemBytes = 1_024_000 * 2

    package let format: FirehoseObjectFormat
    private let gzip: GzipMemberReader
    private var pending: [UInt8] = []
    // The document splitter's state, kept across chunks, and the reader of each document.
    private var splitter = DocumentSplitter()
    private var scanner = CloudWatchDocumentScanner()
    private var scanned = 0
    /// Inside bytes that are not a document, already reported: they may span chunks.
    private var skipping = false
    /// Lines (and unreadable items) handed out so far: the number of the last one.
    private var numbered = 0
    private var memberFirstLine = 1

    /// - Parameter inflateSize: bytes inflated at a time (memory stays bounded by it).
    package init(format: FirehoseObjectFormat, inflateSize: Int = 256 * 1024) {
        self.format = format
        gzip = GzipMemberReader(outputSize: inflateSize)
    }

    /// Bytes of the object in gzip members (whole or damaged), and in ranges that were not inflated: their sum
    /// is every byte fed.
    package var memberBytes: Int { gzip.memberBytes }
    package var unreadableBytes: Int { gzip.unreadableBytes }

    /// Inflates a chunk of the object and hands out every complete item in it.
    package func feed(_ chunk: UnsafeRawBufferPointer, _ emit: (ObjectItem) -> Void) {
        gzip.feed(chunk) { handle($0, emit) }
    }

    /// Ends the object: hands out what is left, and reports a stream that stopped inside a gzip member.
    package func finish(_ emit: (ObjectItem) -> Void) {
        gzip.finish { handle($0, emit) }
        drain(
            { item in
                numbered += 1
                emit(item)
            }, final: true)
    }

    private func handle(_ event: GzipMemberReader.Event, _ emit: (ObjectItem) -> Void) {
        let counted: (ObjectItem) -> Void = { item in
            if case .damage = item {} else { self.numbered += 1 }
            emit(item)
        }
        switch event {
        case .memberStart: memberFirstLine = numbered + 1
        case .data(let inflated):
            pending.append(contentsOf: inflated)
            drain(counted, final: false)
        case .memberEnd(let member):
            guard let problem = member.problem else { return }
            // The member's lines are suspect: end its last one here rather than join it to the next member's.
            drain(counted, final: true)
            let lines = memberFirstLine <= numbered ? memberFirstLine...numbered : nil
            emit(.damage(ObjectDamage(member: member, problem: problem, lines: lines)))
        case .unreadable(let range):
            drain(counted, final: true)
            emit(.damage(ObjectDamage(unreadable: range)))
        }
    }

    private func drain(_ emit: (ObjectItem) -> Void, final: Bool) {
        switch format {
        case .lines: drainLines(emit, final: final)
        case .cloudWatchDocuments: drainDocuments(emit, final: final)
        }
    }

    private func drainLines(_ emit: (ObjectItem) -> Void, final: Bool) {
        var start = 0
        while let newline = nextNewline(from: start) {
            var end = newline
            if end > start, pending[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            if end > start { emit(.line(pending[start..<end], timestamp: nil)) }
            start = newline + 1
        }
        if final, start < pending.count {
            // The last line may lack its newline; it is still a line.
            emit(.line(pending[start...], timestamp: nil))
            start = pending.count
        }
        if start > 0 { pending.removeFirst(start) }
        if pending.count > Self.maximumItemBytes {
            let reason = "line longer than \(Self.maximumItemBytes) bytes"
            emit(.unreadable(reason: reason, bytes: ArraySlice(pending.prefix(256))))
            pending.removeAll()
        }
    }

    /// The index of the first newline in `pending` at or after `start`, found by memchr.
    private func nextNewline(from start: Int) -> Int? {
        pending.withUnsafeBufferPointer { buffer in
            guard start < buffer.count, let base = buffer.baseAddress,
                let found = memchr(base + start, 0x0A, buffer.count - start)
            else { return nil }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
        }
    }

    /// Splits `{...}{...}` at the braces that close each document, outside JSON strings.
    private func drainDocuments(_ emit: (ObjectItem) -> Void, final: Bool) {
        var start = 0
        var index = scanned
        splitting: while true {
            switch pending.withUnsafeBufferPointer({ splitter.advance($0, from: &index) }) {
            case .closed:
                skipping = false
                readDocument(start..<index, emit)
                start = index
            case .stray:
                // Bytes between documents are not JSON; skip them up to the next document, and say so once.
                let next = pending[index...].firstIndex(of: UInt8(ascii: "{")) ?? pending.count
                if !skipping { emit(.unreadable(reason: "bytes between documents", bytes: pending[index..<next])) }
                skipping = next == pending.count
                start = next
                index = next
            case .exhausted: break splitting
            }
        }
        scanned = index - start
        if final, start < pending.count, pending[start...].contains(where: { !DocumentSplitter.isSpace($0) }) {
            emit(.unreadable(reason: "truncated document", bytes: pending[start...]))
            start = pending.count
            scanned = 0
            splitter = DocumentSplitter()
        }
        if start > 0 { pending.removeFirst(start) }
        if pending.count > Self.maximumItemBytes {
            let reason = "document longer than \(Self.maximumItemBytes) bytes"
            emit(.unreadable(reason: reason, bytes: ArraySlice(pending.prefix(256))))
            pending.removeAll()
            scanned = 0
            splitter = DocumentSplitter()
        }
    }

    /// Hands out a DATA_MESSAGE's events, skips a CONTROL_MESSAGE (it only checks that the destination is
    /// reachable and carries no log events), and quarantines any other document whole, as one unreadable item
    /// with its reason, so no event is dropped unseen: a document that is not JSON or not a subscription
    /// document, one with a duplicated key (readers disagree on which value it holds), an unknown messageType,
    /// or a DATA_MESSAGE without a logEvents array. A message without escapes is handed out as a slice of the
    /// inflated bytes, not copied.
    private func readDocument(_ range: Range<Int>, _ emit: (ObjectItem) -> Void) {
        let outcome = pending.withUnsafeBufferPointer { scanner.scan(UnsafeBufferPointer(rebasing: $0[range])) }
        switch outcome {
        case .control: return
        case .refused(let reason): emit(.unreadable(reason: reason, bytes: pending[range]))
        case .data:
            let base = range.lowerBound
            for event in scanner.events {
                let message =
                    event.escaped
                    ? scanner.unescaped[event.start..<event.end] : pending[base + event.start..<base + event.end]
                emit(.line(message, timestamp: event.timestamp))
            }
        }
    }
}

/// Finds where each document of `{...}{...}` ends: the brace that closes it, outside JSON strings. Keeps its
/// place across chunks.
struct DocumentSplitter {
    private var depth = 0
    private var inString = false
    private var escaped = false

    enum Stop {
        /// A document closed just before the index.
        case closed
        /// The byte at the index is outside any document and not white space.
        case stray
        /// The bytes ran out inside a document or between documents.
        case exhausted
    }

    /// Whether any of the eight bytes of `word` is `"` or `\`; exact when it says no (see `JSONEscaper.mayNeedEscape`).
    @inline(__always)
    static func mayHoldQuoteOrBackslash(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        return ((quote &- ones) & ~quote & highs) | ((backslash &- ones) & ~backslash & highs) != 0
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// Reads from `index` to the next stop.
    mutating func advance(_ bytes: UnsafeBufferPointer<UInt8>, from index: inout Int) -> Stop {
        var depth = self.depth
        var inString = self.inString
        var escaped = self.escaped
        defer { (self.depth, self.inString, self.escaped) = (depth, inString, escaped) }
        var at = index
        defer { index = at }
        let count = bytes.count
        while at < count {
            let byte = bytes[at]
            at += 1
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                } else {
                    // Most bytes are inside messages: pass the run up to the next quote or backslash at once,
                    // eight bytes at a time while none of them is either.
                    while count - at >= 8, let base = bytes.baseAddress,
                        !Self.mayHoldQuoteOrBackslash(UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self))
                    {
                        at += 8
                    }
                    while at < count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\") { at += 1 }
                }
            } else if depth == 0 {
                if byte == UInt8(ascii: "{") {
                    depth = 1
                } else if !Self.isSpace(byte) {
                    at -= 1
                    return .stray
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "{") {
                depth += 1
            } else if byte == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return .closed }
            }
        }
        return .exhausted
    }
}
