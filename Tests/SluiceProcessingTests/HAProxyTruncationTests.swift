import Testing

@testable import SluiceProcessing

/// Lines a logger cut (HAProxy's `log ... len`, 1024 bytes by default; a syslog relay's limit) after their accept
/// date: each keeps its row, with what was logged.
@Suite("HAProxy lines cut by the logger")
struct HAProxyTruncationTests {
    /// `line` cut just before the first occurrence of `text`.
    static func cut(_ line: String, before text: String) -> String {
        String(line.utf8.prefix(byteOffset(of: text, in: line)))!
    }

    /// Cut just before the named text (trailing spaces go with the cut): the first field lost. A bare token at
    /// the end of the line may itself be cut short (`1873` logged as `18`), so the cut is put at it; a field that
    /// ended in a closing bracket, brace, quote or `/`, or has a fixed width, was whole.
    @Test(
        "httplog: where the line was cut decides the first field lost",
        arguments: [
            (" www~", ParseFailure.Field.frontend),
            (" api/api-2", .frontend),
            ("/api-2", .backend),
            ("/0/1/42/46", .requestTime),
            ("/1/42/46", .queueTime),
            ("/42/46", .connectTime),
            ("/46", .responseTime),
            (" 200", .totalTime),
            (" 1873", .status),
            (" - - ----", .bytesRead),
            (" - ----", .requestCookie),
            (" ----", .responseCookie),
            ("-- 12/10", .terminationState),
            (" 12/10", .activeConnections),
            ("/10/3/1/0", .activeConnections),
            ("/3/1/0", .frontendConnections),
            ("/1/0 0/0", .backendConnections),
            ("/0 0/0", .serverConnections),
            (" 0/0", .retries),
            ("/0 \"GET", .serverQueue),
            (" \"GET", .backendQueue),
        ])
    func httpCutBeforeRequest(cutBefore: String, lost: ParseFailure.Field) throws {
        let record = try haproxyRecord(Self.cut(HAProxyLines.http, before: cutBefore))
        #expect(record.truncated)
        #expect(record.cut == LineCut(field: lost, keepsPart: false))
        // What came before the cut is the whole line's; the cut field and everything after it are null.
        let whole = try haproxyRecord(HAProxyLines.http)
        #expect(record.clientAddress == whole.clientAddress && record.acceptTimestamp == whole.acceptTimestamp)
        #expect(record.lost(.request) && record.method == nil && record.path == nil)
        let values = record.namedValues.values
        let wholeValues = whole.namedValues.values
        let firstLost = try #require(values.firstIndex { record.lost(field: $0.column) })
        for index in values.indices where values[index].column != "truncated" {
            if index < firstLost {
                #expect(values[index].value == wholeValues[index].value, "\(values[index].column)")
            } else if record.lost(field: values[index].column) {
                #expect(values[index].value == .null, "\(values[index].column)")
            }
        }
        #expect(record.namedValues.values.last?.value == .bool(true))
    }

    @Test(
        "httplog: a request line cut keeps what was logged of it, the version null",
        arguments: [
            ("GET /v1", nil, nil, nil),
            ("ET /v1", nil, nil, nil),
            ("v1/orders", "GET", "/", nil),
            ("?limit", "GET", "/v1/orders", nil),
            ("=20&page", "GET", "/v1/orders", "limit"),
            (" HTTP/1.1\"", "GET", "/v1/orders", "limit=20&page=3"),
            ("TTP/1.1\"", "GET", "/v1/orders", "limit=20&page=3"),
            (".1\"", "GET", "/v1/orders", "limit=20&page=3"),
            ("1\"", "GET", "/v1/orders", "limit=20&page=3"),
        ] as [(String, String?, String?, String?)])
    func httpCutInsideRequest(cutBefore: String, method: String?, path: String?, query: String?) throws {
        let line = Self.cut(HAProxyLines.http, before: cutBefore)
        let record = try haproxyRecord(line)
        #expect(record.cut == LineCut(field: .request, keepsPart: true))
        #expect(!record.badRequest)
        #expect(record.method == method && record.path == path && record.query == query)
        #expect(record.httpVersion == nil)
        // Status, bytes and timings survive: the point of keeping the row.
        #expect(record.statusCode == 200 && record.bytesRead == 1873 && record.totalTime == 46)
        for name in ["method", "path", "query", "http_version", "bad_request", "status", "backend_queue"] {
            #expect(!record.lost(field: name), "\(name)")
        }
        #expect(HAProxyHTTPFormat.isTruncated(record))
        #expect(!HAProxyHTTPFormat.wasCutAway("path", in: record))
    }

