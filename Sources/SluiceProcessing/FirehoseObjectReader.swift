import Foundation

// `FirehoseObjectFormat` lives in SluiceFormats: the manifest's delivery mode names it too.

/// One item read from an object: a log line, something that could not be read as one, or a damaged range of the
/// object's bytes.
public enum ObjectItem: Sendable, Equatable {
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
public final class FirehoseObjectReader {
    /// A document or line longer than this is unreadable: Firehose records are at most 1,000 KiB.
    public static let maximumItemBytes = 1_024_000 * 2

    public let format: FirehoseObjectFormat
    private let gzip: GzipMemberReader
    private var pending: [UInt8] = []
    // The document splitter's state, kept across chunks.
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var scanned = 0
    /// Inside bytes that are not a document, already reported: they may span chunks.
    private var skipping = false
    /// Lines (and unreadable items) handed out so far: the number of the last one.
    private var numbered = 0
    private var memberFirstLine = 1

    /// - Parameter inflateSize: bytes inflated at a time (memory stays bounded by it).
    public init(format: FirehoseObjectFormat, inflateSize: Int = 256 * 1024) {
        self.format = format
        gzip = GzipMemberReader(outputSize: inflateSize)
    }

    /// Bytes of the object in gzip members (whole or damaged), and in ranges that were not inflated: their sum
    /// is every byte fed.
    public var memberBytes: Int { gzip.memberBytes }
    public var unreadableBytes: Int { gzip.unreadableBytes }

    /// Inflates a chunk of the object and hands out every complete item in it.
    public func feed(_ chunk: UnsafeRawBufferPointer, _ emit: (ObjectItem) -> Void) {
        gzip.feed(chunk) { handle($0, emit) }
    }

    /// Ends the object: hands out what is left, and reports a stream that stopped inside a gzip member.
    public func finish(_ emit: (ObjectItem) -> Void) {
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
        while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
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

    /// Splits `{...}{...}` at the braces that close each document, outside JSON strings.
    private func drainDocuments(_ emit: (ObjectItem) -> Void, final: Bool) {
        var start = 0
        var index = scanned
        while index < pending.count {
            let byte = pending[index]
            if depth == 0 {
                if byte == UInt8(ascii: "{") {
                    depth = 1
                    skipping = false
                } else if !isSpace(byte) {
                    // Bytes between documents are not JSON; skip them up to the next document, and say so once.
                    let next = pending[index...].firstIndex(of: UInt8(ascii: "{")) ?? pending.count
                    if !skipping { emit(.unreadable(reason: "bytes between documents", bytes: pending[index..<next])) }
                    skipping = next == pending.count
                    start = next
                    index = next
                    continue
                }
            } else if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "{") {
                depth += 1
            } else if byte == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 {
                    decodeDocument(pending[start...index], emit)
                    start = index + 1
                }
            }
            index += 1
        }
        scanned = index - start
        if final, start < pending.count, pending[start...].contains(where: { !isSpace($0) }) {
            emit(.unreadable(reason: "truncated document", bytes: pending[start...]))
            start = pending.count
            scanned = 0
            depth = 0
            inString = false
            escaped = false
        }
        if start > 0 { pending.removeFirst(start) }
        if pending.count > Self.maximumItemBytes {
            let reason = "document longer than \(Self.maximumItemBytes) bytes"
            emit(.unreadable(reason: reason, bytes: ArraySlice(pending.prefix(256))))
            pending.removeAll()
            scanned = 0
            depth = 0
            inString = false
            escaped = false
        }
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// A CloudWatch Logs subscription document: its events' messages, or nothing for a control message.
    private struct Document: Decodable {
        struct Event: Decodable {
            let timestamp: Int64?
            let message: String
        }

        let messageType: String
        let logEvents: [Event]?
    }

    /// Hands out a DATA_MESSAGE's events, skips a CONTROL_MESSAGE (it only checks that the destination is
    /// reachable and carries no log events), and quarantines any other document whole, as one unreadable item
    /// with its reason, so no event is dropped unseen: a document that is not JSON or not a subscription
    /// document, one with a duplicated key (readers disagree on which value it holds), an unknown messageType,
    /// or a DATA_MESSAGE without a logEvents array.
    private func decodeDocument(_ bytes: ArraySlice<UInt8>, _ emit: (ObjectItem) -> Void) {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(bytes))
        } catch {
            emit(.unreadable(reason: "not a CloudWatch Logs document", bytes: bytes))
            return
        }
        if let key = JSONDuplicateKey.find(in: bytes) {
            emit(.unreadable(reason: "CloudWatch Logs document with a duplicated key \"\(key)\"", bytes: bytes))
            return
        }
        switch (document.messageType, document.logEvents) {
        case ("CONTROL_MESSAGE", _): return
        case ("DATA_MESSAGE", let events?):
            for event in events {
                emit(.line(ArraySlice(event.message.utf8), timestamp: event.timestamp))
            }
        case ("DATA_MESSAGE", nil):
            emit(.unreadable(reason: "CloudWatch Logs DATA_MESSAGE without logEvents", bytes: bytes))
        case (let type, _):
            let reason = "CloudWatch Logs document with an unknown messageType \"\(type.prefix(64))\""
            emit(.unreadable(reason: reason, bytes: bytes))
        }
    }
}
