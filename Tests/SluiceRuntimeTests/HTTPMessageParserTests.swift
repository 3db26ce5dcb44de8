import Testing

@testable import SluiceRuntime

@Suite("HTTP/1.1 message parsing")
struct HTTPMessageParserTests {
    let requests = HTTPMessageParser(kind: .request)
    let responses = HTTPMessageParser(kind: .response)

    @Test("a request with a Content-Length body is complete only once the body is there, and leaves what follows")
    func contentLength() throws {
        let bytes = Array("POST /a HTTP/1.1\r\nHost: x\r\ncontent-length: 5\r\n\r\nhelloGET".utf8)
        #expect(try requests.parse(Array(bytes.prefix(40))) == .incomplete)
        guard case .complete(let message, let consumed) = try requests.parse(bytes) else {
            Issue.record("not complete")
            return
        }
        #expect(message.method == "POST" && message.target == "/a")
        #expect(message.header("HOST") == "x")
        #expect(message.body == Array("hello".utf8))
        #expect(consumed == bytes.count - 3)
    }

    @Test("a chunked response is de-chunked, with extensions and trailers skipped, however the bytes are split")
    func chunked() throws {
        let bytes = Array(
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n").utf8)
        for cut in 0..<bytes.count {
            #expect(try responses.parse(Array(bytes.prefix(cut))) == .incomplete)
        }
        guard case .complete(let message, let consumed) = try responses.parse(bytes) else {
            Issue.record("not complete")
            return
        }
        #expect(message.status == 200)
        #expect(String(decoding: message.body, as: UTF8.self) == "hello 0123456789")
        #expect(consumed == bytes.count)
    }

    @Test("a response without framing runs to the end of the stream; a 204 has no body")
    func untilClose() throws {
        let bytes = Array("HTTP/1.1 200 OK\r\n\r\nall of it".utf8)
        #expect(try responses.parse(bytes) == .incomplete)
        guard case .complete(let message, _) = try responses.parse(bytes, atEOF: true) else {
            Issue.record("not complete")
            return
        }
        #expect(message.body == Array("all of it".utf8))
        guard case .complete(let empty, _) = try responses.parse(Array("HTTP/1.1 204 No Content\r\n\r\n".utf8)) else {
            Issue.record("not complete")
            return
        }
        #expect(empty.body.isEmpty)
    }

    @Test(
        "malformed messages are errors",
        arguments: [
            "GARBAGE\r\n\r\n", "GET / HTTP/2\r\n\r\n", "GET nopath HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\nNo colon\r\n\r\n", "GET / HTTP/1.1\r\n folded: x\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
            "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nabc\r\n",
        ])
    func malformed(_ text: String) {
        #expect(throws: HTTPParseError.self) { try requests.parse(Array(text.utf8)) }
    }

    @Test("a header section without an end is refused once it passes the limit, and at the end of the stream")
    func unterminated() {
        let endless = [UInt8](repeating: UInt8(ascii: "a"), count: HTTPMessageParser.maximumHeadSize + 1)
        #expect(throws: HTTPParseError.self) { try requests.parse(endless) }
        #expect(throws: HTTPParseError.self) { try requests.parse(Array("GET / HTTP/1.1\r\n".utf8), atEOF: true) }
    }

    @Test("serializing sets Content-Length from the body and keeps CR and LF out of header values")
    func serialize() throws {
        let message = HTTPMessage.request(
            method: "POST", target: "/x", headers: [("X-Type", "a\r\nInjected: yes"), ("Content-Length", "99")],
            body: Array("abc".utf8))
        let text = String(decoding: message.serialized, as: UTF8.self)
        #expect(text == "POST /x HTTP/1.1\r\nX-Type: a Injected: yes\r\nContent-Length: 3\r\n\r\nabc")
        guard case .complete(let parsed, _) = try requests.parse(message.serialized) else {
            Issue.record("not complete")
            return
        }
        #expect(parsed.body == Array("abc".utf8))
    }
}
