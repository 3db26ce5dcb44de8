import Testing

@testable import SluiceProcessing

@Suite("HAProxy lines behind syslog prefixes")
struct HAProxySyslogPrefixTests {
    @Test(
        "each prefix style, and none",
        arguments: [
            "",
            "Mar 14 09:26:53 lb-1 haproxy[2817]: ",
            "Mar  4 09:26:53 lb-1 haproxy[2817]: ",
            "Mar 04 09:26:53 lb-1 haproxy[2817]: ",
            "Mar 14 09:26:53.589 ip-10-0-1-17 hapee-lb[99]: ",
            "Mar 14 09:26:53 lb-1 haproxy: ",
            "Mar 14 09:26:53 haproxy[2817]: ",
            "<134>Mar 14 09:26:53 haproxy[2817]: ",
            "<134>Mar 14 09:26:53 lb-1 haproxy[2817]: ",
            "<134>1 2024-03-14T09:26:53.589123+00:00 lb-1 haproxy 2817 - - ",
            "<6>1 2024-03-14T09:26:53Z lb-1.example.com edge-proxy - - - ",
            #"<134>1 2024-03-14T09:26:53Z lb-1 haproxy 2817 - [meta sequenceId="7"] "#,
            #"<134>1 2024-03-14T09:26:53Z lb-1 haproxy 2817 access [a x="]"][b y="q\"] z" w="\\"] "#,
            "<134>1 2024-03-14T09:26:53Z lb-1 haproxy 2817 - - \u{FEFF}",
            "<134>1 - - - - - - ",
            "2024-03-14T09:26:53.589123+00:00 ip-172-21-1-50 haproxy[22009]: ",
            "<134>",
            "haproxy[14387]: ",
            "haproxy: ",
            "hapee-lb/2.8_x.y[7]:   ",
            "<134>haproxy[2817]: ",
            "2024-03-14T09:26:53.589123+01:00 ",
            "<6>2024-03-14T09:26:53.589+01:00 ",
            "Mar 14 09:26:53 ",
        ])
    func prefix(_ prefix: String) throws {
        let expected = try haproxyRecord(HAProxyLines.http)
        #expect(try haproxyRecord(prefix + HAProxyLines.http) == expected)
        #expect(try haproxyRecord("  " + prefix + HAProxyLines.http + "  \n") == expected)
    }

    @Test(
        "broken prefixes fail as the prefix",
        arguments: [
            ("<134 ", ParseFailure.Reason.unexpected(field: .syslogPrefix)),
            ("<13a>", .unexpected(field: .syslogPrefix)),
            ("<>", .unexpected(field: .syslogPrefix)),
            ("<1345>", .unexpected(field: .syslogPrefix)),
            ("Mar 14 09:26:53 lb-1 haproxy[2817] ", .unexpected(field: .syslogPrefix)),
            ("Mar 14 9h26 lb-1 haproxy[2817]: ", .unexpected(field: .syslogPrefix)),
            ("Mar 144 09:26:53 haproxy[2817]: ", .unexpected(field: .syslogPrefix)),
            ("<134>1 2024-03-14T09:26:53Z lb-1 haproxy 2817 - x ", .unexpected(field: .syslogPrefix)),
        ])
    func brokenPrefix(prefix: String, reason: ParseFailure.Reason) {
        #expect(haproxyFailure(prefix + HAProxyLines.http)?.reason == reason)
    }

    @Test(
        "prefixes cut short",
        arguments: [
            "<134", "Mar 14", "Mar 14 09:26:53", "Mar 14 09:26:53 lb-1",
            "<134>1 2024-03-14T09:26:53Z lb-1 haproxy 2817",
            #"<134>1 2024-03-14T09:26:53Z lb-1 haproxy 2817 - [meta x="1"#, "2024-03-14T09:26:53Z",
        ])
    func truncatedPrefix(prefix: String) {
        let failure = haproxyFailure(prefix)
        #expect(failure?.reason == .truncated(field: .syslogPrefix))
        #expect(failure?.offset == prefix.utf8.count)
    }

    @Test(
        "a prefix with nothing after it is a truncated message",
        arguments: [
            "Mar 14 09:26:53 lb-1 haproxy[2817]: ", "<134>1 2024-03-14T09:26:53Z lb-1 haproxy 2817 - -", "<134>",
        ])
    func emptyMessage(prefix: String) {
        #expect(haproxyFailure(prefix)?.reason == .truncated(field: .clientAddress))
        #expect(haproxyFailure(prefix, .clf)?.reason == .truncated(field: .clientAddress))
    }

    /// `log ... format iso` and `timed`: a timestamp, then the message, in either layout and with any client.
    @Test("a timestamp alone before the message, any layout and client")
    func timestampAlone() throws {
        let clf = try haproxyRecord(HAProxyLines.clf, .clf)
        #expect(try haproxyRecord("2024-03-14T09:26:53.589+00:00 " + HAProxyLines.clf, .clf) == clf)
        #expect(try haproxyRecord("<6>2024-03-14T09:26:53Z \"www\" " + HAProxyLines.clf, .clf) == clf)
        let ipv6 = substituting("192.0.2.10:48620", with: "2001:db8::7:48620", in: HAProxyLines.http)
        #expect(try haproxyRecord("2024-03-14T09:26:53Z " + ipv6).clientAddress == "2001:db8::7")
        let unix = substituting("192.0.2.10:48620", with: "unix:1", in: HAProxyLines.http)
        #expect(try haproxyRecord("2024-03-14T09:26:53Z " + unix).clientFamily == .unix)
    }

    /// A bare tag is taken only where it cannot be the message's first field.
    @Test("bare program tags, and what is not one")
    func bareTags() throws {
        let ipv6 =
            "fe80:: - - [14/Mar/2024:09:26:53 +0000] \"GET / HTTP/1.1\" 200 1 \"\" \"\" 1 2 \"f\" \"b\" \"s\" "
            + "0 0 0 0 0 ---- 1 1 1 1 0 0 0 \"\" \"\""
        #expect(try haproxyRecord(ipv6, .clf).clientAddress == "fe80::")
        #expect(
            try haproxyRecord("unix: [14" + HAProxyLines.http.drop { $0 != "[" }.dropFirst(3)).clientFamily == .unix)
        #expect(haproxyFailure("haproxy[]: " + HAProxyLines.http)?.reason == .unexpected(field: .clientAddress))
        #expect(haproxyFailure("9proxy[1]: " + HAProxyLines.http)?.reason == .unexpected(field: .clientAddress))
        #expect(haproxyFailure("haproxy[1]:" + HAProxyLines.http)?.reason == .unexpected(field: .clientAddress))
    }
}
