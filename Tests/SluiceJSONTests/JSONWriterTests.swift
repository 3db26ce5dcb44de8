import Testing

@testable import SluiceJSON

@Suite("JSON writer")
struct JSONWriterTests {
    private let sample: JSONValue = [
        "zeta": [1, nil, .number("1e-05"), true, nil],
        "alpha": ["b": "two", "a": "one\n", "empty": [:], "none": []],
        "Beta": .int(-7),
    ]

    @Test("pretty: two spaces, keys sorted, empty collections inline, a trailing newline")
    func pretty() {
        #expect(
            sample.pretty() == """
                {
                  "Beta": -7,
                  "alpha": {
                    "a": "one\\n",
                    "b": "two",
                    "empty": {},
                    "none": []
                  },
                  "zeta": [
                    1,
                    null,
                    1e-05,
                    true,
                    null
                  ]
                }

                """)
    }

    @Test("compact: no space at all, keys sorted")
    func compact() {
        #expect(
            sample.compact()
                == #"{"Beta":-7,"alpha":{"a":"one\n","b":"two","empty":{},"none":[]},"zeta":[1,null,1e-05,true,null]}"#)
    }

    @Test("the same value written twice, built in another order, is the same bytes")
    func deterministic() {
        var members: [String: JSONValue] = [:]
        for key in (0..<50).map({ "k\($0)" }).shuffled() { members[key] = .string(key) }
        var reversed: [String: JSONValue] = [:]
        for key in members.keys.sorted().reversed() { reversed[key] = members[key] }
        #expect(JSONValue.object(members).pretty() == JSONValue.object(reversed).pretty())
        #expect(JSONValue.object(members).compact() == JSONValue.object(reversed).compact())
    }

    @Test("doubles: shortest round-tripping text, non-finite ones as null")
    func doubles() {
        #expect(JSONValue(0.1).compact() == "0.1")
        #expect(JSONValue(Double(2)).compact() == "2.0")
        #expect(JSONValue(1e300 * 10).compact() == "1e+301")
        #expect(JSONValue(Double.infinity) == .null)
        #expect(JSONValue(Double.nan) == .null)
        #expect(JSONValue(-0.0).compact() == "-0.0")
    }

    @Test("keys are sorted by Unicode scalars, never by locale, and escaped like values")
    func keys() {
        let value: JSONValue = ["b": 1, "B": 2, "\u{E9}": 3, "e": 4, "quote\"": 5]
        #expect(value.compact() == "{\"B\":2,\"b\":1,\"e\":4,\"quote\\\"\":5,\"\u{E9}\":3}")
    }
}
