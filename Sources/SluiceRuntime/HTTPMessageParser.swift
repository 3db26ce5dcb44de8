/// Why bytes are not a valid HTTP/1.1 message.
struct HTTPParseError: Error, Equatable, CustomStringConvertible {
    let reason: String
    var description: String { "malformed HTTP message: \(reason)" }
}

/// Parses one HTTP/1.1 message from the front of a buffer that may hold only part of it (or more than it).
///
/// Pure and incremental: the caller appends what it reads and asks again, so the blocking client and the polling
/// server share it, and it can be tested on bytes alone.
package struct HTTPMessageParser {
    package enum Kind { case request, response }

    package enum Result: Equatable {
        /// More bytes are needed.
        case incomplete
        /// A whole message, and how many bytes of the buffer it took.
        case complete(HTTPMessage, consumed: Int)
    }

    // Far above anything the Runtime API sends; the limits only stop garbage from growing a buffer without end.
    static let maximumHeadSize = 64 * 1024
    static let maximumBodySize = 64 * 1024 * 1024

    let kind: Kind

    /// A parser of requests (the server side) or of responses (the client side).
    package init(kind: Kind) { self.kind = kind }

    /// Parses the message at the start of `buffer`; `atEOF` says no more bytes will come, which ends a response
    /// that has neither a length nor chunked coding, and makes any other partial message an error.
    package func parse(_ buffer: [UInt8], atEOF: Bool = false) throws -> Result {
        guard let headEnd = Self.find(crlfcrlf, in: buffer, from: 0) else {
            if buffer.count > Self.maximumHeadSize { throw HTTPParseError(reason: "header section too large") }
            if atEOF, !buffer.isEmpty { throw HTTPParseError(reason: "connection closed inside the header section") }
            return .incomplete
        }
        guard headEnd <= Self.maximumHeadSize else { throw HTTPParseError(reason: "header section too large") }
        var message = try parseHead(buffer[0..<headEnd])
        let bodyStart = headEnd + 4
        let outcome: (body: [UInt8], end: Int)?
        switch try framing(of: message) {
        case .none:
            outcome = ([], bodyStart)
        case .length(let length):
            let end = bodyStart + length
            outcome = buffer.count >= end ? (Array(buffer[bodyStart..<end]), end) : nil
        case .chunked:
            outcome = try Self.dechunk(buffer, from: bodyStart)
        case .untilClose:
            outcome = atEOF ? (Array(buffer[bodyStart...]), buffer.count) : nil
        }
        guard let (body, end) = outcome else {
            if atEOF { throw HTTPParseError(reason: "connection closed inside the body") }
            return .incomplete
        }
        message.body = body
        return .complete(message, consumed: end)
    }

    private enum Framing: Equatable {
        case none
        case length(Int)
        case chunked, untilClose
    }

    private let crlfcrlf: [UInt8] = [13, 10, 13, 10]

    private func framing(of message: HTTPMessage) throws -> Framing {
        if let codings = message.header("Transfer-Encoding") {
            let last = codings.split(separator: ",").last.map { $0.trimmingSpaces.lowercased() }
            if last == "chunked" { return .chunked }
            // RFC 9112 §6.3: without chunked last, a request cannot be framed at all, and a response runs to close.
            if kind == .request { throw HTTPParseError(reason: "request transfer coding is not chunked") }
            return .untilClose
        }
        let lengths = message.headers.filter { $0.name.lowercased() == "content-length" }.map(\.value)
        if let first = lengths.first {
            guard lengths.allSatisfy({ $0 == first }), !first.isEmpty, first.utf8.allSatisfy(isDigit),
                let length = Int(first)
            else { throw HTTPParseError(reason: "invalid Content-Length") }
            guard length <= Self.maximumBodySize else { throw HTTPParseError(reason: "body too large") }
            return .length(length)
        }
        if kind == .request { return .none }
        let status = message.status
        return status < 200 || status == 204 || status == 304 ? .none : .untilClose
    }

    private func parseHead(_ head: ArraySlice<UInt8>) throws -> HTTPMessage {
        let lines = Self.split(head)
        guard let first = lines.first else { throw HTTPParseError(reason: "empty start line") }
        let startLine = try parseStartLine(String(decoding: first, as: UTF8.self))
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            let text = String(decoding: line, as: UTF8.self)
            // Obsolete line folding and a space before the colon are both rejected by RFC 9112 servers.
            guard let colon = text.firstIndex(of: ":"), colon != text.startIndex,
                !text[..<colon].contains(where: { $0 == " " || $0 == "\t" || !$0.isASCII })
            else { throw HTTPParseError(reason: "invalid header line") }
            headers.append((String(text[..<colon]), text[text.index(after: colon)...].trimmingSpaces))
        }
        return HTTPMessage(startLine: startLine, headers: headers, body: [])
    }

    private func parseStartLine(_ line: String) throws -> (String, String, String) {
        switch kind {
        case .request:
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && $0.isUppercase }),
                parts[1].hasPrefix("/"), parts[2].hasPrefix("HTTP/1.")
            else { throw HTTPParseError(reason: "invalid request line") }
            return (String(parts[0]), String(parts[1]), String(parts[2]))
        case .response:
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3,
                parts[1].utf8.allSatisfy(isDigit)
            else { throw HTTPParseError(reason: "invalid status line") }
            return (String(parts[0]), String(parts[1]), parts.count == 3 ? String(parts[2]) : "")
        }
    }

    /// The body of a chunked message starting at `start`, and where the message ends; nil if not all there yet.
    private static func dechunk(_ buffer: [UInt8], from start: Int) throws -> (body: [UInt8], end: Int)? {
        var body: [UInt8] = []
        var position = start
        while true {
            guard let lineEnd = find([13, 10], in: buffer, from: position) else {
                if buffer.count - position > 1024 { throw HTTPParseError(reason: "chunk size line too long") }
                return nil
            }
            let line = String(decoding: buffer[position..<lineEnd], as: UTF8.self)
            // Chunk extensions (`;name=value`) carry nothing the runtime needs.
            let digits = line.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0].trimmingSpaces
            guard !digits.isEmpty, digits.count <= 16, let size = Int(digits, radix: 16) else {
                throw HTTPParseError(reason: "invalid chunk size")
            }
            position = lineEnd + 2
            if size == 0 { break }
            guard body.count + size <= maximumBodySize else { throw HTTPParseError(reason: "body too large") }
            guard buffer.count - position >= size + 2 else { return nil }
            guard buffer[position + size] == 13, buffer[position + size + 1] == 10 else {
                throw HTTPParseError(reason: "chunk not followed by CRLF")
            }
            body += buffer[position..<position + size]
            position += size + 2
        }
        // Trailer fields, which nothing here uses, then the blank line that ends the message.
        while true {
            guard let lineEnd = find([13, 10], in: buffer, from: position) else {
                if buffer.count - position > maximumHeadSize { throw HTTPParseError(reason: "trailer too large") }
                return nil
            }
            let empty = lineEnd == position
            position = lineEnd + 2
            if empty { return (body, position) }
        }
    }

    private static func split(_ head: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = head.startIndex
        while let end = find([13, 10], in: head, from: start) {
            lines.append(head[start..<end])
            start = end + 2
        }
        lines.append(head[start...])
        return lines
    }

    private static func find<C: RandomAccessCollection>(_ pattern: [UInt8], in bytes: C, from start: Int) -> Int?
    where C.Element == UInt8, C.Index == Int {
        guard start <= bytes.endIndex - pattern.count else { return nil }
        var index = start
        while index <= bytes.endIndex - pattern.count {
            if bytes[index] == pattern[0], bytes[index..<index + pattern.count].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }
}

private func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
