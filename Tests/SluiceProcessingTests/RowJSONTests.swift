import Foundation
import Testing

@testable import SluiceProcessing

/// The rows' JSON text, byte for byte: the encoder writes straight into bytes, so each escape and each value
/// kind is pinned here, and every row must read back with Foundation as the values it was given.
@Suite("Row JSON encoding")
struct RowJSONTests {
    @Test("every escape JSON needs, and text without any copied as it is")
    func escapes() {
        let text = "q\" b\\ n\n r\r t\t c\u{1}\u{1f} del\u{7f} é€😀 /"
        let row = NamedValues([
            ("plain", .string("nothing to escape")), ("mixed", .string(text)), ("e\"k", .string("")),
        ])
        #expect(
            row.json()
                == #"{"plain":"nothing to escape","mixed":"q\" b\\ n\n r\r t\t c\u0001\u001f del"#
                + "\u{7f} é€😀 /\",\"e\\\"k\":\"\"}")
    }

    @Test("numbers, booleans, nulls, timestamps and dates as Athena's JSON SerDe reads them")
    func values() throws {
        let row = NamedValues([
            ("i", .int(-9_223_372_036_854_775_808)), ("z", .int(0)), ("d", .double(1.5)), ("n", .double(.nan)),
            ("b", .bool(true)), ("x", .null), ("t", .timestamp(1_706_789_654_321)), ("old", .timestamp(-1)),
            ("day", .date(19_754)),
        ])
        #expect(
            row.json()
                == #"{"i":-9223372036854775808,"z":0,"d":1.5,"n":null,"b":true,"x":null,"#
                + #""t":"2024-02-01 12:14:14.321","old":"1969-12-31 23:59:59.999","day":"2024-02-01"}"#)
        var bytes: [UInt8] = []
        row.appendJSONLine(to: &bytes)
        #expect(bytes.last == UInt8(ascii: "\n"))
        #expect(try JSONSerialization.jsonObject(with: Data(bytes)) is [String: Any])
    }

    @Test("a bridged or substring-made string encodes like a native one")
    func nonNativeStrings() {
        let bridged = NSString(string: "a\"b é").description
        let sliced = String("xx a\"b é yy".dropFirst(3).dropLast(3))
        #expect(NamedValues([("k", .string(bridged))]).json() == NamedValues([("k", .string(sliced))]).json())
        #expect(NamedValues([("k", .string(sliced))]).json() == #"{"k":"a\"b é"}"#)
    }

    @Test(
        "the lake writer's pointer-written lines equal the encoder's appendJSONLine and NamedValues', byte for byte, as the buffer grows"
    )
    func bufferMatchesAppend() {
        var random = SystemRandomNumberGenerator()
        let pieces = ["a", "é", "€", "😀", "\"", "\\", "\n", "\u{1}", "\u{7f}", "plain text ", "/path?x=1"]
        func text() -> String {
            (0..<Int.random(in: 0...40, using: &random)).map { _ in pieces.randomElement()! }.joined()
        }
        let buffer = JSONLineBuffer(capacity: 1)
        var expected: [UInt8] = []
        for _ in 0..<2_000 {
            var values: [(column: String, value: Row.Value)] = []
            for column in 0..<Int.random(in: 0...20, using: &random) {
                let value: Row.Value
                switch Int.random(in: 0..<8, using: &random) {
                case 0: value = .string(text())
                case 1: value = .int(Int64.random(in: .min ... .max, using: &random))
                case 2: value = .int([Int64.min, Int64.max, 0, -1, 9, 10][Int.random(in: 0..<6, using: &random)])
                case 3:
                    let doubles = [1.5, -0.0, .nan, .infinity, 1e300, .leastNonzeroMagnitude]
                    value = .double(doubles[Int.random(in: 0..<6, using: &random)])
                case 4: value = .bool(Bool.random(using: &random))
                case 5: value = .timestamp(Int64.random(in: -100_000_000_000_000...300_000_000_000_000, using: &random))
                case 6: value = .date(Int32.random(in: -800_000...2_900_000, using: &random))
                default: value = .null
                }
                values.append((column % 3 == 0 ? text() : "c\(column)", value))
            }
            let encoder = JSONRowEncoder(columns: values.map(\.column))
            let row = Row(values.map(\.value))
            let before = expected.count
            encoder.appendJSONLine(row, to: &expected)
            var named: [UInt8] = []
            NamedValues(values).appendJSONLine(to: &named)
            #expect(Array(expected[before...]) == named)
            buffer.append(row, encoder)
        }
        #expect(Array(buffer.bytes) == expected)
        buffer.removeAll()
        #expect(buffer.count == 0)
    }
}
