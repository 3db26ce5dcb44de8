import Testing

@testable import SluiceProcessing

/// Lines the logger cut (shippers cut events to CloudWatch Logs' size limit, relays to theirs): the object ends
/// early. What was read before the cut is kept, a string cut inside keeps what was logged, and a column whose
/// path is not in the record quarantines the line, since its value may have followed the cut.
@Suite("JSON lines: lines cut by the logger")
struct JSONTruncationTests {
    static let whole =
        #"{"status":200,"user":{"id":"u1","name":"Zoë"},"tags":["a","b"],"path":"/very/long/path","ms":12}"#

    @Test("the whole line is not truncated; every prefix of it that starts the object is, or is the whole line")
    func everyCut() throws {
        let bytes = Array(Self.whole.utf8)
        for length in 1..<bytes.count {
            let line = String(decoding: bytes[..<length], as: UTF8.self)
            guard bytes[length - 1] & 0xC0 != 0xC0 else { continue }  // not between a character's bytes
            let record = try JSONLines.record(line)
            #expect(record.isTruncated, "\(line)")
            #expect(try JSONLines.value(line, "$truncated", as: .boolean) == .bool(true))
            // Never a wrong value: either the logged one, null (cut away: a failure), or part of a cut string.
            switch try JSONLines.read(line, "status", as: .int) {
            case .success(let value): #expect(value == .int(200), "\(line)")
            case .failure(let failure): #expect(failure.reason.contains("line cut by the logger"), "\(line)")
            }
        }
        #expect(try JSONLines.record(Self.whole).isTruncated == false)
    }

    @Test("members read before the cut keep their values; those after are cut away")
    func cutAway() throws {
        let line = #"{"status":200,"user":{"id":"u1","na"#
        #expect(try JSONLines.value(line, "status", as: .int) == .int(200))
        #expect(try JSONLines.value(line, "user.id", as: .string) == .string("u1"))
        #expect(
            try JSONLines.failure(line, "user.name", as: .string)
                == "line cut by the logger before user.name, which the table reads")
        #expect(
            try JSONLines.failure(line, "ms", as: .int) == "line cut by the logger before ms, which the table reads")
        // The object that was cut, as logged.
        #expect(try JSONLines.value(line, "user", as: .string) == .string(#"{"id":"u1","na"#))
        // A path under a whole value is not cut away: it is not there.
        #expect(try JSONLines.value(line, "status.x", as: .int) == .null)
    }

    @Test("a string cut inside keeps what was logged; a partial escape or character is dropped")
    func cutString() throws {
        #expect(try JSONLines.value(#"{"status":200,"path":"/very/lo"#, "path", as: .string) == .string("/very/lo"))
        #expect(try JSONLines.value(#"{"path":"/a\u00e"#, "path", as: .string) == .string("/a"))
        #expect(try JSONLines.value(#"{"path":"/a\"#, "path", as: .string) == .string("/a"))
        #expect(try JSONLines.value(#"{"path":"/a\n"#, "path", as: .string) == .string("/a\n"))
        let cutInCharacter = Array(#"{"name":"Zo"#.utf8) + [0xC3]
        let record = try #require(try? JSONFormat.parse(cutInCharacter[...]).get())
        #expect(JSONFormat.leaves(record).values.first?.value == .string("Zo"))
        // Read as another type, a cut string could be wrong: the line is quarantined.
        #expect(
            try JSONLines.failure(#"{"status":"20"#, "status", as: .int)
                == "line cut by the logger inside status, which the table reads")
    }

    @Test("a number or literal running to the cut may have lost digits: quarantined when read")
    func cutNumber() throws {
        #expect(
            try JSONLines.failure(#"{"ms":12"#, "ms", as: .int)
                == "line cut by the logger inside ms, which the table reads")
        #expect(
            try JSONLines.failure(#"{"ms":12"#, "ms", as: .string)
                == "line cut by the logger inside ms, which the table reads")
        #expect(
            try JSONLines.failure(#"{"ok":tr"#, "ok", as: .boolean)
                == "line cut by the logger inside ok, which the table reads")
        #expect(
            try JSONLines.failure(#"{"v":nu"#, "v", as: .string)
                == "line cut by the logger inside v, which the table reads")
        #expect(
            try JSONLines.failure(#"{"ms":-"#, "ms", as: .int)
                == "line cut by the logger inside ms, which the table reads")
        // A number followed by anything is whole.
        #expect(try JSONLines.value(#"{"ms":12,"#, "ms", as: .int) == .int(12))
        #expect(try JSONLines.value(#"{"ms":12 "#, "ms", as: .int) == .int(12))
    }

    @Test("arrays cut: elements before the cut kept, an index past it cut away")
    func cutArray() throws {
        let line = #"{"tags":["a","b","#
        #expect(try JSONLines.value(line, "tags[1]", as: .string) == .string("b"))
        #expect(
            try JSONLines.failure(line, "tags[2]", as: .string)
                == "line cut by the logger before tags[2], which the table reads")
        #expect(try JSONLines.value(line, "tags", as: .string) == .string(#"["a","b","#))
    }

    @Test("a cut line is still validated up to the cut; a line that is not JSON is refused")
    func stillValidated() {
        #expect(JSONLines.refusal(#"{"a":1,"b" 2"#) == "not JSON: expected ':', found '2' at byte 12")
        #expect(JSONLines.refusal("{\"a\":\"x\u{1}") != nil)
        #expect(JSONLines.refusal(#"status=200 path=/a"#) != nil)
        // `{` alone: a record with nothing, every column cut away.
        #expect(JSONLines.refusal("{") == nil)
    }
}
