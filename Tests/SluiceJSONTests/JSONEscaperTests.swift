import Testing

@testable import SluiceJSON

@Suite("JSON escaper")
struct JSONEscaperTests {
    /// Every way in: a string to bytes, bytes to bytes, a string to a string, the pointer writer.
    private func escapedEveryWay(_ text: String) -> [String] {
        var bytes: [UInt8] = []
        JSONEscaper.append(text, to: &bytes)
        var fromBytes: [UInt8] = []
        JSONEscaper.append(bytes: Array(text.utf8), to: &fromBytes)
        var written = [UInt8](repeating: 0, count: JSONEscaper.bound(byteCount: text.utf8.count))
        let count = written.withUnsafeMutableBufferPointer { buffer in
            var at = buffer.baseAddress!
            JSONEscaper.write(text, at: &at)
            return at - buffer.baseAddress!
        }
        return [
            String(decoding: bytes, as: UTF8.self), String(decoding: fromBytes, as: UTF8.self),
            JSONEscaper.quoted(text), String(decoding: written[..<count], as: UTF8.self),
        ]
    }

    @Test(
        "quotes, backslashes and control characters are escaped; the rest is copied",
        arguments: [
            ("plain", #""plain""#),
            ("", #""""#),
            ("say \"hi\"", #""say \"hi\"""#),
            (#"C:\path"#, #""C:\\path""#),
            ("line\nbreak\r\ttab", #""line\nbreak\r\ttab""#),
            ("\u{0}\u{1}\u{8}\u{C}\u{1F}", #""\u0000\u0001\u0008\u000c\u001f""#),
            ("caf\u{E9} \u{1F600} \u{7F}", "\"caf\u{E9} \u{1F600} \u{7F}\""),
            ("a/b", #""a/b""#),
            (
                "sixteen bytes ok\"and then a quote past the word",
                #""sixteen bytes ok\"and then a quote past the word""#
            ),
        ])
    func escapes(text: String, expected: String) {
        for escaped in escapedEveryWay(text) { #expect(escaped == expected) }
    }

    @Test("the eight-bytes-at-a-time check misses no byte that needs escaping, wherever it falls")
    func wordCheck() throws {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in UInt8.random(in: 0...255, using: &random) }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            let needs = bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
            if needs { #expect(JSONEscaper.mayNeedEscape(word), "\(bytes)") }
        }
        #expect(!JSONEscaper.mayNeedEscape(0x6161_6161_6161_6161))
        // Each special byte at each position of texts of every length up to 40, among bytes that need nothing.
        for length in 1...40 {
            for position in 0..<length {
                for special: UInt8 in [0x00, 0x01, 0x0A, 0x1F, UInt8(ascii: "\""), UInt8(ascii: "\\")] {
                    var bytes = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
                    bytes[(position + 3) % length] = 0xC3  // a high byte nearby must not hide the special one
                    bytes[position] = special
                    let text = String(decoding: bytes, as: UTF8.self)
                    var out: [UInt8] = []
                    JSONEscaper.append(text, to: &out)
                    #expect(try JSONValue(parsing: out) == .string(text), "length \(length), \(special) at \(position)")
                }
            }
        }
    }

    @Test("bytes that are not UTF-8 are copied by the plain escaper and replaced by U+FFFD when repairing")
    func invalidUTF8() {
        let bytes: [UInt8] = [UInt8(ascii: "a"), 0xFF, UInt8(ascii: "\""), 0xC3]
        var copied: [UInt8] = []
        JSONEscaper.append(bytes: bytes, to: &copied)
        #expect(
            copied == [
                UInt8(ascii: "\""), UInt8(ascii: "a"), 0xFF, UInt8(ascii: "\\"), UInt8(ascii: "\""), 0xC3,
                UInt8(ascii: "\""),
            ])
        var repaired: [UInt8] = []
        JSONEscaper.append(repairing: bytes, to: &repaired)
        #expect(String(decoding: repaired, as: UTF8.self) == "\"a\u{FFFD}\\\"\u{FFFD}\"")
        #expect(String(validating: repaired, as: UTF8.self) != nil)
    }

    @Test("what the escaper writes, the unescaper reads back")
    func roundTrip() throws {
        for text in ["", "a\"b\\c\n\u{1}\u{1F}", "caf\u{E9} \u{1F600}", String(repeating: "x\"", count: 40)] {
            var out: [UInt8] = []
            JSONEscaper.append(text, to: &out)
            let contents = out.dropFirst().dropLast()
            #expect(String(decoding: JSONUnescaper.unescape(contents), as: UTF8.self) == text)
            #expect(try JSONValue(parsing: out) == .string(text))
        }
    }
}
