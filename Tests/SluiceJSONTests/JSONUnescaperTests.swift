import Testing

@testable import SluiceJSON

@Suite("JSON unescaper")
struct JSONUnescaperTests {
    private func unescaped(_ contents: String) -> String {
        String(decoding: JSONUnescaper.unescape(Array(contents.utf8)), as: UTF8.self)
    }

    @Test(
        "escapes are decoded, surrogate pairs joined, a lone surrogate replaced",
        arguments: [
            (#"plain"#, "plain"),
            (#"\"\\\/\b\f\n\r\t"#, "\"\\/\u{8}\u{C}\n\r\t"),
            (#"\u00e9\u00E9"#, "\u{E9}\u{E9}"),
            (#"\ud83d\ude00!"#, "\u{1F600}!"),
            (#"\ud83d alone"#, "\u{FFFD} alone"),
            (#"\ude00"#, "\u{FFFD}"),
            (#"\ud83d\u0041"#, "\u{FFFD}A"),
        ])
    func decodes(contents: String, expected: String) {
        #expect(unescaped(contents) == expected)
    }

    @Test("text cut inside an escape keeps what came before it, never reads past the end")
    func cut() {
        #expect(unescaped(#"abc\"#) == "abc")
        #expect(unescaped(#"abc\u00"#) == "abc")
        #expect(unescaped(#"abc\uzzzz tail"#) == "abc")
        #expect(unescaped(#"\ud83d\ude0"#) == "\u{FFFD}")
    }
}