    @Test("httplog: a 1024-byte line cut inside a long URL, as HAProxy's default `len` does")
    func longURL() throws {
        let long = "/search?q=" + String(repeating: "a", count: 2000)
        let line = substituting(
            "/v1/orders?limit=20&page=3", with: long, in: HAProxyLines.bsdPrefix + HAProxyLines.http)
        let record = try haproxyRecord(bytes: Array(line.utf8.prefix(1024)))
        #expect(record.truncated && record.path == "/search" && record.httpVersion == nil)
        #expect(record.query.map { $0.utf8.count } == 1024 - byteOffset(of: "?q=", in: line) - 1)
        #expect(record.statusCode == 200 && record.server == .named("api-2"))
    }

    @Test("httplog: cuts inside and after the captured header blocks")
    func httpHeaderBlocks() throws {
        let line = substituting(
            " 0/0 ", with: " 0/0 {shop.example.com|Mozilla/5.0} {text/html} ", in: HAProxyLines.http)

        let insideRequest = try haproxyRecord(Self.cut(line, before: "la/5.0}"))
        #expect(insideRequest.cut == LineCut(field: .requestHeaders, keepsPart: true))
        #expect(insideRequest.requestHeaders == ["shop.example.com", "Mozil"])
        #expect(!insideRequest.lost(field: "request_headers") && insideRequest.lost(field: "response_headers"))
        #expect(insideRequest.lost(field: "path"))

        let afterRequest = try haproxyRecord(Self.cut(line, before: " {text/html}"))
        #expect(afterRequest.cut == LineCut(field: .responseHeaders, keepsPart: false))
        #expect(afterRequest.requestHeaders == ["shop.example.com", "Mozilla/5.0"])
        #expect(afterRequest.lost(field: "response_headers"))

        let insideResponse = try haproxyRecord(Self.cut(line, before: "tml}"))
        #expect(insideResponse.cut == LineCut(field: .responseHeaders, keepsPart: true))
        #expect(insideResponse.responseHeaders == ["text/h"])
        #expect(!insideResponse.lost(field: "response_headers") && insideResponse.lost(field: "method"))

        // A block never closed, the request line after it: no cut, a malformed line.
        let unclosed = substituting("{text/html}", with: "{text/html", in: line)
        let quote = byteOffset(of: "\"GET", in: unclosed)
        #expect(haproxyFailure(unclosed) == ParseFailure(.unexpected(field: .responseHeaders), at: quote))

        let afterBoth = try haproxyRecord(Self.cut(line, before: " \"GET"))
        #expect(afterBoth.cut == LineCut(field: .request, keepsPart: false))
        #expect(afterBoth.responseHeaders == ["text/html"] && afterBoth.lost(field: "method"))
    }

