import Testing

@testable import SluiceProcessing

/// Every refusal, with its reason and where the parser gave up.
@Suite("NCSA lines that fail, and why")
struct NCSAFailureTests {
    static let date = "[06/Feb/2024:12:14:14 +0000]"

    @Test("empty and blank lines", arguments: ["", " ", "\n", "\r\n", " \t \r\n"])
    func empty(line: String) {
        #expect(ncsaFailure(line) == NCSAFailure(.empty, at: 0))
        #expect(ncsaFailure(line, .common) == NCSAFailure(.empty, at: 0))
    }

    @Test("a syslog header that is cut or malformed, or nothing after one")
    func syslogPrefix() throws {
        let noTag = "<190>Feb  6 12:14:14 web-1 nginx " + NCSALines.nginx
        #expect(ncsaFailure(noTag)?.reason == .badSyslogPrefix)
        #expect(ncsaFailure(noTag)?.description.hasPrefix("the line starts with a syslog header") == true)
        #expect(ncsaFailure("<190") == NCSAFailure(.badSyslogPrefix, at: 4))
        #expect(ncsaFailure("<190>Feb  6 12:14:14 web-1 nginx:") == NCSAFailure(.missing(.clientAddress), at: 33))
    }

    @Test(
        "a client address that is no address or host name",
        arguments: ["192.0.2.1:443", "999.0.2.1", "1.2.3", "1.2.3.4.5", "[::1]", "a/b", "1:2:3:g::1", "host%x"])
    func badClientAddress(address: String) throws {
        let failure = try #require(ncsaFailure(substituting("127.0.0.1", with: address, in: NCSALines.apache)))
        #expect(failure == NCSAFailure(.badClientAddress, at: 0))
        #expect(failure.description.contains("the client address (%h) is not an IPv4 or IPv6 address or a host name"))
    }

    @Test("no ident and user before the date")
    func identOrUserMissing() throws {
        let noIdent = "192.0.2.1 \(Self.date) \"GET / HTTP/1.1\" 200 1"
        #expect(ncsaFailure(noIdent) == NCSAFailure(.unexpected(.ident), at: 10))
        let noUser = "192.0.2.1 - \(Self.date) \"GET / HTTP/1.1\" 200 1"
        #expect(ncsaFailure(noUser) == NCSAFailure(.unexpected(.user), at: 12))
        #expect(ncsaFailure(noUser)?.description.hasPrefix("expected the user (%u) here, before the date") == true)
    }

    @Test("no bracketed date")
    func noDate() throws {
        let line = #"192.0.2.1 - frank 06/Feb/2024:12:14:14 +0000 "GET / HTTP/1.1" 200 1"#
        #expect(ncsaFailure(line, .common) == NCSAFailure(.unexpected(.timeLocal), at: 17))
    }

