import Testing

@testable import SluiceProcessing

@Suite("HAProxy httplog lines")
struct HAProxyHTTPLogTests {
    @Test("every field of a typical line")
    func typicalLine() throws {
        let record = try haproxyRecord(HAProxyLines.http)
        #expect(record.format == .http)
        expectTypicalRequest(record)
        #expect(record.acceptDate == "14/Mar/2024:09:26:53.589")
        #expect(record.server.name == "api-2")
        #expect(record.requestHeaders == nil)
        #expect(record.responseHeaders == nil)
    }

    @Test("cookies, queues, a plain frontend and a line ending")
    func cookiesAndQueues() throws {
        let line =
            #"198.51.100.23:40112 [29/Feb/2024:23:59:59.999] public shop/web3 12/250/2/31/295 302 410 "#
            + #"JSESSIONID=3F2A9C07 SERVERID=web3 ---I 210/200/96/31/0 4/17 "POST /login HTTP/1.1""# + "\r\n"
        let record = try haproxyRecord(line)
        #expect(record.acceptTimestamp == 1_709_251_199_999)
        #expect(record.frontend == "public")
        #expect(!record.tls)
        #expect(record.requestCookie == "JSESSIONID=3F2A9C07")
        #expect(record.responseCookie == "SERVERID=web3")
        #expect(record.terminationState == "---I")
        #expect(record.serverQueue == 4)
        #expect(record.backendQueue == 17)
        #expect(record.method == "POST")
        #expect(record.path == "/login")
        #expect(record.query == nil)
    }

    @Test("<BADREQ>, <NOSRV> and -1 timers")
    func badRequestWithoutServer() throws {
        let line =
            #"203.0.113.7:51000 [14/Mar/2024:09:27:01.002] www~ www/<NOSRV> -1/-1/-1/-1/5001 408 212 - - cR-- "#
            + #"5/5/0/0/0 0/0 "<BADREQ>""#
        let record = try haproxyRecord(line)
        #expect(record.backend == "www")
        #expect(record.server == .noServer)
        #expect(record.server.name == "<NOSRV>")
        #expect(record.requestTime == nil)
        #expect(record.queueTime == nil)
        #expect(record.connectTime == nil)
        #expect(record.responseTime == nil)
        #expect(record.totalTime == 5001)
        #expect(record.statusCode == 408)
        #expect(record.terminationState == "cR--")
        #expect(record.badRequest)
        #expect(record.method == nil)
        #expect(record.path == nil)
        #expect(record.query == nil)
        #expect(record.httpVersion == nil)
    }

    @Test("<STATS> and a -1 total")
    func statsPage() throws {
        let line =
            #"10.0.0.5:40022 [14/Mar/2024:09:30:00.000] stats stats/<STATS> 0/-1/-1/-1/-1 200 20311 - - LR-- "#
            + #"1/1/0/0/0 0/0 "GET /haproxy?stats HTTP/1.1""#
        let record = try haproxyRecord(line)
        #expect(record.server == .stats)
        #expect(record.server.name == "<STATS>")
        #expect(record.requestTime == 0)
        #expect(record.totalTime == nil)
        #expect(record.path == "/haproxy")
        #expect(record.query == "stats")
    }

    @Test("logasap: + on the total and on the bytes; + on retries is a redispatch")
    func plusSigns() throws {
        let line =
            #"192.0.2.10:48621 [14/Mar/2024:09:26:54.000] www~ media/cdn-1 2/0/1/15/+15 200 +4096 - - ---- "#
            + #"8/8/2/1/+3 0/0 "GET /video/intro.mp4 HTTP/1.1""#
        let record = try haproxyRecord(line)
        #expect(record.totalTime == 15)
        #expect(record.totalTimeIsAtLeast)
        #expect(record.bytesRead == 4096)
        #expect(record.bytesReadIsAtLeast)
        #expect(record.retries == 3)
        #expect(record.redispatched)
    }

