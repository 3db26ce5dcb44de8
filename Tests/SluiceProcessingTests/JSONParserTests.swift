import Testing

@testable import SluiceProcessing

/// The JSON format's parser: RFC 8259 objects, one a line, and every refusal with where it is.
@Suite("JSON lines: parsing and refusals")
struct JSONParserTests {
    @Test("nested objects and arrays, read by keys and indexes")
    func nesting() throws {
        let line =
            #"{"http":{"request":{"status":200,"path":"/a"}},"#
            + #""items":[{"id":"x"},{"id":"y","tags":["p","q"]}],"ok":true}"#
        #expect(try JSONLines.value(line, "http.request.status", as: .int) == .int(200))
        #expect(try JSONLines.value(line, "http.request.path", as: .string) == .string("/a"))
        #expect(try JSONLines.value(line, "items[1].id", as: .string) == .string("y"))
        #expect(try JSONLines.value(line, "items[1].tags[1]", as: .string) == .string("q"))
        #expect(try JSONLines.value(line, "items[2].id", as: .string) == .null)
        #expect(try JSONLines.value(line, "items[0].tags[0]", as: .string) == .null)
        #expect(try JSONLines.value(line, "ok", as: .boolean) == .bool(true))
        // A step into a value of another kind finds nothing, like a missing key.
        #expect(try JSONLines.value(line, "ok.more", as: .string) == .null)
        #expect(try JSONLines.value(line, "items.id", as: .string) == .null)
        #expect(try JSONLines.value(line, "http[0]", as: .string) == .null)
        #expect(try JSONLines.value(line, "missing", as: .int) == .null)
        #expect(try JSONLines.record(line).isTruncated == false)
    }

    @Test("whitespace anywhere JSON allows it; keys needing quotes in a path")
    func whitespaceAndQuotedKeys() throws {
        let line = "  {\t\"a b\" : { \"app.kubernetes.io/name\" : [ 1 , 2 ] } , \"$x\":\"d\" }\r"
        #expect(try JSONLines.value(line, #"["a b"]["app.kubernetes.io/name"][1]"#, as: .int) == .int(2))
        #expect(try JSONLines.value(line, #"["$x"]"#, as: .string) == .string("d"))
        #expect(
            try JSONLines.value(line, #"["a b"]"#, as: .string) == .string(#"{ "app.kubernetes.io/name" : [ 1 , 2 ] }"#)
        )
    }

    @Test("a byte order mark before the object is ignored; one anywhere else is refused")
    func byteOrderMark() throws {
        #expect(try JSONLines.value("\u{FEFF}{\"a\":1}", "a", as: .int) == .int(1))
        #expect(try JSONLines.value("\u{FEFF}  {\"a\":\"x\"}", "a", as: .string) == .string("x"))
        #expect(JSONLines.refusal(" \u{FEFF}{\"a\":1}") != nil)
        #expect(JSONLines.refusal("{\"a\":1}\u{FEFF}") != nil)
        #expect(JSONLines.refusal("\u{FEFF}") != nil)
    }

    @Test("escapes: the simple ones, \\u, surrogate pairs, and a lone surrogate as U+FFFD")
    func escapes() throws {
        let line =
            #"{"s":"q\"b\\s\/n\nt\tu\u00e9\u4e2d","pair":"\ud83d\ude00!","#
            + #""lone":"a\ud800b","low":"\udc00","k\u0065y":1}"#
        #expect(try JSONLines.value(line, "s", as: .string) == .string("q\"b\\s/n\nt\tué中"))
        #expect(try JSONLines.value(line, "pair", as: .string) == .string("😀!"))
        #expect(try JSONLines.value(line, "lone", as: .string) == .string("a\u{FFFD}b"))
        #expect(try JSONLines.value(line, "low", as: .string) == .string("\u{FFFD}"))
        // A key is matched by its text, escapes decoded.
        #expect(try JSONLines.value(line, "key", as: .int) == .int(1))
        // Raw UTF-8 is kept as it is.
        #expect(try JSONLines.value(#"{"s":"né 中 😀"}"#, "s", as: .string) == .string("né 中 😀"))
    }

    @Test("a string is read only through its own bytes: a long ASCII run, and escapes at the ends")
    func longStrings() throws {
        let long = String(repeating: "abcdefgh", count: 1000)
        #expect(try JSONLines.value("{\"s\":\"\(long)\"}", "s", as: .string) == .string(long))
        #expect(try JSONLines.value(#"{"s":"\"abcdefghijk\""}"#, "s", as: .string) == .string("\"abcdefghijk\""))
    }

    @Test("nesting up to 512 levels is read; deeper is refused with its reason, not a stack overflow")
    func depth() throws {
        let deepest =
            "{\"a\":" + String(repeating: "[", count: 510) + "{\"b\":1}" + String(repeating: "]", count: 510) + "}"
        let path = "a" + String(repeating: "[0]", count: 510) + ".b"
        #expect(try JSONLines.value(deepest, path, as: .int) == .int(1))
        let tooDeep = "{\"a\":" + String(repeating: "[", count: 511) + "{}" + String(repeating: "]", count: 511) + "}"
        #expect(JSONLines.refusal(tooDeep) == "not JSON: nesting deeper than 512 levels at byte 517")
        // Far deeper: refused at the cap, in constant stack.
        #expect(JSONLines.refusal("{\"a\":" + String(repeating: "[", count: 1_000_000))?.contains("deeper") == true)
    }

    @Test("a wide object: 10,000 members, the last one read")
    func wide() throws {
        let members = (0..<10_000).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        let line = "{" + members + "}"
        #expect(try JSONLines.value(line, "k9999", as: .int) == .int(9999))
        #expect(try JSONLines.value(line, "k0", as: .bigint) == .int(0))
        #expect(try JSONLines.value(line, "k10000", as: .int) == .null)
    }

