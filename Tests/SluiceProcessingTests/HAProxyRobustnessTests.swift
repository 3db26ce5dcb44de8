import Testing

@testable import SluiceProcessing

/// SplitMix64: a seeded generator, so that a failing input can be reproduced.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

@Suite("HAProxy parser robustness")
struct HAProxyRobustnessTests {
    /// Valid lines of every shape the other tests use, to cut and mutate.
    static let corpus: [(line: [UInt8], format: LogFormat)] = {
        let noServer =
            "2001:db8::1:51234 [14/Mar/2024:09:27:01.002] www~ www/<NOSRV> -1/-1/-1/-1/+5001 -1 +212 - - cR-- "
            + "5/5/0/0/+1 0/0 \"<BADREQ>\""
        let rfc5424 = "<134>1 2024-03-14T09:26:53Z lb-1 haproxy 2817 - [m x=\"]\"] "
        let lines: [(String, LogFormat)] = [
            (HAProxyLines.http, .http),
            (HAProxyLines.bsdPrefix + HAProxyLines.http, .http),
            (rfc5424 + HAProxyLines.http, .http),
            (substituting(" 0/0 ", with: " 0/0 {a b|c} {|} ", in: HAProxyLines.http), .http),
            (noServer, .http),
            (HAProxyLines.clf, .clf),
            ("<134>Mar  4 09:26:53 haproxy[1]: " + HAProxyLines.clf, .clf),
        ]
        return lines.map { (Array($0.0.utf8), $0.1) }
    }()

    /// Bytes that steer random input into the parser's branches rather than failing on the first byte.
    static let structural = Array("0123456789 -+/:.[]{}|\"<>~unixHTTPGET\r\n\u{0}".utf8) + [0xFF, 0xC3, 0xE9]

    static func input(_ index: Int, _ random: inout SeededGenerator) -> [UInt8] {
        let (valid, _) = corpus[index % corpus.count]
        switch index % 5 {
        case 0:
            return (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        case 1:
            return (0..<Int.random(in: 0...200, using: &random)).map { _ in structural.randomElement(using: &random)! }
        case 2:
            return Array(valid.prefix(Int.random(in: 0...valid.count, using: &random)))
        case 3:
            var mutated = valid
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: 0..<mutated.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: mutated[at] = structural.randomElement(using: &random)!
                case 1: mutated.insert(UInt8.random(in: 0...255, using: &random), at: at)
                case 2: mutated.remove(at: at)
                default: mutated.insert(contentsOf: Array(repeating: UInt8(ascii: "9"), count: 25), at: at)
                }
                if mutated.isEmpty { break }
            }
            return mutated
        default:
            let from = Int.random(in: 0...valid.count, using: &random)
            let to = Int.random(in: from...valid.count, using: &random)
            return Array(valid[from..<to]) + Array(valid[..<from])
        }
    }

    @Test("20,000 random, truncated and mutated lines: no crash, same answer twice, offsets inside the line")
    func randomInput() {
        var random = SeededGenerator(seed: 0x5EED_1CE5)
        var parsed = 0
        var truncated = 0
        for index in 0..<20_000 {
            let bytes = Self.input(index, &random)
            for format in LogFormat.allCases {
                let first = HAProxyParser.parse(bytes, format: format)
                let second = HAProxyParser.parse(bytes.lazy.map { $0 }, format: format)
                #expect(first == second, "input \(index): \(bytes)")
                switch first {
                case .success(let record):
                    parsed += 1
                    if record.truncated { truncated += 1 }
                    // What a line the logger cut lost reads as null, whatever the record holds in its place.
                    for (name, value) in record.namedValues.values where record.lost(field: name) {
                        #expect(record.truncated && value == .null, "input \(index): \(name)")
                    }
                case .failure(let failure):
                    #expect(failure.offset >= 0 && failure.offset <= bytes.count, "input \(index): \(failure)")
                }
            }
        }
        // Some mutations leave a valid line (a digit for a digit), so both outcomes are exercised; cut lines too.
        #expect(parsed > truncated && truncated > 0)
    }

    /// Every strict prefix is a line the logger may have cut: it fails (cut before the end of the accept date),
    /// or makes a truncated record whose every field is the whole line's, null (lost, or not logged in the field
    /// the cut fell in), or, in the field the cut fell in, what was logged of it.
    @Test("every strict prefix of a line is refused or a truncated record agreeing with the whole line")
    func prefixes() throws {
        for (line, format) in Self.corpus {
            let whole = try haproxyRecord(bytes: line, format).namedValues
            for length in 0..<line.count {
                switch HAProxyParser.parse(line.prefix(length), format: format) {
                case .failure(let failure):
                    switch failure.reason {
                    case .empty, .truncated, .unexpected, .badDate: break
                    default: Issue.record("prefix of \(length) bytes: \(failure)")
                    }
                case .success(let record):
                    let prefix = String(decoding: line.prefix(length), as: UTF8.self)
                    guard let cut = record.cut else {
                        // Only a CLF line without captures is whole before its end (its last fields are optional).
                        #expect(format == .clf, "prefix parsed whole: \(prefix)")
                        continue
                    }
                    for (entry, fullEntry) in zip(record.namedValues.values, whole.values) {
                        let name = entry.column
                        if entry.value == .null || name == "truncated" { continue }
                        // Whole seconds when the cut came before `%ms`; a cut request line is no bad request.
                        if name == "accept_timestamp_ms" && format == .clf { continue }
                        if name == "bad_request" && cut.field == .request { continue }
                        let cutField: Set =
                            cut.field == .request
                            ? ["method", "path", "query"] : ["request_headers", "response_headers"]
                        if cut.keepsPart, cutField.contains(name), case .string(let text) = entry.value,
                            case .string(let full) = fullEntry.value, text != full
                        {
                            #expect(full.hasPrefix(text), "\(name) of \(prefix)")
                            continue
                        }
                        #expect(entry.value == fullEntry.value, "\(name) of \(prefix)")
                    }
                }
            }
        }
    }

    @Test("the same answer for the same bytes in every line of a large random batch")
    func determinism() {
        var random = SeededGenerator(seed: 42)
        let inputs = (0..<2_000).map { Self.input($0, &random) }
        let first = inputs.map { HAProxyParser.parse($0, format: .http) }
        let second = inputs.map { HAProxyParser.parse($0, format: .http) }
        #expect(first == second)
    }
}