    @Test(
        "a date that is not dd/Mon/yyyy:HH:MM:SS +zzzz, or does not exist",
        arguments: [
            "06/Feb/2024:12:14:14", "06/Feb/2024:12:14:14.655", "2024-02-06T12:14:14Z", "06/Foo/2024:12:14:14 +0000",
            "30/Feb/2024:12:14:14 +0000", "06/Feb/2024:25:14:14 +0000", "06/Feb/2024:12:14:14 0000",
            "06/Feb/2024:12:14:14 +0a00", "6/Feb/2024:12:14:14 +0000",
            // Review: in UTC, past 9999 or before 0000, which a `dt` partition cannot name (it was clamped to 9999).
            "31/Dec/9999:23:59:59 -1400", "01/Jan/0000:00:00:00 +0100",
        ])
    func badDate(date: String) throws {
        let failure = try #require(
            ncsaFailure(substituting("10/Oct/2000:13:55:36 -0700", with: date, in: NCSALines.apache)))
        #expect(failure.reason == .badDate)
        #expect(failure.offset >= 19 && failure.offset < 19 + date.utf8.count)
        #expect(failure.description.contains("the date is not dd/Mon/yyyy:HH:MM:SS +zzzz"))
    }

    @Test("a leap day and a leap second are dates")
    func leapDates() throws {
        for date in [
            "29/Feb/2024:12:14:14 +0000", "31/Dec/2016:23:59:60 +0000", "31/Dec/9999:23:59:59 +0000",
            "31/Dec/9999:09:59:59 -1400", "01/Jan/0000:00:00:00 -0100",
        ] {
            _ = try ncsaRecord(substituting("10/Oct/2000:13:55:36 -0700", with: date, in: NCSALines.apache))
        }
    }

    @Test("no quoted request line after the date")
    func requestNotQuoted() throws {
        let unquoted = "192.0.2.1 - - \(Self.date) GET / HTTP/1.1 200 1"
        #expect(ncsaFailure(unquoted) == NCSAFailure(.unexpected(.request), at: 43))
        let noSpace = "192.0.2.1 - - \(Self.date)\"GET / HTTP/1.1\" 200 1"
        #expect(ncsaFailure(noSpace) == NCSAFailure(.unexpected(.request), at: 42))
        #expect(
            ncsaFailure(noSpace)?.description.hasPrefix("expected a space, then the request line in double quotes")
                == true)
    }

    @Test("a status that is not 3 digits", arguments: ["20x", "2000", "-", "OK", "-1", "20"])
    func badStatus(status: String) throws {
        let line = substituting("200 2326", with: status + " 2326", in: NCSALines.apache)
        let failure = try #require(ncsaFailure(line))
        #expect(failure == NCSAFailure(.badStatus, at: byteOffset(of: status + " 2326", in: line)))
        #expect(failure.description.contains("the status (%>s) is not 3 digits"))
    }

    @Test("a byte count that is neither digits nor `-`", arguments: ["12a", "1.5", "--", "+5", "0x10"])
    func badBytes(bytes: String) throws {
        let line = substituting("2326", with: bytes, in: NCSALines.apache)
        let failure = try #require(ncsaFailure(line))
        #expect(failure == NCSAFailure(.badBytesSent, at: byteOffset(of: bytes + " \"http", in: line)))
        #expect(failure.code == "bad_number:bytes_sent")
    }

    @Test("a byte count too large for 64 bits")
    func bytesOutOfRange() throws {
        let line = substituting("2326", with: "9223372036854775808", in: NCSALines.apache)
        let failure = try #require(ncsaFailure(line))
        #expect(failure == NCSAFailure(.bytesSentOutOfRange, at: byteOffset(of: "9223372036854775808", in: line)))
        #expect(failure.code == "out_of_range:bytes_sent")
    }

    @Test("combined: an unquoted referer or user agent")
    func unquotedHeaders() throws {
        let referer = substituting(#""http://www.example.com/start.html""#, with: "http://x/", in: NCSALines.apache)
        #expect(
            ncsaFailure(referer) == NCSAFailure(.unexpected(.referer), at: byteOffset(of: "http://x/", in: referer)))
        let agent = substituting(#""Mozilla/4.08 [en] (Win98; I ;Nav)""#, with: "Mozilla/4.08", in: NCSALines.apache)
        #expect(ncsaFailure(agent) == NCSAFailure(.unexpected(.userAgent), at: byteOffset(of: "Mozilla", in: agent)))
        #expect(ncsaFailure(agent)?.code == "unexpected:user_agent")
    }

    @Test("a common line read as combined: refused, the reason naming the common format")
    func commonAsCombined() throws {
        let failure = try #require(ncsaFailure(NCSALines.apacheCommon))
        #expect(failure.code == "cut:bytes_sent")
        #expect(failure.description.contains("or a common line"))
    }

    @Test("the registry's failure names the format")
    func formatNamesItself() {
        guard case .failure(let failure) = NCSACombinedFormat.parse(Array("hello world".utf8)[...]) else {
            Issue.record("a line of two words parsed")
            return
        }
        #expect(failure.reason.hasPrefix("not an NCSA combined line: the line ends before the user (%u)"))
        guard case .failure(let common) = NCSACommonFormat.parse(Array(HAProxyLines.http.utf8)[...]) else {
            Issue.record("an HAProxy line parsed as common")
            return
        }
        #expect(common.reason.hasPrefix("not an NCSA common line: "))
    }
}