    @Test(
        "a line that is not one object is refused, saying where",
        arguments: [
            ("", "not JSON: the line is empty at byte 1"),
            ("   ", "not JSON: the line is blank at byte 4"),
            ("[1,2]", "not JSON: expected '{' (a line is one JSON object), found '[' at byte 1"),
            ("\"text\"", "not JSON: expected '{' (a line is one JSON object), found '\"' at byte 1"),
            ("42", "not JSON: expected '{' (a line is one JSON object), found '4' at byte 1"),
            ("null", "not JSON: expected '{' (a line is one JSON object), found 'n' at byte 1"),
            ("GET /index.html 200", "not JSON: expected '{' (a line is one JSON object), found 'G' at byte 1"),
            (#"{"status" 200}"#, "not JSON: expected ':', found '2' at byte 11"),
            (#"{"a":1}x"#, "not JSON: 'x' after the object at byte 8"),
            (#"{"a":1} {"b":2}"#, "not JSON: '{' after the object at byte 9"),
            (#"{"a":1,}"#, "not JSON: expected a key, found '}' at byte 8"),
            (#"{"a":[1,]}"#, "not JSON: expected a value, found ']' at byte 9"),
            (#"{a:1}"#, "not JSON: expected a key or '}', found 'a' at byte 2"),
            (#"{"a":1 "b":2}"#, "not JSON: expected ',' or '}', found '\"' at byte 8"),
            (#"{"a":[1 2]}"#, "not JSON: expected ',' or ']', found '2' at byte 9"),
            (#"{"a":01}"#, "not JSON: expected ',' or '}', found '1' at byte 7"),
            (#"{"a":-x}"#, "not JSON: expected a digit, found 'x' at byte 7"),
            (#"{"a":1.}"#, "not JSON: expected a digit after '.', found '}' at byte 8"),
            (#"{"a":1e}"#, "not JSON: expected a digit in the exponent, found '}' at byte 8"),
            (#"{"a":+1}"#, "not JSON: expected a value, found '+' at byte 6"),
            (#"{"a":tru}"#, "not JSON: expected a value, found 't' at byte 6"),
            (#"{"a":NaN}"#, "not JSON: expected a value, found 'N' at byte 6"),
            (#"{"a":'x'}"#, "not JSON: expected a value, found ''' at byte 6"),
            (#"{"a":"\x"}"#, "not JSON: invalid escape '\\x' at byte 7"),
            (#"{"a":"\u12G4"}"#, "not JSON: expected four hex digits after \\u, found 'G' at byte 11"),
            ("{\"a\":\"tab\there\"}", "not JSON: control character 0x09 in a string (escape it) at byte 10"),
        ])
    func refusals(line: String, reason: String) {
        #expect(JSONLines.refusal(line) == reason)
    }

    @Test("invalid UTF-8 in a string is refused: a stray continuation, an overlong form, a surrogate, past U+10FFFF")
    func invalidUTF8() {
        let prefix = Array(#"{"a":"x"#.utf8)
        for bad: [UInt8] in [
            [0x80], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xFF], [0xC3, 0x28],
        ] {
            let line = prefix + bad + Array(#""}"#.utf8)
            #expect(JSONLines.refusal(bytes: line) == "not JSON: invalid UTF-8 in a string at byte 8", "\(bad)")
        }
        // In a key as well.
        #expect(JSONLines.refusal(bytes: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]) != nil)
    }

    @Test("numbers as the grammar allows them, kept as written for a string column")
    func numbers() throws {
        let line = #"{"a":[0,-0,1E+2,1e-2,-1.25E-3,123456789012345678901234567890,"12"]}"#
        let written = ["0", "-0", "1E+2", "1e-2", "-1.25E-3", "123456789012345678901234567890", "12"]
        for (index, text) in written.enumerated() {
            #expect(try JSONLines.value(line, "a[\(index)]", as: .string) == .string(text))
        }
        #expect(try JSONLines.value(line, "a[2]", as: .int) == .int(100))
        #expect(try JSONLines.value(line, "a[4]", as: .double) == .double(-0.00125))
        #expect(try JSONLines.value(line, "a[5]", as: .double) == .double(1.2345678901234568e29))
        #expect(try JSONLines.value(line, "a[6]", as: .int) == .int(12))
    }

    @Test("\\u0000 and other escaped control characters are text like any other")
    func escapedControls() throws {
        #expect(try JSONLines.value(#"{"a":"x\u0000y\u001f"}"#, "a", as: .string) == .string("x\u{0}y\u{1F}"))
    }

    @Test("an empty object, and empty containers inside, are records")
    func empties() throws {
        let record = try JSONLines.record(#"{"a":{},"b":[]}"#)
        #expect(record.isTruncated == false)
        #expect(try JSONLines.value("{}", "a", as: .string) == .null)
        #expect(try JSONLines.value(#"{"a":{},"b":[]}"#, "b", as: .string) == .string("[]"))
    }

    @Test("the registry's json format: no fields, no event time, $truncated answered")
    func registry() throws {
        let format = LogFormats.format(.json)
        #expect(format.id == .json)
        let record = try JSONLines.record(#"{"a":1}"#)
        #expect(JSONFormat.eventTime(record) == nil)
        #expect(JSONFormat.fields.isEmpty)
        #expect(try JSONLines.value(#"{"a":1}"#, "$truncated", as: .boolean) == .bool(false))
        #expect(throws: FieldResolutionError.self) { try JSONFormat.reader(FieldPath(parsing: "$other"), for: .string) }
    }
}
