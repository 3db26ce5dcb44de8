import Foundation
import Testing

@testable import SluiceProcessing

/// Gzips `text` into one member.
func gzip(_ text: String) -> [UInt8] {
    let writer = GzipWriter()
    writer.write(Array(text.utf8))
    writer.finish()
    return writer.drain()
}

/// Reads an object fed in chunks of `chunk` bytes; returns the lines, the unreadable items and the damaged
/// ranges (their kinds).
func read(_ object: [UInt8], format: FirehoseObjectFormat, chunk: Int = 7) -> (
    lines: [String], unreadable: [String], damage: [String]
) {
    let reader = FirehoseObjectReader(format: format)
    var lines: [String] = []
    var unreadable: [String] = []
    var damage: [String] = []
    let collect: (ObjectItem) -> Void = { item in
        switch item {
        case .line(let bytes, _): lines.append(String(decoding: bytes, as: UTF8.self))
        case .unreadable(let reason, _): unreadable.append(reason)
        case .damage(let range): damage.append(range.kind.rawValue)
        }
    }
    var offset = 0
    while offset < object.count {
        let end = min(offset + chunk, object.count)
        object[offset..<end].withUnsafeBytes { reader.feed($0, collect) }
        offset = end
    }
    reader.finish(collect)
    return (lines, unreadable, damage)
}

func document(_ messages: [String], type: String = "DATA_MESSAGE") -> String {
    let events = messages.enumerated().map { index, message in
        let escaped = message.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "{\"id\":\"\(index)\",\"timestamp\":1700000000000,\"message\":\"\(escaped)\"}"
    }
    return "{\"messageType\":\"\(type)\",\"owner\":\"111111111111\",\"logGroup\":\"/haproxy\",\"logStream\":\"s\","
        + "\"subscriptionFilters\":[\"f\"],\"logEvents\":[\(events.joined(separator: ","))]}"
}

@Suite("Firehose objects")
struct FirehoseObjectReaderTests {
    @Test("multi-member gzip of CloudWatch documents: every message, control messages skipped, any chunking")
    func documents() {
        let object =
            gzip(document(["a {b}", "c \"quoted\" }{"])) + gzip(document([], type: "CONTROL_MESSAGE"))
            + gzip(document(["d"]) + document(["e"]))
        for chunk in [1, 3, 7, 64, 100_000] {
            let result = read(object, format: .cloudWatchDocuments, chunk: chunk)
            #expect(result.lines == ["a {b}", "c \"quoted\" }{", "d", "e"], "chunk \(chunk)")
            #expect(result.unreadable.isEmpty)
        }
    }

    @Test("extracted messages, one a line, with or without a final newline")
    func lines() {
        #expect(read(gzip("one\ntwo\r\nthree\n"), format: .lines).lines == ["one", "two", "three"])
        #expect(read(gzip("one\ntwo"), format: .lines).lines == ["one", "two"])
        #expect(read(gzip("a\n") + gzip("b\n"), format: .lines).lines == ["a", "b"])
    }

    @Test("a truncated gzip stream keeps what was read and reports the rest as damage")
    func truncated() {
        let object = gzip(String(repeating: "line of a log\n", count: 2000))
        let result = read(Array(object.prefix(object.count / 2)), format: .lines)
        #expect(!result.lines.isEmpty)
        #expect(result.unreadable.isEmpty)
        #expect(result.damage == ["truncated"])
    }

    @Test("bytes that are not gzip are one damaged range, not a crash")
    func notGzip() {
        let result = read(Array("plain text, not gzip".utf8), format: .lines)
        #expect(result.lines.isEmpty && result.unreadable.isEmpty)
        #expect(result.damage == ["not_gzip"])
    }

    @Test("a broken document is unreadable with its reason; the documents around it still read")
    func brokenDocument() {
        let object = gzip(
            document(["before"]) + "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":1}]}"
                + "garbage \"quoted" + document(["after"]) + "{\"messageType\":")
        let result = read(object, format: .cloudWatchDocuments)
        #expect(result.lines == ["before", "after"])
        #expect(
            result.unreadable == ["not a CloudWatch Logs document", "bytes between documents", "truncated document"])
    }

    @Test("an empty object holds nothing")
    func empty() {
        #expect(read([], format: .lines).lines.isEmpty)
        #expect(read(gzip(""), format: .cloudWatchDocuments) == ([], [], []))
    }
}

@Suite("Object Created events")
struct ObjectCreatedEventTests {
    @Test("decodes bucket and URL-encoded key")
    func decodes() throws {
        let json = """
            {"version":"0","source":"aws.s3","detail-type":"Object Created","detail":{"version":"0",
            "bucket":{"name":"acme-landing"},"object":{"key":"raw/web/2024/01/02/a+b%2Bc%3D.gz","size":42,
            "etag":"e","version-id":"v1","sequencer":"s"},"reason":"PutObject"}}
            """
        let event = try ObjectCreatedEvent.decode(Data(json.utf8))
        #expect(event.bucket == "acme-landing")
        #expect(event.key == "raw/web/2024/01/02/a b+c=.gz")
        #expect(event.size == 42 && event.versionID == "v1" && event.reason == "PutObject")
    }

    @Test("other events and bad input are clear errors")
    func errors() {
        #expect(throws: ObjectCreatedEvent.Failure.notJSON) { try ObjectCreatedEvent.decode(Data("nope".utf8)) }
        #expect(throws: ObjectCreatedEvent.Failure.notObjectCreated(source: "aws.ec2", detailType: "x")) {
            try ObjectCreatedEvent.decode(Data(#"{"source":"aws.ec2","detail-type":"x"}"#.utf8))
        }
        #expect(throws: ObjectCreatedEvent.Failure.missing("detail.object.key")) {
            try ObjectCreatedEvent.decode(
                Data(#"{"source":"aws.s3","detail-type":"Object Created","detail":{"bucket":{"name":"b"}}}"#.utf8))
        }
        // A field of another JSON type is refused, not read as missing (as the Codable reader did).
        for wrong in [
            #""detail":5"#, #""detail":{"bucket":{"name":7}}"#,
            #""detail":{"bucket":{"name":"b"},"object":{"key":"k","size":"1"}}"#,
        ] {
            #expect(throws: ObjectCreatedEvent.Failure.notJSON) {
                try ObjectCreatedEvent.decode(
                    Data((#"{"source":"aws.s3","detail-type":"Object Created","# + wrong + "}").utf8))
            }
        }
        #expect(throws: ObjectCreatedEvent.Failure.notJSON) { try ObjectCreatedEvent.decode(Data("[1]".utf8)) }
    }

    @Test("a size written as a whole decimal reads as the integer; a JSON null as absent")
    func numbers() throws {
        let json =
            #"{"source":"aws.s3","detail-type":"Object Created","detail":{"bucket":{"name":"b"},"#
            + #""object":{"key":"k","size":42.0,"etag":null}}}"#
        let event = try ObjectCreatedEvent.decode(Data(json.utf8))
        #expect(event.size == 42 && event.eTag == nil)
    }
}
