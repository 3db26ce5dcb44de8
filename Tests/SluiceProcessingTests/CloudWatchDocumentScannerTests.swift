import Foundation
import Testing

@testable import SluiceProcessing

/// Scans one document; returns the outcome and each event's message (as text) and timestamp.
private func scan(_ document: [UInt8]) -> (CloudWatchDocumentScanner.Outcome, [(String, Int64?)]) {
    var scanner = CloudWatchDocumentScanner()
    let outcome = document.withUnsafeBufferPointer { scanner.scan($0) }
    let events = scanner.events.map { event in
        let bytes =
            event.escaped
            ? Array(scanner.unescaped[event.start..<event.end])
            : Array(document[event.start..<event.end])
        return (String(decoding: bytes, as: UTF8.self), event.timestamp)
    }
    return (outcome, events)
}

private func scan(_ document: String) -> (CloudWatchDocumentScanner.Outcome, [(String, Int64?)]) {
    scan(Array(document.utf8))
}

/// A DATA_MESSAGE holding `events` (JSON text of each event object).
private func data(_ events: String...) -> String {
    "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[\(events.joined(separator: ","))]}"
}

/// Deterministic pseudo-random numbers (SplitMix64), so a failing case can be replayed.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("CloudWatch documents: the byte scanner")
struct CloudWatchDocumentScannerTests {
    @Test("every JSON escape is decoded, surrogate pairs included")
    func escapes() {
        let (outcome, events) = scan(
            data(#"{"message":"q\" b\\ s\/ \b\f\n\r\t \u0041\u00e9\u20AC \ud83d\ude00 end","timestamp":5}"#))
        #expect(outcome == .data)
        #expect(events.map(\.0) == ["q\" b\\ s/ \u{8}\u{c}\n\r\t A\u{e9}\u{20ac} \u{1F600} end"])
        #expect(events.map(\.1) == [5])
    }

    @Test(
        "an invalid escape or an unpaired surrogate refuses the document with its reason",
        arguments: [#"\q"#, #"\u12"#, #"\u12G4"#, #"\ud800"#, #"\ud800x"#, #"\ud800\u0041"#, #"\udc00"#, "\\"])
    func invalidEscape(escape: String) {
        let (outcome, events) = scan(data("{\"message\":\"a\(escape)\"}"))
        guard case .refused(let reason) = outcome else {
            Issue.record("\(escape) was read: \(events)")
            return
        }
        #expect(reason.hasPrefix("not a CloudWatch Logs document"), "\(reason)")
        #expect(events.isEmpty)
    }

    @Test("a message without escapes is a range of the document itself, not a copy")
    func noCopy() {
        var scanner = CloudWatchDocumentScanner()
        let document = Array(data(#"{"message":"plain text","timestamp":1}"#).utf8)
        let outcome = document.withUnsafeBufferPointer { scanner.scan($0) }
        #expect(outcome == .data && scanner.events.count == 1)
        let event = scanner.events[0]
        #expect(!event.escaped && scanner.unescaped.isEmpty)
        #expect(String(decoding: document[event.start..<event.end], as: UTF8.self) == "plain text")
    }

    @Test("fields in any order, white space anywhere, unknown fields of every kind ignored")
    func orderAndUnknownFields() {
        let document = """
             { "logEvents" : [ { "timestamp" : 7 , "extra" : { "a" : [ 1 , -2.5e+3 , 0 , true , false , null ] } ,
              "message" : "first" , "id" : "x" } , {"message":"second"} ] , "owner" : "1" ,
              "subscriptionFilters" : [ "f" , { } , [ ] ] , "messageType" : "DATA_MESSAGE" , "n" : -0.0E-1 }
            """
        let (outcome, events) = scan(document)
        #expect(outcome == .data)
        #expect(events.map(\.0) == ["first", "second"])
        #expect(events.map(\.1) == [7, nil])
    }

    /// Any spelling of an integer is taken, as Foundation's decoder took it.
    @Test("timestamps: present, null, absent, negative, spelled any way; a fraction or too large refuses the document")
    func timestamps() {
        let (_, events) = scan(
            data(
                #"{"message":"a","timestamp":1}"#, #"{"message":"b","timestamp":null}"#, #"{"message":"c"}"#,
                #"{"timestamp":-3,"message":"d"}"#))
        #expect(events.map(\.1) == [1, nil, nil, -3])
        let spellings: [(String, Int64)] = [
            ("1.7E12", 1_700_000_000_000), ("1700000000000.0", 1_700_000_000_000), ("1e3", 1000), ("-0", 0),
            ("0.0e-400", 0), ("12300e-2", 123), ("-9223372036854775808", .min), ("9223372036854775807", .max),
            ("922337203685477580.7e1", .max), ("0.5e1", 5), ("2E+2", 200),
        ]
        for (spelling, value) in spellings {
            let (outcome, events) = scan(data("{\"message\":\"a\",\"timestamp\":\(spelling)}"))
            #expect(outcome == .data && events.map(\.1) == [value], "timestamp \(spelling)")
        }
        for bad in [
            "1.5", "1e-3", "\"1\"", "99999999999999999999", "9223372036854775808", "1e19", "1e100000000", "01", "-",
            "1.", ".5",
        ] {
            let (outcome, _) = scan(data("{\"message\":\"a\",\"timestamp\":\(bad)}"))
            #expect(outcome == .refused("not a CloudWatch Logs document"), "timestamp \(bad)")
        }
    }

    @Test("nesting: deep unknown values read, deeper than the limit refused rather than followed")
    func nesting() {
        let shallow = String(repeating: "[{\"a\":", count: 100) + "1" + String(repeating: "}]", count: 100)
        #expect(scan("{\"x\":\(shallow),\"messageType\":\"CONTROL_MESSAGE\"}").0 == .control)
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(
            scan("{\"x\":\(deep),\"messageType\":\"CONTROL_MESSAGE\"}").0 == .refused("not a CloudWatch Logs document"))
    }

    @Test(
        "a damaged document is refused whole",
        arguments: [
            #"{"messageType":"DATA_MESSAGE","logEvents":[{"message":"a"}"#,
            #"{"messageType":"DATA_MESSAGE" "logEvents":[]}"#, #"{"messageType":"DATA_MESSAGE","logEvents":[],}"#,
            #"{"messageType":"DATA_MESSAGE","logEvents":[{"message":"a"},]}"#,
            #"{"messageType":"DATA_MESSAGE","logEvents":[{"message":"a"}],"n":1.}"#,
            #"{"messageType":"DATA_MESSAGE","logEvents":[{"message":"a"}],"n":tru}"#,
            #"{"messageType":"DATA_MESSAGE","logEvents":[{"message":"a"}]}}"#,
            #"{"messageType":"DATA_MESSAGE","logEvents":[{"message":"a"}]} x"#,
            "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":\"a\tb\"}]}",
            #"{"messageType":"DATA_MESSAGE","logEvents":[{"id":"1"}]}"#,
            #"{"messageType":"DATA_MESSAGE","logEvents":[{"message":null}]}"#,
            #"{"messageType":"DATA_MESSAGE","logEvents":["a"]}"#, #"{"messageType":1,"logEvents":[]}"#,
            #"{"logEvents":[]}"#, #"[]"#, "",
        ])
    func damaged(document: String) {
        let (outcome, events) = scan(document)
        #expect(outcome == .refused("not a CloudWatch Logs document"))
        #expect(events.isEmpty)
    }

    @Test("invalid UTF-8 anywhere refuses the document; valid multi-byte text is kept as it is")
    func utf8() {
        let head = Array(#"{"messageType":"DATA_MESSAGE","logEvents":[{"message":""#.utf8)
        let tail = Array(#""}]}"#.utf8)
        for bad: [UInt8] in [
            [0xC3, 0x28], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xE2],
        ] {
            #expect(scan(head + bad + tail).0 == .refused("not a CloudWatch Logs document"), "\(bad)")
        }
        let (outcome, events) = scan(head + Array("é€😀".utf8) + tail)
        #expect(outcome == .data && events.map(\.0) == ["é€😀"])
    }

    @Test("a repeated key is found at any depth, also when escaped or among many keys")
    func duplicates() {
        let many = (0..<40).map { "\"k\($0)\":1" }.joined(separator: ",")
        #expect(scan("{\(many),\"messageType\":\"CONTROL_MESSAGE\"}").0 == .control)
        #expect(
            scan("{\(many),\"messageType\":\"CONTROL_MESSAGE\",\"k39\":2}").0
                == .refused("CloudWatch Logs document with a duplicated key \"k39\""))
        #expect(
            scan(#"{"messageType":"CONTROL_MESSAGE","x":[{"a":1,"\u0061":2}]}"#).0
                == .refused("CloudWatch Logs document with a duplicated key \"a\""))
        #expect(scan(#"{"messageType":"CONTROL_MESSAGE","x":[{"a":1},{"a":2}],"a":{"a":3}}"#).0 == .control)
    }

    /// What the reader did before the scanner: Foundation's JSONDecoder, then the duplicate-key check.
    private static func foundationOutcome(_ document: [UInt8]) -> String {
        struct Document: Decodable {
            struct Event: Decodable {
                let timestamp: Int64?
                let message: String
            }
            let messageType: String
            let logEvents: [Event]?
        }
        guard let decoded = try? JSONDecoder().decode(Document.self, from: Data(document)) else { return "not JSON" }
        if let key = JSONDuplicateKey.find(in: document[...]) { return "duplicated key \(key)" }
        switch (decoded.messageType, decoded.logEvents) {
        case ("CONTROL_MESSAGE", _): return "control"
        case ("DATA_MESSAGE", let events?):
            return "data \(events.map { "\($0.message)|\(String(describing: $0.timestamp))" })"
        case ("DATA_MESSAGE", nil): return "without logEvents"
        case (let type, _): return "unknown messageType \(type.prefix(64))"
        }
    }

    private static func scannerOutcome(_ document: [UInt8]) -> String {
        let (outcome, events) = scan(document)
        switch outcome {
        case .control: return "control"
        case .data: return "data \(events.map { "\($0.0)|\(String(describing: $0.1))" })"
        case .refused(let reason):
            if reason.hasPrefix("not a CloudWatch Logs document") { return "not JSON" }
            if reason.hasPrefix("CloudWatch Logs document with a duplicated key") {
                return "duplicated key \(reason.split(separator: "\"")[1])"
            }
            if reason.hasSuffix("without logEvents") { return "without logEvents" }
            return "unknown messageType \(reason.split(separator: "\"")[1])"
        }
    }

    /// The scanner reads every document as Foundation's decoder did, except that it refuses, as not JSON, what
    /// Foundation tolerated (trailing commas, invalid UTF-8 or control characters in fields it skipped, `1.`):
    /// it never reads a message or a timestamp differently, and never reads what Foundation refused.
    @Test("reads thousands of damaged documents as Foundation's decoder did, or refuses them as not JSON")
    func agreesWithFoundation() {
        let originals = [
            Array(
                data(#"{"id":"1","timestamp":17,"message":"a\"b\u00e9 \ud83d\ude00 \\ c"}"#, #"{"message":"x y"}"#)
                    .dropLast().utf8) + Array(#","owner":[true,false,null,-1.5e+3,{"k":"v"}]}"#.utf8),
            Array(#"{"messageType":"CONTROL_MESSAGE","logEvents":[{"id":"","timestamp":1,"message":"CWL"}]}"#.utf8),
            Array(
                #"{"logEvents":[{"message":"m","timestamp":1.5e1}],"messageType":"DATA_MESSAGE","n":[{"a":null}]}"#.utf8
            ),
        ]
        var random = SplitMix(state: 10)
        let inserts = Array(#"{}[]",:\u0e1.-+E "#.utf8) + [0xC3, 0xA9, 0xFF, 0x00, 0x0A]
        var read = 0
        for round in 0..<6000 {
            var document = originals[round % originals.count]
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let index = Int.random(in: 0..<document.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: document[index] = inserts.randomElement(using: &random)!
                case 1: document.remove(at: index)
                default: document.insert(inserts.randomElement(using: &random)!, at: index)
                }
            }
            let before = Self.foundationOutcome(document)
            let after = Self.scannerOutcome(document)
            if after != "not JSON" { read += 1 }
            #expect(after == before || after == "not JSON", "\(String(decoding: document, as: UTF8.self))")
        }
        #expect(read > 500)  // the mutations leave many documents readable: the comparison is not vacuous
    }

    @Test("long messages with quotes, backslashes and multi-byte text at every offset, split across chunks")
    func longMessagesAcrossChunks() {
        var messages: [String] = []
        for offset in 0..<20 {
            let plain = String(repeating: "x", count: offset)
            messages.append(plain + "\"" + String(repeating: "y", count: 30 - offset) + "\\" + "é" + plain + "}{")
            messages.append(String(repeating: "z", count: 40 + offset))
        }
        let object = gzip(document(messages) + document(["tail"]))
        for chunk in [1, 5, 8, 13, 4096] {
            let reader = FirehoseObjectReader(format: .cloudWatchDocuments, inflateSize: 7)
            var lines: [String] = []
            let collect: (ObjectItem) -> Void = { item in
                if case .line(let bytes, _) = item { lines.append(String(decoding: bytes, as: UTF8.self)) }
            }
            var offset = 0
            while offset < object.count {
                let end = min(offset + chunk, object.count)
                object[offset..<end].withUnsafeBytes { reader.feed($0, collect) }
                offset = end
            }
            reader.finish(collect)
            #expect(lines == messages + ["tail"], "chunk \(chunk)")
        }
    }
}
