import Testing

@testable import SluiceProcessing

/// A key twice in one object: Athena, Spark and jq disagree on which value wins, so a column reading it
/// quarantines the line; a duplicate no column reads is harmless.
@Suite("JSON lines: duplicate keys")
struct JSONDuplicateKeyLineTests {
    @Test("a column reading a duplicated key quarantines the line, naming the key")
    func readDuplicate() throws {
        let line = #"{"status":200,"path":"/a","status":500}"#
        #expect(
            try JSONLines.failure(line, "status", as: .int)
                == #"status: the key "status" occurs more than once in its object, "#
                + "so which value is meant is ambiguous"
        )
        // Written differently, the same key.
        #expect(try JSONLines.failure(#"{"a":1,"\u0061":2}"#, "a", as: .int)?.contains("occurs more than once") == true)
    }

    @Test("a duplicate on the way to the value counts; one elsewhere in the object is ignored")
    func elsewhere() throws {
        let line = #"{"http":{"status":200,"x":1,"x":2},"http2":{"a":1},"http2":{"a":2},"ok":true}"#
        #expect(try JSONLines.value(line, "http.status", as: .int) == .int(200))
        #expect(try JSONLines.value(line, "ok", as: .boolean) == .bool(true))
        #expect(try JSONLines.failure(line, "http.x", as: .int)?.hasPrefix("http.x: the key \"x\" occurs") == true)
        #expect(
            try JSONLines.failure(line, "http2.a", as: .int)?.hasPrefix("http2.a: the key \"http2\" occurs") == true)
        // The same key in two different objects is no duplicate.
        #expect(try JSONLines.value(#"{"a":{"id":1},"b":{"id":2}}"#, "b.id", as: .int) == .int(2))
    }
}
