import Foundation
import Testing

@testable import SluiceProcessing

/// CloudWatch Logs documents that are not a readable DATA_MESSAGE or a CONTROL_MESSAGE: each is quarantined
/// whole with its reason and counted as a line. Before, an unknown messageType and a duplicated key (the first
/// value kept) dropped the events silently: lines 0, not damaged, exit 0.
@Suite("CloudWatch documents: none dropped unseen")
struct CloudWatchDocumentRefusalTests {
    static let event = "{\"id\":\"0\",\"timestamp\":1700000000000,\"message\":\"2024-01-02 1\"}"

    static let cases: [(document: String, reason: String)] = [
        ("{\"messageType\":\"WHATEVER\",\"logEvents\":[\(event)]}", "unknown messageType \"WHATEVER\""),
        (
            "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[],\"logEvents\":[\(event)]}",
            "duplicated key \"logEvents\""
        ),
        (
            "{\"messageType\":\"CONTROL_MESSAGE\",\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[\(event)]}",
            "duplicated key \"messageType\""
        ),
        ("{\"messageType\":\"DATA_MESSAGE\",\"log\\u0045vents\":[],\"logEvents\":[\(event)]}", "duplicated key"),
        (
            "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":\"a\",\"message\":\"2024-01-02 1\"}]}",
            "duplicated key \"message\""
        ),
        ("{\"messageType\":\"DATA_MESSAGE\"}", "DATA_MESSAGE without logEvents"),
        ("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":{}}", "not a CloudWatch Logs document"),
    ]

    @Test("each refused document is one quarantined line holding its text and reason", arguments: cases.indices)
    func refused(index: Int) throws {
        let (document, reason) = Self.cases[index]
        let good = "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[\(Self.event),\(Self.event)]}"
        let (objects, summary) = process(gzip(good + document + good), format: .cloudWatchDocuments)
        #expect(summary.lines == 5 && summary.rows == 4 && summary.quarantined == 1, "\(summary.json())")
        #expect(summary.balanced && !summary.damaged)
        let quarantine = try #require(objects.first { $0.key.hasPrefix("quarantine/") })
        let record = try #require(
            try JSONSerialization.jsonObject(with: Data(try gunzip(quarantine.bytes).utf8)) as? [String: Any])
        #expect((record["reason"] as? String)?.contains(reason) == true, "\(record)")
        #expect(record["text"] as? String == document)
        #expect(record["line"] as? Int == 3)
    }

    @Test("keys repeated in different objects, or as values, are not duplicates")
    func notDuplicates() {
        let text = "{\"a\":{\"b\":1},\"b\":{\"a\":\"a\",\"b\":[{\"a\":1},{\"a\":2}]},\"c\":\"\\\"a\\\"\"}"
        #expect(JSONDuplicateKey.find(in: ArraySlice(text.utf8)) == nil)
        #expect(JSONDuplicateKey.find(in: ArraySlice("{\"a\":[{\"x\":1}],\"a\":2}".utf8)) == "a")
    }

    @Test("a CONTROL_MESSAGE is still skipped, not quarantined")
    func control() {
        let control = "{\"messageType\":\"CONTROL_MESSAGE\",\"logEvents\":[\(Self.event)]}"
        let (_, summary) = process(gzip(control), format: .cloudWatchDocuments)
        #expect(summary.lines == 0 && summary.quarantined == 0 && summary.balanced && !summary.damaged)
    }
}
