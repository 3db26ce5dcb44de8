import Testing

@testable import SluiceProcessing

/// The example log lines of HAProxy's configuration manual (doc/configuration.txt, section 8: 8.2.2 "TCP log
/// format", 8.2.3 "HTTP log format", 8.8 "Capturing HTTP headers", 8.9 "Examples of logs"), quoted verbatim as
/// test data, their backslash-continued lines joined, each parsed into the fields the manual says it holds.
/// The manual prints its lines behind a bare `haproxy[pid]: ` tag ("the syslog part has been removed"), or
/// behind a BSD syslog header. (The copy read was the manual of HAProxy 1.7.)
@Suite("HAProxy's configuration manual: every example line")
struct HAProxyManualExampleTests {
    typealias Expected = [String: Row.Value]

    static func check(_ line: String, _ format: LogFormat = .http, _ expected: Expected) throws {
        let record = try haproxyRecord(line, format)
        #expect(!record.truncated)
        let values = Dictionary(uniqueKeysWithValues: record.namedValues.values.map { ($0.column, $0.value) })
        for (name, value) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(values[name] == value, "\(name) of \(line)")
        }
    }

    @Test("8.2.3: the HTTP log format's example, behind its syslog header and behind the bare tag alone")
    func httpLogFormat() throws {
        let message =
            #"haproxy[14389]: 10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 "#
            + #"- - ---- 1/1/1/1/0 0/0 {1wt.eu} {} "GET /index.html HTTP/1.1""#
        let expected: Expected = [
            "client_address": .string("10.0.1.2"), "client_family": .string("ipv4"), "client_port": .int(33317),
            "accept_date": .string("06/Feb/2009:12:14:14.655"), "accept_timestamp_ms": .int(1_233_922_454_655),
            "frontend": .string("http-in"), "tls": .bool(false), "backend": .string("static"),
            "server": .string("srv1"), "request_time_ms": .int(10), "queue_time_ms": .int(0),
            "connect_time_ms": .int(30), "response_time_ms": .int(69), "total_time_ms": .int(109),
            "total_time_is_at_least": .bool(false), "status": .int(200), "bytes_read": .int(2750),
            "bytes_read_is_at_least": .bool(false), "request_cookie": .null, "response_cookie": .null,
            "termination_state": .string("----"), "active_connections": .int(1), "frontend_connections": .int(1),
            "backend_connections": .int(1), "server_connections": .int(1), "retries": .int(0),
            "redispatched": .bool(false), "server_queue": .int(0), "backend_queue": .int(0),
            "request_headers": .string("1wt.eu"), "response_headers": .string(""), "bad_request": .bool(false),
            "method": .string("GET"), "path": .string("/index.html"), "query": .null,
            "http_version": .string("HTTP/1.1"), "truncated": .bool(false),
        ]
        try Self.check("Feb  6 12:14:14 localhost " + message, .http, expected)
        try Self.check(message, .http, expected)
    }

    @Test(
        "8.8: header captures, logasap's + and the old date without milliseconds",
        arguments: [
            (
                #"Aug  9 20:26:09 localhost haproxy[2022]: 127.0.0.1:34014 [09/Aug/2004:20:26:09] proxy-out "#
                    + #"proxy-out/cache1 0/0/0/162/+162 200 +350 - - ---- 0/0/0/0/0 0/0 "#
                    + #"{fr.adserver.yahoo.co||http://fr.f416.mail.} {|864|private||} "#
                    + #""GET http://fr.adserver.yahoo.com/""#,
                [
                    "accept_timestamp_ms": .int(1_092_083_169_000), "response_time_ms": .int(162),
                    "total_time_ms": .int(162), "total_time_is_at_least": .bool(true), "bytes_read": .int(350),
                    "bytes_read_is_at_least": .bool(true),
                    "request_headers": .string("fr.adserver.yahoo.co||http://fr.f416.mail."),
                    "response_headers": .string("|864|private||"), "method": .string("GET"),
                    "path": .string("http://fr.adserver.yahoo.com/"), "http_version": .null,
                ] as Expected
            ),
            (
                #"Aug  9 20:30:46 localhost haproxy[2022]: 127.0.0.1:34020 [09/Aug/2004:20:30:46] proxy-out "#
                    + #"proxy-out/cache1 0/0/0/182/+182 200 +279 - - ---- 0/0/0/0/0 0/0 "#
                    + #"{w.ods.org||} {Formilux/0.1.8|3495|||} "#
                    + #""GET http://trafic.1wt.eu/ HTTP/1.1""#,
                [
                    "client_port": .int(34020), "accept_timestamp_ms": .int(1_092_083_446_000),
                    "backend": .string("proxy-out"), "server": .string("cache1"), "total_time_ms": .int(182),
                    "bytes_read": .int(279), "request_headers": .string("w.ods.org||"),
                    "response_headers": .string("Formilux/0.1.8|3495|||"), "path": .string("http://trafic.1wt.eu/"),
                    "http_version": .string("HTTP/1.1"),
                ]
            ),
            (
                #"Aug  9 20:30:46 localhost haproxy[2022]: 127.0.0.1:34028 [09/Aug/2004:20:30:46] proxy-out "#
                    + #"proxy-out/cache1 0/0/2/126/+128 301 +223 - - ---- 0/0/0/0/0 0/0 "#
                    + #"{www.sytadin.equipement.gouv.fr||http://trafic.1wt.eu/} "#
                    + #"{Apache|230|||http://www.sytadin.} "#
                    + #""GET http://www.sytadin.equipement.gouv.fr/ HTTP/1.1""#,
                [
                    "connect_time_ms": .int(2), "total_time_ms": .int(128), "status": .int(301),
                    "bytes_read": .int(223),
                    "request_headers": .string("www.sytadin.equipement.gouv.fr||http://trafic.1wt.eu/"),
                    "response_headers": .string("Apache|230|||http://www.sytadin."),
                ]
            ),
        ])
    func headerCaptures(line: String, expected: Expected) throws {
        try Self.check(line, .http, expected)
    }

    @Test(
        "8.9: examples of logs, each as the manual explains it",
        arguments: [
            (
                #"haproxy[674]: 127.0.0.1:33318 [15/Oct/2003:08:31:57.130] px-http px-http/srv1 "#
                    + #"6559/0/7/147/6723 200 243 - - ---- 5/3/3/1/0 0/0 "HEAD / HTTP/1.0""#,
                [
                    "accept_timestamp_ms": .int(1_066_206_717_130), "request_time_ms": .int(6559),
                    "response_time_ms": .int(147), "total_time_ms": .int(6723), "termination_state": .string("----"),
                    "active_connections": .int(5), "frontend_connections": .int(3), "method": .string("HEAD"),
                    "path": .string("/"), "http_version": .string("HTTP/1.0"),
                ] as Expected
            ),
            (
                #"haproxy[674]: 127.0.0.1:33319 [15/Oct/2003:08:31:57.149] px-http px-http/srv1 "#
                    + #"6559/1230/7/147/6870 200 243 - - ---- 324/239/239/99/0 0/9 "HEAD / HTTP/1.0""#,
                [
                    "queue_time_ms": .int(1230), "active_connections": .int(324), "server_connections": .int(99),
                    "server_queue": .int(0), "backend_queue": .int(9),
                ]
            ),
            (
                #"haproxy[674]: 127.0.0.1:33320 [15/Oct/2003:08:32:17.654] px-http px-http/srv1 "#
                    + #"9/0/7/14/+30 200 +243 - - ---- 3/3/3/1/0 0/0 "GET /image.iso HTTP/1.0""#,
                [
                    "response_time_ms": .int(14), "total_time_ms": .int(30), "total_time_is_at_least": .bool(true),
                    "bytes_read": .int(243), "bytes_read_is_at_least": .bool(true), "path": .string("/image.iso"),
                ]
            ),
            (
                #"haproxy[674]: 127.0.0.1:33320 [15/Oct/2003:08:32:17.925] px-http px-http/srv1 "#
                    + #"9/0/7/14/30 502 243 - - PH-- 3/2/2/0/0 0/0 "GET /cgi-bin/bug.cgi? HTTP/1.0""#,
                [
                    "accept_timestamp_ms": .int(1_066_206_737_925), "status": .int(502),
                    "termination_state": .string("PH--"), "path": .string("/cgi-bin/bug.cgi"), "query": .string(""),
                ]
            ),
            (
                #"haproxy[18113]: 127.0.0.1:34548 [15/Oct/2003:15:18:55.798] px-http "#
                    + #"px-http/<NOSRV> -1/-1/-1/-1/8490 -1 0 - - CR-- 2/2/2/0/0 0/0 """#,
                [
                    "accept_timestamp_ms": .int(1_066_231_135_798), "server": .string("<NOSRV>"),
                    "request_time_ms": .null, "queue_time_ms": .null, "connect_time_ms": .null,
                    "response_time_ms": .null, "total_time_ms": .int(8490), "status": .null, "bytes_read": .int(0),
                    "termination_state": .string("CR--"), "bad_request": .bool(true), "method": .null,
                    "path": .null, "http_version": .null, "truncated": .bool(false),
                ]
            ),
            (
                #"haproxy[18113]: 127.0.0.1:34549 [15/Oct/2003:15:19:06.103] px-http "#
                    + #"px-http/<NOSRV> -1/-1/-1/-1/50001 408 0 - - cR-- 2/2/2/0/0 0/0 """#,
                [
                    "total_time_ms": .int(50001), "status": .int(408), "termination_state": .string("cR--"),
                    "method": .null, "path": .null,
                ]
            ),
            (
                #"haproxy[18989]: 10.0.0.1:34552 [15/Oct/2003:15:26:31.462] px-http "#
                    + #"px-http/srv1 3183/-1/-1/-1/11215 503 0 - - SC-- 205/202/202/115/3 0/0 "HEAD / HTTP/1.0""#,
                [
                    "client_address": .string("10.0.0.1"), "request_time_ms": .int(3183), "queue_time_ms": .null,
                    "connect_time_ms": .null, "total_time_ms": .int(11215), "status": .int(503),
                    "termination_state": .string("SC--"), "server_connections": .int(115), "retries": .int(3),
                    "redispatched": .bool(false),
                ]
            ),
        ])
    func examplesOfLogs(line: String, expected: Expected) throws {
        try Self.check(line, .http, expected)
    }

    /// `option tcplog` lines (8.2.2's example, and 8.9's) are not httplog lines: refused with a reason, not
    /// taken for a cut one.
    @Test(
        "8.2.2 and 8.9: tcplog lines are refused",
        arguments: [
            #"Feb  6 12:12:56 localhost haproxy[14387]: 10.0.1.2:33313 [06/Feb/2009:12:12:51.443] fnt "#
                + "bck/srv1 0/0/5007 212 -- 0/0/0/0/3 0/0",
            "haproxy[18989]: 127.0.0.1:34550 [15/Oct/2003:15:24:28.312] px-tcp px-tcp/srv1 0/0/5007 0 cD 0/0/0/0/0 0/0",
        ])
    func tcpLog(line: String) {
        #expect(haproxyFailure(line)?.reason == .unexpected(field: .responseTime))
        #expect(haproxyFailure(line, .clf) != nil)
    }

    /// The manual shows no `option httplog clf` line, only its log-format (8.2.4): these are the 8.2.3 and 8.9
    /// examples written in that layout (`%{+Q}o` quoting the string fields), each giving the same record as its
    /// httplog original except what the layouts log differently (CLF's date has an offset and `%ms` apart).
    @Test(
        "option httplog clf: the manual's examples in the CLF layout",
        arguments: [
            (
                #"haproxy[14389]: 10.0.1.2 - - [06/Feb/2009:12:14:14 +0000] "GET /index.html HTTP/1.1" 200 2750 "#
                    + #""" "" 33317 655 "http-in" "static" "srv1" 10 0 30 69 109 "----" 1 1 1 1 0 0 0 "" "" "#
                    + #""1wt.eu" """#,
                #"haproxy[14389]: 10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 "#
                    + #"200 2750 - - ---- 1/1/1/1/0 0/0 {1wt.eu} {} "GET /index.html HTTP/1.1""#
            ),
            (
                #"haproxy[674]: 127.0.0.1 - - [15/Oct/2003:08:32:17 +0000] "GET /image.iso HTTP/1.0" 200 +243 "#
                    + #""" "" 33320 654 "px-http" "px-http" "srv1" 9 0 7 14 +30 "----" 3 3 3 1 0 0 0 "" """#,
                #"haproxy[674]: 127.0.0.1:33320 [15/Oct/2003:08:32:17.654] px-http px-http/srv1 "#
                    + #"9/0/7/14/+30 200 +243 - - ---- 3/3/3/1/0 0/0 "GET /image.iso HTTP/1.0""#
            ),
            (
                #"haproxy[18113]: 127.0.0.1 - - [15/Oct/2003:15:18:55 +0000] "" -1 0 "" "" 34548 798 "px-http" "#
                    + #""px-http" "<NOSRV>" -1 -1 -1 -1 8490 "CR--" 2 2 2 0 0 0 0 "" """#,
                #"haproxy[18113]: 127.0.0.1:34548 [15/Oct/2003:15:18:55.798] px-http "#
                    + #"px-http/<NOSRV> -1/-1/-1/-1/8490 -1 0 - - CR-- 2/2/2/0/0 0/0 """#
            ),
            (
                #"Oct 15 15:26:31 lb haproxy[18989]: 10.0.0.1 - - [15/Oct/2003:15:26:31 +0000] "HEAD / HTTP/1.0" "#
                    + #"503 0 "" "" 34552 462 "px-http" "px-http" "srv1" 3183 -1 -1 -1 11215 "SC--" 205 202 202 "#
                    + #"115 3 0 0 "" """#,
                #"haproxy[18989]: 10.0.0.1:34552 [15/Oct/2003:15:26:31.462] px-http "#
                    + #"px-http/srv1 3183/-1/-1/-1/11215 503 0 - - SC-- 205/202/202/115/3 0/0 "HEAD / HTTP/1.0""#
            ),
        ])
    func clf(clfLine: String, httpLine: String) throws {
        var clf = try haproxyRecord(clfLine, .clf)
        let http = try haproxyRecord(httpLine, .http)
        #expect(clf.acceptDate.hasPrefix(http.acceptDate.prefix(20)))
        clf.format = .http
        clf.acceptDate = http.acceptDate
        // CLF lists the captures of both directions together; the configuration says where they divide.
        clf = clf.withCapturedHeaders(requestCount: http.requestHeaders?.count ?? 0)
        #expect(clf == http)
    }
}
