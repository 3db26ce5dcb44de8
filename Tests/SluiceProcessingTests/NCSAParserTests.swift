import Testing

@testable import SluiceProcessing

@Suite("NCSA combined and common lines: every field")
struct NCSAParserTests {
    @Test("Apache's documentation line, combined: every field")
    func apacheCombined() throws {
        let record = try ncsaRecord(NCSALines.apache)
        #expect(record.clientAddress == "127.0.0.1")
        #expect(record.clientFamily == .ipv4)
        #expect(record.ident == nil)
        #expect(record.user == "frank")
        #expect(record.timeLocal == "10/Oct/2000:13:55:36 -0700")
        #expect(record.timestamp == NCSALines.apacheTimestamp)
        #expect(record.request == "GET /apache_pb.gif HTTP/1.0")
        #expect(record.method == "GET")
        #expect(record.path == "/apache_pb.gif")
        #expect(record.query == nil)
        #expect(record.httpVersion == "HTTP/1.0")
        #expect(record.status == 200)
        #expect(record.bytesSent == 2326)
        #expect(record.referer == "http://www.example.com/start.html")
        #expect(record.userAgent == "Mozilla/4.08 [en] (Win98; I ;Nav)")
        #expect(record.extra == nil)
        #expect(!record.truncated && record.cutAway == nil)
    }

    @Test("Apache's documentation line, common: the same fields, no referer or user agent")
    func apacheCommon() throws {
        let record = try ncsaRecord(NCSALines.apacheCommon, .common)
        #expect(record.user == "frank" && record.timestamp == NCSALines.apacheTimestamp)
        #expect(record.method == "GET" && record.path == "/apache_pb.gif" && record.httpVersion == "HTTP/1.0")
        #expect(record.status == 200 && record.bytesSent == 2326)
        #expect(record.referer == nil && record.userAgent == nil && record.extra == nil)
        #expect(!record.truncated)
    }

    @Test("an nginx line: no user, a query with an empty value")
    func nginx() throws {
        let record = try ncsaRecord(NCSALines.nginx)
        #expect(record.clientAddress == "203.0.113.7" && record.user == nil && record.ident == nil)
        #expect(record.timestamp == NCSALines.nginxTimestamp)
        #expect(record.path == "/integrations/slack" && record.query == "team=T1&x=")
        #expect(record.httpVersion == "HTTP/1.1")
        #expect(record.userAgent == "Mozilla/5.0 (X11; Linux x86_64; rv:122.0) Gecko/20100101 Firefox/122.0")
    }

    @Test("the zone offset is applied: the same instant written in two zones")
    func zones() throws {
        let east = try ncsaRecord(
            substituting(
                "10/Oct/2000:13:55:36 -0700", with: "11/Oct/2000:05:25:36 +0830",
                in: NCSALines.apache))
        #expect(east.timestamp == NCSALines.apacheTimestamp)
        #expect(east.timeLocal == "11/Oct/2000:05:25:36 +0830")
    }

    @Test(
        "client addresses: IPv4, IPv6, IPv4-mapped IPv6, a zone, a host name, a unix socket",
        arguments: [
            ("192.0.2.1", NCSARecord.AddressFamily.ipv4), ("2001:db8::1", .ipv6), ("::ffff:192.0.2.1", .ipv6),
            ("::1", .ipv6), ("fe80::1%eth0", .ipv6), ("crawler-66-249-66-1.googlebot.com", .name),
            ("localhost", .name), ("unix:", .unix),
        ])
    func clientAddresses(address: String, family: NCSARecord.AddressFamily) throws {
        let record = try ncsaRecord(substituting("127.0.0.1", with: address, in: NCSALines.apache))
        #expect(record.clientAddress == address)
        #expect(record.clientFamily == family)
    }

    @Test(
        "a syslog header in front is skipped: nginx's `access_log syslog:`, rsyslog's files, RFC 5424 relays",
        arguments: [
            "<190>Feb  6 12:14:14 web-1 nginx: ", "<190>Feb  6 12:14:14 nginx: ", "Feb  6 12:14:14 web-1 nginx[812]: ",
            "2024-02-06T12:14:14.123456+00:00 web-1 nginx: ", "<190>1 2024-02-06T12:14:14Z web-1 nginx 812 - - ",
        ])
    func syslogPrefix(prefix: String) throws {
        let record = try ncsaRecord(prefix + NCSALines.nginx)
        #expect(record.clientAddress == "203.0.113.7" && record.timestamp == NCSALines.nginxTimestamp)
        #expect(record.userAgent?.hasSuffix("Firefox/122.0") == true && !record.truncated)
    }

    @Test("`-` is absent: ident, user, referer and user agent are null")
    func absentValues() throws {
        let line = #"192.0.2.1 - - [06/Feb/2024:12:14:14 +0000] "GET / HTTP/1.1" 304 0 "-" "-""#
        let record = try ncsaRecord(line)
        #expect(record.ident == nil && record.user == nil && record.referer == nil && record.userAgent == nil)
        #expect(record.status == 304 && record.bytesSent == 0)
    }

