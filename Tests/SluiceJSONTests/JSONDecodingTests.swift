import Testing

@testable import SluiceJSON

@Suite("JSON decoder")
struct JSONDecodingTests {
    @Test(
        "valid documents decode to their values",
        arguments: [
            ("null", JSONValue.null),
            (" true ", .bool(true)),
            ("false", .bool(false)),
            ("0", .int(0)),
            ("-12", .int(-12)),
            ("9223372036854775807", .int(Int.max)),
            ("9223372036854775808", .number("9223372036854775808")),
            ("-0", .number("-0")),
            ("1.50", .number("1.50")),
            ("1E+2", .number("1E+2")),
            ("-0.0e-0", .number("-0.0e-0")),
            (#""""#, .string("")),
            (#""a\u0000\ud83d\ude00é""#, .string("a\u{0}\u{1F600}é")),
            ("[]", .array([])),
            ("[1,[2,[]]]", [1, [2, []]] as JSONValue),
            ("{}", .object([:])),
            ("\t\r\n{\"a\" : {\"b\":[null]} }\n", ["a": ["b": [nil]]] as JSONValue),
            (#"{"k":1,"k":2}"#, ["k": 2] as JSONValue),
        ])
    func valid(text: String, expected: JSONValue) throws {
        #expect(try JSONValue(parsing: text) == expected)
    }

    @Test(
        "invalid documents are refused with the place of the problem",
        arguments: [
            ("", 1, 1), ("  ", 1, 3), ("nul", 1, 1), ("True", 1, 1), ("01", 1, 2), ("1.", 1, 3), (".5", 1, 1),
            ("1e", 1, 3), ("-", 1, 2), ("+1", 1, 1), ("NaN", 1, 1), ("Infinity", 1, 1), ("[1,]", 1, 4),
            ("[1 2]", 1, 4), ("{\"a\":1,}", 1, 8), ("{a:1}", 1, 2), ("{\"a\" 1}", 1, 6), ("[1]x", 1, 4),
            ("\"abc", 1, 1), ("\"a\\x\"", 1, 3), ("\"\\u12g4\"", 1, 2), ("\"tab\there\"", 1, 5),
            ("[\n  1,\n  ]", 3, 3), ("\"a\u{7F}\"", 0, 0), ("// comment\n1", 1, 1), ("'a'", 1, 1),
        ])
    func invalid(text: String, line: Int, column: Int) {
        // DEL (0x7F) is allowed raw in a JSON string: the one case here that decodes.
        if text == "\"a\u{7F}\"" {
            #expect((try? JSONValue(parsing: text)) == .string("a\u{7F}"))
            return
        }
        #expect {
            try JSONValue(parsing: text)
        } throws: { error in
            guard let error = error as? JSONDecodingError else { return false }
            return error.line == line && error.column == column
        }
    }

    @Test(
        "bytes that are not UTF-8 are refused inside strings",
        arguments: [
            [0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xC0, 0x80, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22],
        ] as [[UInt8]])
    func invalidUTF8(bytes: [UInt8]) {
        #expect(throws: JSONDecodingError.self) { try JSONValue(parsing: bytes) }
    }

    @Test("nesting deeper than the cap is an error, not a crash; the cap itself is allowed")
    func depth() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONDecodingError.self) { try JSONValue(parsing: deep) }
        let atCap = String(repeating: "[", count: 8) + String(repeating: "]", count: 8)
        #expect(try JSONValue(parsing: atCap, maximumDepth: 8) != .null)
        #expect(throws: JSONDecodingError.self) {
            try JSONValue(parsing: "{\"a\":" + atCap + "}", maximumDepth: 8)
        }
    }

    @Test("a located error names the file, line and column")
    func located() {
        do {
            _ = try JSONValue(parsing: "{\n  \"a\": tru\n}")
            Issue.record("decoded")
        } catch {
            #expect(error.located(in: "x.json") == "x.json:2:8: error: expected a value, found 't'")
        }
    }

    @Test("numbers Sluice writes read back to the same text, and the value written again is the same bytes")
    func numbersRoundTrip() throws {
        let doubles: [Double] = [
            0.1, 1.0 / 3, 1e-05, 123_456_789.125, -2.5e-300, 1.7976931348623157e308, .leastNonzeroMagnitude,
        ]
        for number in doubles {
            let written = JSONValue(number).compact()
            let read = try JSONValue(parsing: written)
            #expect(read.compact() == written)
            #expect(read.doubleValue == number)
        }
        for integer in [0, -1, Int.max, Int.min] {
            #expect(try JSONValue(parsing: String(integer)) == .int(integer))
        }
    }

    @Test("a document written pretty or compact decodes to the value it came from")
    func writeReadBack() throws {
        let value: JSONValue = [
            "s": "tab\t\"q\" \u{1F600} \u{1}", "n": [.number("2.50"), -3, nil, false], "o": ["": [:]],
        ]
        #expect(try JSONValue(parsing: value.pretty()) == value)
        #expect(try JSONValue(parsing: value.compact()) == value)
    }
}