    @Test(
        "clf: where the line was cut decides the first field lost",
        arguments: [
            (" \"GET", ParseFailure.Field.request, false),
            ("GET /v1", .request, true),
            ("v1/orders", .request, true),
            (" 200", .status, false),
            (" 1873", .status, false),
            (" \"\" \"\" 48620", .bytesRead, false),
            (" 48620", .clientPort, false),
            (" 589", .clientPort, false),
            (" \"www~\"", .acceptMilliseconds, false),
            ("www~\"", .frontend, false),
            ("api-2\"", .server, false),
            (" 46 ----", .responseTime, false),
            (" ---- ", .totalTime, false),
            (" 12 10", .activeConnections, false),
            (" 0 0 \"\"", .retries, false),
            (" \"\" \"\" \"https", .backendQueue, false),
            (" \"\" \"https", .responseCookie, false),
            ("shop.example", .capturedHeaders, true),
        ])
    func clfCuts(cutBefore: String, lost: ParseFailure.Field, keepsPart: Bool) throws {
        let record = try haproxyRecord(Self.cut(HAProxyLines.clf, before: cutBefore), .clf)
        #expect(record.cut == LineCut(field: lost, keepsPart: keepsPart))
        #expect(record.acceptTimestamp / 1000 == HAProxyLines.timestamp / 1000)
        let values = record.namedValues.values
        for (name, value) in values where record.lost(field: name) { #expect(value == .null, "\(name)") }
    }

    @Test("clf: a request line cut makes status, bytes and every field after it lost")
    func clfRequestCut() throws {
        let record = try haproxyRecord(Self.cut(HAProxyLines.clf, before: "=20&page"), .clf)
        #expect(record.method == "GET" && record.path == "/v1/orders" && record.query == "limit")
        #expect(record.httpVersion == nil && !record.badRequest)
        for name in ["status", "bytes_read", "client_port", "frontend", "server", "total_time_ms", "request_headers"] {
            #expect(record.lost(field: name), "\(name)")
        }
        #expect(!record.lost(field: "client_address") && !record.lost(field: "accept_date"))
        // `%ms` was cut away: the timestamp has whole seconds.
        #expect(record.acceptTimestamp == HAProxyLines.timestamp / 1000 * 1000)
    }

    @Test("clf: a captured header cut keeps what was logged of it")
    func clfCapturedHeaderCut() throws {
        let record = try haproxyRecord(Self.cut(HAProxyLines.clf, before: " x86_64)"), .clf)
        #expect(record.cut == LineCut(field: .capturedHeaders, keepsPart: true))
        #expect(record.requestHeaders == ["https://shop.example.com/cart", "Mozilla/5.0 (X11; Linux"])
        #expect(record.statusCode == 200 && !record.lost(field: "request_headers"))
    }

    @Test("a line cut before its accept date is refused, the reason saying it ends too soon")
    func refusedReason() {
        guard case .failure(let failure) = HAProxyHTTPFormat.parse(Array("192.0.2.10:48620 [14/Mar/20".utf8)[...])
        else {
            Issue.record("parsed")
            return
        }
        #expect(
            failure.reason
                == "not an HAProxy haproxy-http line: truncated:accept_date at byte 27 (the line ends before its "
                + "accept date was whole: cut by the logger, or not an access-log line)")
        guard case .failure(let clf) = HAProxyCLFFormat.parse(Array("192.0.2.10 - -".utf8)[...]) else {
            Issue.record("parsed")
            return
        }
        #expect(clf.reason.contains("truncated:accept_date at byte 14 (the line ends before its accept date"))
    }

    @Test("the formats answer isTruncated, wasCutAway and the truncated field")
    func formats() throws {
        let whole = try haproxyRecord(HAProxyLines.http)
        #expect(!HAProxyHTTPFormat.isTruncated(whole) && !HAProxyHTTPFormat.wasCutAway("status", in: whole))
        let cut = try haproxyRecord(Self.cut(HAProxyLines.http, before: " 1873"))
        #expect(HAProxyHTTPFormat.isTruncated(cut))
        #expect(HAProxyHTTPFormat.wasCutAway("status", in: cut) && HAProxyHTTPFormat.wasCutAway("path", in: cut))
        #expect(!HAProxyHTTPFormat.wasCutAway("total_time_ms", in: cut))
        #expect(!HAProxyHTTPFormat.wasCutAway("truncated", in: cut) && !HAProxyHTTPFormat.wasCutAway("nope", in: cut))
        let field = try #require(HAProxyHTTPFormat.fields.first { $0.name == "truncated" })
        #expect(field.type == .boolean && field.value(cut) == .bool(true) && field.value(whole) == .bool(false))
    }
}
