import Foundation

/// What a Firehose object holds once inflated.
public enum FirehoseObjectFormat: Sendable {
    /// CloudWatch Logs subscription documents (`{...}{...}`, no delimiter): Firehose stored them as they came.
    case cloudWatchDocuments
    /// One log message a line: Firehose extracted the messages.
    case lines
}

/// One item read from an object: a log line, or something that could not be read, with the reason.
public enum ObjectItem: Sendable, Equatable {
    /// A log message, with the CloudWatch event time in epoch milliseconds when the object says.
    case line(ArraySlice<UInt8>, timestamp: Int64?)
    /// Bytes that could not be read as the format says (a broken document, a truncated stream).
    case unreadable(reason: String, bytes: ArraySlice<UInt8>)
}

/// Reads a gzipped Firehose object in chunks, with memory bounded by the longest line or document rather than
/// by the object, and hands out each log line.
public final class FirehoseObjectReader {
    /// A document or line longer than this is unreadable: Firehose records are at most 1,000 KiB.
    public static let maximumItemBytes = 1_024_000 * 2

    public let format: FirehoseObjectFormat
    private let gzip = GzipStream()
    private var pending: [UInt8] = []
    // The document splitter's state, kept across chunks.
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var scanned = 0
    /// Inside bytes that are not a document, already reported: they may span chunks.
    private var skipping = false

    public init(format: FirehoseObjectFormat) { self.format = format }

    /// Inflates a chunk of the object and hands out every complete item in it.
    public func feed(_ chunk: UnsafeRawBufferPointer, _ emit: (ObjectItem) -> Void) {
        do {
            try gzip.feed(chunk) { inflated in
                pending.append(contentsOf: inflated)
                drain(emit, final: false)
            }
        } catch {
            emit(.unreadable(reason: "corrupt gzip: \(error)", bytes: ArraySlice(pending)))
            pending.removeAll()
        }
    }

    /// Ends the object: hands out what is left, and reports a stream that stopped inside a gzip member.
    public func finish(_ emit: (ObjectItem) -> Void) {
        drain(emit, final: true)
        do {
            try gzip.finish()
        } catch {
            emit(.unreadable(reason: "truncated gzip stream", bytes: []))
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
            emit(.unreadable(reason: "line longer than \(Self.maximumItemBytes) bytes", bytes: ArraySlice(pending.prefix(256))))
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
            emit(.unreadable(reason: "document longer than \(Self.maximumItemBytes) bytes", bytes: ArraySlice(pending.prefix(256))))
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

    private func decodeDocument(_ bytes: ArraySlice<UInt8>, _ emit: (ObjectItem) -> Void) {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(bytes))
        } catch {
            emit(.unreadable(reason: "not a CloudWatch Logs document", bytes: bytes))
            return
        }
        // CONTROL_MESSAGE only checks that the destination is reachable: it carries no log events.
        guard document.messageType == "DATA_MESSAGE" else { return }
        for event in document.logEvents ?? [] {
            emit(.line(ArraySlice(event.message.utf8), timestamp: event.timestamp))
        }
    }
}
