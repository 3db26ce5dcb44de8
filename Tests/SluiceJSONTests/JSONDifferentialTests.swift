import Foundation
import Testing

@testable import SluiceJSON

/// SluiceJSON's decoder against Python's json module, on the documents `Fixtures/make-python-cases.py` wrote with
/// what Python made of each: valid documents and single-byte mutations of them (see the script for what is left
/// out and why).
@Suite("JSON decoder against Python's json")
struct JSONDifferentialTests {
    struct Case {
        let document: [UInt8]
        let accepted: Bool
        let value: JSONValue?
    }

    static func cases() throws -> [Case] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/python-json-cases.json")
        let list = try #require(try JSONValue(parsing: Data(contentsOf: file)).arrayValue)
        return try list.map { item in
            let hex = try #require(item["hex"]?.stringValue)
            var document: [UInt8] = []
            var digits = hex.utf8.makeIterator()
            while let high = digits.next(), let low = digits.next() {
                document.append(
                    try #require(JSONUnescaper.hexValue(high)) << 4 | (try #require(JSONUnescaper.hexValue(low))))
            }
            return Case(document: document, accepted: item["accepted"] == .bool(true), value: item["value"])
        }
    }

    /// A value as the script writes it: each number as `["n", text]`.
    static func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case .int(let number): ["n", .string(String(number))]
        case .number(let text): ["n", .string(text)]
        case .array(let items): .array(items.map(canonical))
        case .object(let members): .object(members.mapValues(canonical))
        case .null, .bool, .string: value
        }
    }

    @Test("the same documents accepted, to the same values")
    func agrees() throws {
        let cases = try Self.cases()
        #expect(cases.count > 500 && cases.contains { $0.accepted } && cases.contains { !$0.accepted })
        for item in cases {
            let shown = String(decoding: item.document, as: UTF8.self)
            do {
                let value = try JSONValue(parsing: item.document)
                #expect(item.accepted, "SluiceJSON accepts what Python refuses: \(shown)")
                if item.accepted { #expect(Self.canonical(value) == item.value, "\(shown)") }
            } catch {
                #expect(!item.accepted, "SluiceJSON refuses what Python accepts: \(shown): \(error)")
            }
        }
    }
}
