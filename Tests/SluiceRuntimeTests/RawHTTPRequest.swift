import SluiceRuntime

/// A request as the AWS suite writes it in `request.txt`: request line, header lines (a line starting with
/// whitespace continues the previous value), an optional blank line and body. The target and the header values
/// are kept as written so the signer, not this parser, does the normalizing under test.
struct RawHTTPRequest {
    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    /// The request line and header lines exactly as written, each with its line feed.
    let head: String
    /// The bytes after the blank line.
    let body: [UInt8]
    /// Method, path, decoded query items and headers, with the body as the payload.
    let parts: HTTPRequestParts

    init(_ bytes: [UInt8]) throws {
        var lines: [ArraySlice<UInt8>] = []
        var headEnd = bytes.endIndex
        var bodyStart = bytes.endIndex
        var lineStart = bytes.startIndex
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            var line = bytes[lineStart..<lineEnd]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.isEmpty, !lines.isEmpty {
                headEnd = lineStart
                bodyStart = min(lineEnd + 1, bytes.endIndex)
                break
            }
            lines.append(line)
            lineStart = lineEnd + 1
        }
        guard let requestLine = lines.first.map({ String(decoding: $0, as: UTF8.self) }) else {
            throw ParseError(description: "empty request")
        }
        // The path may hold spaces (get-space-*), so the method is the first word and the version the last.
        guard let methodEnd = requestLine.firstIndex(of: " "), let versionStart = requestLine.lastIndex(of: " "),
            methodEnd < versionStart
        else {
            throw ParseError(description: "malformed request line '\(requestLine)'")
        }
        let target = requestLine[requestLine.index(after: methodEnd)..<versionStart]
        let (path, query) = Self.split(target, at: "?")

        var headers: [HTTPRequestParts.Header] = []
        for line in lines.dropFirst() {
            let text = String(decoding: line, as: UTF8.self)
            if text.first == " " || text.first == "\t" {
                guard !headers.isEmpty else { throw ParseError(description: "continuation line before any header") }
                headers[headers.count - 1].value += "\n" + text
                continue
            }
            let (name, value) = Self.split(Substring(text), at: ":")
            guard let value else { throw ParseError(description: "header line without a colon: '\(text)'") }
            headers.append(.init(String(name), String(value)))
        }

        head = String(decoding: bytes[..<headEnd], as: UTF8.self)
        body = Array(bytes[bodyStart...])
        parts = HTTPRequestParts(
            method: String(requestLine[..<methodEnd]), path: String(path),
            queryItems: query.map(Self.queryItems) ?? [], headers: headers, payload: .bytes(body))
    }

    private static func split(_ text: Substring, at separator: Character) -> (Substring, Substring?) {
        guard let index = text.firstIndex(of: separator) else { return (text, nil) }
        return (text[..<index], text[text.index(after: index)...])
    }

    private static func queryItems(_ query: Substring) -> [HTTPRequestParts.QueryItem] {
        query.split(separator: "&").map { pair in
            let (name, value) = split(pair, at: "=")
            return .init(percentDecoded(name), value.map(percentDecoded))
        }
    }

    /// Decodes `%XY` escapes only: in a path-style query `+` is a plus, not a space.
    private static func percentDecoded(_ text: Substring) -> String {
        let bytes = Array(text.utf8)
        var decoded: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let byte = UInt8(String(decoding: bytes[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                decoded.append(byte)
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }
}