    @Test("an empty referer or user agent header is an empty string, not absent")
    func emptyHeaders() throws {
        let record = try ncsaRecord(combinedLine(request: "GET / HTTP/1.1", referer: "", userAgent: ""))
        #expect(record.referer == "" && record.userAgent == "")
    }

    @Test("an ident, and a user name holding a space (nginx does not escape spaces)")
    func identAndUser() throws {
        let line = #"192.0.2.1 ident-42 Jane Doe [06/Feb/2024:12:14:14 +0000] "GET / HTTP/1.1" 200 1 "-" "-""#
        let record = try ncsaRecord(line)
        #expect(record.ident == "ident-42")
        #expect(record.user == "Jane Doe")
    }

    @Test("Apache's `-` byte count (no body) is 0")
    func apacheZeroBytes() throws {
        let record = try ncsaRecord(substituting("200 2326", with: "304 -", in: NCSALines.apache))
        #expect(record.status == 304 && record.bytesSent == 0)
        let common = try ncsaRecord(substituting("200 2326", with: "304 -", in: NCSALines.apacheCommon), .common)
        #expect(common.bytesSent == 0 && !common.truncated)
    }

    @Test("a byte count beyond 32 bits")
    func largeBytes() throws {
        let record = try ncsaRecord(substituting("2326", with: "9223372036854775807", in: NCSALines.apache))
        #expect(record.bytesSent == Int64.max)
    }

    @Test("what follows the standard fields is `extra`, as logged")
    func extra() throws {
        let record = try ncsaRecord(NCSALines.nginx + #" 0.012 "10.0.0.5:8080" "a\x22b""#)
        #expect(record.extra == #"0.012 "10.0.0.5:8080" "a\x22b""#)
        #expect(record.userAgent?.hasSuffix("Firefox/122.0") == true)
        // A common line followed by the referer and user agent: a common line with extra.
        let common = try ncsaRecord(NCSALines.apache, .common)
        #expect(common.bytesSent == 2326 && common.referer == nil)
        #expect(common.extra == #""http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)""#)
    }

    @Test("separators of several spaces, trailing white space and a CRLF ending")
    func whiteSpace() throws {
        let line = #"192.0.2.1  -  -  [06/Feb/2024:12:14:14 +0000]  "GET / HTTP/1.1"  200  5  "-"  "curl"  "# + "\r\n"
        let record = try ncsaRecord(line)
        #expect(record.status == 200 && record.bytesSent == 5 && record.userAgent == "curl" && record.extra == nil)
    }

    @Test("`-` or `\"\"` as the request (a connection that sent nothing): no request, the row is kept")
    func noRequest() throws {
        for request in ["-", ""] {
            let line = #"192.0.2.1 - - [06/Feb/2024:12:14:14 +0000] ""# + request + #"" 400 0 "-" "-""#
            let record = try ncsaRecord(line)
            #expect(record.request == nil && record.method == nil && record.path == nil && record.httpVersion == nil)
            #expect(record.status == 400 && !record.truncated)
        }
    }

    @Test(
        "odd request lines keep their row, with the parts they have",
        arguments: [
            // HTTP/0.9: no version.
            ("GET /", "GET", "/", nil, nil),
            // A target with a space in it.
            ("GET /a b?c d HTTP/1.1", "GET", "/a b", "c d", "HTTP/1.1"),
            // An absolute target (a proxy request) and CONNECT's authority.
            ("GET http://example.com/x?y HTTP/1.1", "GET", "http://example.com/x", "y", "HTTP/1.1"),
            ("CONNECT example.com:443 HTTP/1.1", "CONNECT", "example.com:443", nil, "HTTP/1.1"),
            // HTTP/2 as nginx logs it, a bare `?`.
            ("PROPFIND /dav/? HTTP/2.0", "PROPFIND", "/dav/", "", "HTTP/2.0"),
            // A lone word: a method without a target.
            ("QUIT", "QUIT", nil, nil, nil),
            // Garbage sent to the port: a TLS handshake, as nginx escapes it; no parts.
            (#"\x16\x03\x01\x02\x00\x01\x00\x01\xFC\x03\x03"#, nil, nil, nil, nil),
            ("<script>alert(1)</script>", nil, nil, nil, nil),
        ] as [(String, String?, String?, String?, String?)])
    func oddRequests(request: String, method: String?, path: String?, query: String?, version: String?) throws {
        let record = try ncsaRecord(combinedLine(request: request))
        #expect(record.method == method)
        #expect(record.path == path)
        #expect(record.query == query)
        #expect(record.httpVersion == version)
        #expect(record.request != nil && record.status == 200 && !record.truncated)
    }

    @Test("a garbage request keeps its text as logged: its non-UTF-8 bytes as their escapes")
    func garbageRequestText() throws {
        let record = try ncsaRecord(combinedLine(request: #"\x16\x03\x01\x02\x00\xFC"#))
        #expect(record.request == "\u{16}\u{03}\u{01}\u{02}\u{00}\\xFC")
    }
}