    @Test("status -1 when the connection broke before a response")
    func brokenConnection() throws {
        let line =
            #"192.0.2.44:50100 [14/Mar/2024:09:31:12.250] www~ api/api-1 0/0/1/-1/10012 -1 0 - - CD-- "#
            + #"3/3/1/1/0 0/0 "GET /v1/stream HTTP/1.1""#
        let record = try haproxyRecord(line)
        #expect(record.statusCode == nil)
        #expect(record.responseTime == nil)
        #expect(record.bytesRead == 0)
        #expect(record.terminationState == "CD--")
    }

    @Test(
        "client addresses",
        arguments: [
            ("192.0.2.10:48620", "192.0.2.10", HAProxyRecord.AddressFamily.ipv4, 48620 as Int?),
            ("2001:db8::1:51234", "2001:db8::1", .ipv6, 51234),
            ("::1:8080", "::1", .ipv6, 8080),
            ("::ffff:198.51.100.4:60000", "::ffff:198.51.100.4", .ipv6, 60000),
            ("fe80::1%eth0:443", "fe80::1%eth0", .ipv6, 443),
            ("[2001:db8:0:1::7]:443", "2001:db8:0:1::7", .ipv6, 443),
            ("unix:1", "unix:1", .unix, nil),
            ("unix:/run/haproxy/public.sock", "unix:/run/haproxy/public.sock", .unix, nil),
            ("-:-", "-", .unknown, nil),
            ("10.1.2.3:0", "10.1.2.3", .ipv4, 0),
            ("unix:", "unix:", .unix, nil),
        ])
    func clientAddress(field: String, address: String, family: HAProxyRecord.AddressFamily, port: Int?) throws {
        let record = try haproxyRecord(substituting("192.0.2.10:48620", with: field, in: HAProxyLines.http))
        #expect(record.clientAddress == address)
        #expect(record.clientFamily == family)
        #expect(record.clientPort == port)
    }

    @Test("captured request and response headers, with spaces, | and empty values")
    func headerBlocks() throws {
        let line = substituting(
            " 0/0 ", with: " 0/0 {shop.example.com|Mozilla/5.0 (X11; Linux x86_64)|} {text/html; charset=utf-8} ",
            in: HAProxyLines.http)
        let record = try haproxyRecord(line)
        #expect(record.requestHeaders == ["shop.example.com", "Mozilla/5.0 (X11; Linux x86_64)", ""])
        #expect(record.responseHeaders == ["text/html; charset=utf-8"])
        #expect(record.path == "/v1/orders")
    }

    @Test(
        "header blocks present, absent and empty",
        arguments: [
            ("", nil, nil),
            ("{} ", [""], nil),
            ("{|} ", ["", ""], nil),
            ("{} {} ", [""], [""]),
            ("{api.example.com} ", ["api.example.com"], nil),
            ("{a b|c  d} {e} ", ["a b", "c  d"], ["e"]),
        ] as [(String, [String]?, [String]?)])
    func headerBlockShapes(blocks: String, request: [String]?, response: [String]?) throws {
        let record = try haproxyRecord(substituting(" 0/0 ", with: " 0/0 " + blocks, in: HAProxyLines.http))
        #expect(record.requestHeaders == request)
        #expect(record.responseHeaders == response)
    }

    @Test("a lone block can be handed to the response when only responses are captured")
    func redividedHeaders() throws {
        let record = try haproxyRecord(substituting(" 0/0 ", with: " 0/0 {no-cache} ", in: HAProxyLines.http))
        let responseOnly = record.withCapturedHeaders(requestCount: 0)
        #expect(responseOnly.requestHeaders == nil)
        #expect(responseOnly.responseHeaders == ["no-cache"])
        #expect(record.withCapturedHeaders(requestCount: 5).requestHeaders == ["no-cache"])
        #expect(record.withCapturedHeaders(requestCount: 5).responseHeaders == nil)
    }

