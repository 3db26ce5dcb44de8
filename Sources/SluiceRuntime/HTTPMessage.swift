/// One HTTP/1.1 request or response as the runtime's client and the local server exchange it.
package struct HTTPMessage: Sendable, Equatable {
    /// The three parts of the first line: method, target, version for a request; version, status, reason for a
    /// response.
    var startLine: (String, String, String)
    /// Header fields in order, names as sent.
    var headers: [(name: String, value: String)]
    /// The body, already de-chunked.
    package var body: [UInt8]

    package static func == (lhs: HTTPMessage, rhs: HTTPMessage) -> Bool {
        lhs.startLine == rhs.startLine && lhs.body == rhs.body
            && lhs.headers.map { [$0.name, $0.value] } == rhs.headers.map { [$0.name, $0.value] }
    }

    /// A request; `Content-Length` is added from the body.
    static func request(
        method: String, target: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []
    ) -> HTTPMessage {
        HTTPMessage(startLine: (method, target, "HTTP/1.1"), headers: headers, body: body)
    }

    /// A response; `Content-Length` is added from the body.
    package static func response(
        status: Int, reason: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []
    ) -> HTTPMessage {
        HTTPMessage(startLine: ("HTTP/1.1", String(status), reason), headers: headers, body: body)
    }

    package var method: String { startLine.0 }
    package var target: String { startLine.1 }
    /// The status code of a response, or 0 if the line was not one.
    var status: Int { Int(startLine.1) ?? 0 }

    /// The first value of the named header, matched case-insensitively.
    package func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// Whether the peer asked to close the connection after this message.
    package var closesConnection: Bool {
        let connection = header("Connection")?.lowercased() ?? ""
        let version = startLine.0.hasPrefix("HTTP/") ? startLine.0 : startLine.2
        if version == "HTTP/1.0" { return !connection.contains("keep-alive") }
        return connection.split(separator: ",").contains { $0.trimmingSpaces == "close" }
    }

    /// The bytes on the wire: head and body in one buffer, so they go out in one write. CR and LF in header
    /// values are replaced, so a value taken from an error message cannot inject header lines.
    package var serialized: [UInt8] {
        var head = "\(startLine.0) \(startLine.1) \(startLine.2)\r\n"
        for (name, value) in headers where name.lowercased() != "content-length" {
            head += "\(name): \(value.headerSafe)\r\n"
        }
        head += "Content-Length: \(body.count)\r\n\r\n"
        return Array(head.utf8) + body
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }

    fileprivate var headerSafe: String {
        String(map { $0.isNewline || $0 == "\0" ? " " : $0 })
    }
}
