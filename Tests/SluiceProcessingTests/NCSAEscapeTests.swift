import Testing

@testable import SluiceProcessing

/// nginx's `\xHH` and Apache's backslash escapes inside quoted fields, decoded into valid UTF-8.
@Suite("NCSA escapes")
struct NCSAEscapeTests {
    @Test("nginx: \\x22 and \\x5C are a quote and a backslash, and do not end the field")
    func nginxQuoteAndBackslash() throws {
        let record = try ncsaRecord(
            combinedLine(
                request: #"GET /search?q=\x22a\x22\x5Cb HTTP/1.1"#, referer: #"http://x/\x22"#,
                userAgent: #"say \x22hi\x22 "#))
        #expect(record.request == #"GET /search?q="a"\b HTTP/1.1"#)
        #expect(record.query == #"q="a"\b"#)
        #expect(record.referer == #"http://x/""#)
        #expect(record.userAgent == #"say "hi" "#)
    }

    @Test("Apache: \\\" and \\\\ are a quote and a backslash; an escaped quote before a space does not end the field")
    func apacheQuoteAndBackslash() throws {
        let record = try ncsaRecord(
            combinedLine(request: #"GET /a\\b HTTP/1.1"#, userAgent: #"Agent \"quoted\" \\ end\""#))
        #expect(record.path == #"/a\b"#)
        #expect(record.userAgent == #"Agent "quoted" \ end""#)
    }

    @Test("Apache's C-style escapes: \\n \\t \\r \\b \\v, and its lower-case \\xhh")
    func apacheControlEscapes() throws {
        let record = try ncsaRecord(combinedLine(request: "GET / HTTP/1.1", userAgent: #"a\nb\tc\rd\be\vf\x1bg\x7f"#))
        #expect(record.userAgent == "a\nb\tc\rd\u{08}e\u{0B}f\u{1B}g\u{7F}")
    }

    @Test("nginx escapes every byte of a UTF-8 user agent: the bytes become its characters")
    func utf8AsEscapes() throws {
        // "Käse ✓ 🧀" in UTF-8, each byte outside ASCII escaped as nginx does.
        let record = try ncsaRecord(
            combinedLine(
                request: #"GET /k\xC3\xA4se HTTP/1.1"#, userAgent: #"K\xC3\xA4se \xE2\x9C\x93 \xF0\x9F\xA7\x80"#))
        #expect(record.userAgent == "Käse ✓ 🧀")
        #expect(record.path == "/käse")
    }

    @Test(
        "escaped bytes that are not UTF-8 stay as their escapes, as logged; valid neighbours still decode",
        arguments: [
            (#"\xFF"#, #"\xFF"#),
            (#"a\xffb"#, #"a\xffb"#),
            // A lead byte without its continuation, then a valid two-byte sequence.
            (#"\xC3(\xC3\xA4"#, #"\xC3(ä"#),
            // An overlong encoding of '/', a UTF-16 surrogate, past U+10FFFF.
            (#"\xC0\xAF"#, #"\xC0\xAF"#), (#"\xED\xA0\x80"#, #"\xED\xA0\x80"#),
            (#"\xF4\x90\x80\x80"#, #"\xF4\x90\x80\x80"#),
            // A sequence cut short by the end of the field.
            (#"ok\xE2\x9C"#, #"ok\xE2\x9C"#),
            // Latin-1 'é' as a raw byte would be escaped by nginx too.
            (#"caf\xE9"#, #"caf\xE9"#),
        ])
    func invalidUTF8(logged: String, expected: String) throws {
        let record = try ncsaRecord(combinedLine(request: "GET / HTTP/1.1", userAgent: logged))
        #expect(record.userAgent == expected)
    }

    @Test("raw bytes that are not UTF-8 (a logger that does not escape) become \\xHH text; raw UTF-8 stays")
    func rawInvalidBytes() throws {
        var bytes = Array(combinedLine(request: "GET / HTTP/1.1", userAgent: "caf_ ✓").utf8)
        let index = bytes.firstIndex(of: UInt8(ascii: "_"))!
        bytes[index] = 0xE9
        let record = try ncsaRecord(bytes: bytes)
        #expect(record.userAgent == #"caf\xE9 ✓"#)
    }

    @Test("a backslash that starts no escape is kept, and so is a \\x without two hex digits")
    func unknownEscapes() throws {
        let record = try ncsaRecord(combinedLine(request: "GET / HTTP/1.1", userAgent: #"a\qb \xZ1 \x4"#))
        #expect(record.userAgent == #"a\qb \xZ1 \x4"#)
    }

    @Test("the ident and the user are decoded too; extra is kept as logged")
    func identUserExtra() throws {
        let line =
            #"192.0.2.1 id\x22 J\xC3\xB6rg [06/Feb/2024:12:14:14 +0000] "GET / HTTP/1.1" 200 1 "-" "-" "x\x22y""#
        let record = try ncsaRecord(line)
        #expect(record.ident == #"id""#)
        #expect(record.user == "Jörg")
        #expect(record.extra == #""x\x22y""#)
    }
}