    @Test(
        "request lines",
        arguments: [
            ("GET / HTTP/1.0", "GET", "/", nil, "HTTP/1.0"),
            (
                "GET https://shop.example.com/cart?x=1 HTTP/2.0", "GET", "https://shop.example.com/cart", "x=1",
                "HTTP/2.0"
            ),
            ("CONNECT api.example.com:443 HTTP/1.1", "CONNECT", "api.example.com:443", nil, "HTTP/1.1"),
            ("GET /search? HTTP/1.1", "GET", "/search", "", "HTTP/1.1"),
            ("GET /a?b?c HTTP/1.1", "GET", "/a", "b?c", "HTTP/1.1"),
            (
                "GET /account/login?email=a@example.com&mobile=fal se HTTP/1.1", "GET", "/account/login",
                "email=a@example.com&mobile=fal se", "HTTP/1.1"
            ),
            ("GET /legacy", "GET", "/legacy", nil, nil),
            ("OPTIONS", "OPTIONS", nil, nil, nil),
            ("GET /q#22x#22 HTTP/1.1", "GET", "/q#22x#22", nil, "HTTP/1.1"),
        ] as [(String, String?, String?, String?, String?)])
    func requestLine(line: String, method: String?, path: String?, query: String?, version: String?) throws {
        let record = try haproxyRecord(
            substituting("GET /v1/orders?limit=20&page=3 HTTP/1.1", with: line, in: HAProxyLines.http))
        #expect(!record.badRequest)
        #expect(record.method == method)
        #expect(record.path == path)
        #expect(record.query == query)
        #expect(record.httpVersion == version)
    }

    @Test("an empty request line counts as a bad request")
    func emptyRequestLine() throws {
        let record = try haproxyRecord(
            substituting(#""GET /v1/orders?limit=20&page=3 HTTP/1.1""#, with: "\"\"", in: HAProxyLines.http))
        #expect(record.badRequest)
        #expect(record.method == nil)
    }

    /// Decided: bytes that are not UTF-8 do not make a line bad when the structure is sound; they are decoded
    /// lossily (U+FFFD), since a client can send any byte in a URL and the rest of the record is still good.
    @Test("non-UTF-8 bytes in the URL are decoded lossily")
    func nonUTF8URL() throws {
        var bytes = Array(HAProxyLines.http.utf8)
        let at = byteOffset(of: "orders", in: HAProxyLines.http)
        bytes.replaceSubrange(at..<at + 6, with: [0x63, 0x61, 0x66, 0xE9, 0xFF, 0xC3])
        let record = try haproxyRecord(bytes: bytes)
        #expect(record.path == "/v1/caf\u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(record.query == "limit=20&page=3")
        #expect(record.statusCode == 200)
    }

    @Test("valid UTF-8 in a header capture is kept")
    func utf8Header() throws {
        let record = try haproxyRecord(substituting(" 0/0 ", with: " 0/0 {café.example} ", in: HAProxyLines.http))
        #expect(record.requestHeaders == ["café.example"])
    }

    @Test("runs of spaces between fields, as HAProxy leaves around empty fields")
    func extraSpaces() throws {
        let record = try haproxyRecord(HAProxyLines.http.replacing(" ", with: "  ", maxReplacements: 12))
        #expect(record.terminationState == "----")
        #expect(record.path == "/v1/orders")
    }

    @Test("any collection of bytes: array, slice, buffer, UTF-8 view, non-contiguous")
    func collections() throws {
        let expected = try haproxyRecord(HAProxyLines.http)
        let bytes = Array(HAProxyLines.http.utf8)
        let padded = [0x0A] + bytes + [0x0A]
        #expect(try HAProxyParser.parse(padded[1..<padded.count - 1], format: .http).get() == expected)
        #expect(try HAProxyParser.parse(HAProxyLines.http.utf8, format: .http).get() == expected)
        #expect(try bytes.withUnsafeBufferPointer { try HAProxyParser.parse($0, format: .http).get() } == expected)
        #expect(try HAProxyParser.parse(bytes.lazy.map { $0 }, format: .http).get() == expected)
    }
}
