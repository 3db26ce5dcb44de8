import Testing

@testable import SluiceProcessing

@Suite("HAProxy httplog clf lines")
struct HAProxyCLFTests {
    @Test("every field of a typical line")
    func typicalLine() throws {
        let record = try haproxyRecord(HAProxyLines.clf, .clf)
        #expect(record.format == .clf)
        expectTypicalRequest(record)
        #expect(record.acceptDate == "14/Mar/2024:09:26:53 +0000")
        #expect(
            record.requestHeaders == ["https://shop.example.com/cart", "Mozilla/5.0 (X11; Linux x86_64)", "text/html"])
        #expect(record.responseHeaders == nil)
    }

    @Test("the captured list splits once the number of request captures is known")
    func splitCaptures() throws {
        let record = try haproxyRecord(HAProxyLines.clf, .clf).withCapturedHeaders(requestCount: 2)
        #expect(record.requestHeaders == ["https://shop.example.com/cart", "Mozilla/5.0 (X11; Linux x86_64)"])
        #expect(record.responseHeaders == ["text/html"])
    }

    @Test(
        "captured lists: absent (the line ends after %CS, with or without a space), empty values, bare -",
        arguments: [
            ("\"\" \"\"", nil),
            ("\"\" \"\" ", nil),
            ("\"\" \"\" \"\"", [""]),
            ("\"\" \"\" \"\" \"\"", ["", ""]),
            ("\"\" \"\" \"a | b\" - \"c\"", ["a | b", "", "c"]),
            ("\"\" \"\" \"-\"", ["-"]),
        ] as [(String, [String]?)])
    func capturedLists(tail: String, headers: [String]?) throws {
        let start = HAProxyLines.clf.firstRange(of: #" 0 0 "" """#)!.lowerBound
        let line = String(HAProxyLines.clf[..<start]) + " 0 0 " + tail
        let record = try haproxyRecord(line, .clf)
        #expect(record.requestHeaders == headers)
        #expect(record.responseHeaders == nil)
    }

    @Test("special values: <NOSRV>, <BADREQ>, -1 timers and status, + signs, cookies, a zone offset")
    func specialValues() throws {
        let line =
            #"2001:db8::1 - - [14/Mar/2024:10:26:53 +0100] "<BADREQ>" -1 +212 "" "" 51234 007 "public" "public" "#
            + #""<NOSRV>" -1 -1 -1 -1 +5001 "CR--" 5 5 0 0 +1 0 0 "JSESSIONID=ab12" "-""#
        let record = try haproxyRecord(line, .clf)
        #expect(record.clientAddress == "2001:db8::1")
        #expect(record.clientFamily == .ipv6)
        #expect(record.clientPort == 51234)
        #expect(record.acceptTimestamp == 1_710_408_413_007)
        #expect(record.frontend == "public")
        #expect(!record.tls)
        #expect(record.server == .noServer)
        #expect(record.badRequest)
        #expect(record.method == nil && record.path == nil)
        #expect(record.statusCode == nil)
        #expect(record.bytesRead == 212 && record.bytesReadIsAtLeast)
        #expect(record.requestTime == nil && record.queueTime == nil && record.connectTime == nil)
        #expect(record.responseTime == nil)
        #expect(record.totalTime == 5001 && record.totalTimeIsAtLeast)
        #expect(record.terminationState == "CR--")
        #expect(record.retries == 1 && record.redispatched)
        #expect(record.requestCookie == "JSESSIONID=ab12")
        #expect(record.responseCookie == nil)
        #expect(record.requestHeaders == nil)
    }

    @Test("<STATS>, a unix socket (whose %cp is a listener id) and a negative zone")
    func statsOverUnixSocket() throws {
        let line =
            #"unix - - [13/Mar/2024:23:56:53 -0930] "GET /stats;csv HTTP/1.1" 200 9182 "" "" 1 589 "admin" "#
            + #""admin" "<STATS>" 0 -1 -1 -1 0 "LR--" 1 1 0 0 0 0 0 "" """#
        let record = try haproxyRecord(line, .clf)
        #expect(record.clientAddress == "unix")
        #expect(record.clientFamily == .unix)
        #expect(record.clientPort == nil)
        #expect(record.acceptTimestamp == HAProxyLines.timestamp)
        #expect(record.server == .stats)
        #expect(record.path == "/stats;csv")
    }

    @Test("a leading quoted token, as some samples show for %{+Q}o, is skipped")
    func leadingOrigin() throws {
        let record = try haproxyRecord(#""www" "# + HAProxyLines.clf, .clf)
        #expect(try record == haproxyRecord(HAProxyLines.clf, .clf))
    }

    @Test("fields HAProxy leaves bare are also read quoted, and the other way round")
    func quotingVariants() throws {
        let line =
            #"192.0.2.10 - - [14/Mar/2024:09:26:53 +0000] "GET / HTTP/1.1" "200" "1873" "" "" "48620" "589" "#
            + #"www~ api api-2 "3" "0" "1" "42" "46" ---- "12" "10" "3" "1" "0" "0" "0" - -"#
        let record = try haproxyRecord(line, .clf)
        #expect(record.statusCode == 200)
        #expect(record.clientPort == 48620)
        #expect(record.acceptTimestamp == HAProxyLines.timestamp)
        #expect(record.tls && record.frontend == "www")
        #expect(record.totalTime == 46)
        #expect(record.requestCookie == nil && record.responseCookie == nil)
    }

    @Test("with a syslog prefix")
    func syslogPrefix() throws {
        let record = try haproxyRecord(HAProxyLines.bsdPrefix + HAProxyLines.clf, .clf)
        #expect(try record == haproxyRecord(HAProxyLines.clf, .clf))
    }
}
