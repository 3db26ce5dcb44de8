import Foundation
import SluiceProcessing
import Testing

@testable import SluiceSample

/// nginx's `combined` line, field by field, as these tests read it: escapes are `\xHH` only, so a quoted field
/// holds no quote.
private let combinedPattern = try! NSRegularExpression(
    pattern: #"^([0-9a-f.:]+) - (-|u-[0-9]{6}) \[([0-9]{2}/[A-Z][a-z]{2}/[0-9]{4}:[0-9:]{8} \+0000)\] "#
        + #""((?:[\x20-\x21\x23-\x5B\x5D-\x7E]|\\x[0-9A-F]{2})*)" ([0-9]{3}) ([0-9]+|-)"#
        + #"(?: "((?:[\x20-\x21\x23-\x5B\x5D-\x7E]|\\x[0-9A-F]{2})*)""#
        + #" "((?:[\x20-\x21\x23-\x5B\x5D-\x7E]|\\x[0-9A-F]{2})*)")?$"#)

/// The groups of a combined or common line, nil when it is neither.
private func ncsaFields(_ line: [UInt8]) -> [String?]? {
    guard line.allSatisfy({ $0 < 0x80 }) else { return nil }
    let text = String(decoding: line, as: UTF8.self)
    let range = NSRange(text.startIndex..., in: text)
    guard let match = combinedPattern.firstMatch(in: text, range: range) else { return nil }
    return (1..<match.numberOfRanges).map { index in
        Range(match.range(at: index), in: text).map { String(text[$0]) }
    }
}

private func jsonObject(_ line: [UInt8]) -> [String: Any]? {
    try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
}

private func combined(_ request: SampleRequest, _ out: inout [UInt8]) {
    NCSALineWriter.append(request, layout: .combined, to: &out)
}

private func common(_ request: SampleRequest, _ out: inout [UInt8]) {
    NCSALineWriter.append(request, layout: .common, to: &out)
}

private func json(_ request: SampleRequest, _ out: inout [UInt8]) {
    JSONLineWriter.append(request, to: &out)
}

/// The lines a writer makes of a seed's traffic, with their kinds; a spoiled line is one `refuses` refuses.
private func lines(
    _ options: SampleOptions, _ writer: @escaping SampleLineWriters.Writer, refuses: @escaping ([UInt8]) -> Bool
) -> [(kind: SampleLineSource.Kind, line: [UInt8])] {
    var source = SampleLineSource(options: options, writer: writer, refuses: refuses)
    var line: [UInt8] = []
    return (0..<options.lines).map { _ in
        let kind = source.next(into: &line).kind
        return (kind, line)
    }
}

private func isCombined(_ line: [UInt8]) -> Bool { ncsaFields(line)?[6] != nil }
private func isCommon(_ line: [UInt8]) -> Bool { ncsaFields(line).map { $0[6] == nil } ?? false }

@Suite("Sample line writers: one traffic, every format")
struct SampleLineWriterTests {
    @Test("every registered format has a writer whose good lines its parser reads, and malformed ones it refuses")
    func everyFormat() {
        for format in LogFormatID.allCases {
            let options = SampleOptions(lines: 4000, seed: 8, logFormat: format, malformedFraction: 0.02)
            var source = SampleLineSource(options: options)
            var line: [UInt8] = []
            var malformed = 0
            for number in 1...options.lines {
                let kind = source.next(into: &line).kind
                let parsed = SampleLineWriters.parses(line, as: format)
                if kind == .malformed {
                    malformed += 1
                    #expect(!parsed, "\(format) line \(number): \(String(decoding: line, as: UTF8.self))")
                } else {
                    #expect(parsed, "\(format) line \(number): \(String(decoding: line, as: UTF8.self))")
                }
            }
            #expect((40...120).contains(malformed), "\(format)")
        }
    }

    @Test("combined lines are nginx's: fields, users, 499, escapes of a TLS handshake and of a non-ASCII agent")
    func combinedLines() throws {
        let made = lines(SampleOptions(lines: 30_000, seed: 5), combined, refuses: { !isCombined($0) })
        let fields = made.filter { $0.kind != .malformed }.map { ncsaFields($0.line) }
        #expect(fields.allSatisfy { $0 != nil })
        let good = fields.compactMap { $0 }
        #expect(good.contains { $0[0]!.contains(":") } && good.contains { $0[0]!.contains(".") })
        #expect(good.contains { $0[1] == "-" } && good.contains { $0[1]!.hasPrefix("u-") })
        #expect(good.contains { $0[3]!.hasPrefix(#"\x16\x03\x01"#) && $0[4] == "400" })
        #expect(good.contains { $0[3] == "-" && $0[4] == "408" })
        #expect(good.contains { $0[4] == "499" })
        #expect(good.contains { $0[3]!.hasSuffix(" HTTP/2.0") && $0[3]!.contains(" /integrations/int-") })
        #expect(good.contains { $0[7]!.hasPrefix(#"r\xC3\xA9sum\xC3\xA9-sync/"#) })
        #expect(good.contains { $0[7]!.hasPrefix("GitHub-Hookshot/") })
        #expect(good.contains { $0[6] == "https://app.example.com/integrations" } && good.contains { $0[6] == "-" })
        #expect(good.contains { $0[5] == "0" })
        // The same request in HAProxy's layout: the body alone here, headers included there.
        let haproxy = lines(SampleOptions(lines: 2000, seed: 5), HAProxyLineWriter.appendHTTP, refuses: { _ in true })
        for ((_, ncsa), (kind, line)) in zip(made.prefix(2000), haproxy) where kind != .malformed {
            guard let fields = ncsaFields(ncsa), case .success(let record) = HAProxyParser.parse(line, format: .http)
            else {
                Issue.record("line \(String(decoding: ncsa, as: UTF8.self))")
                continue
            }
            #expect(fields[0] == record.clientAddress)
            #expect(fields[2]!.prefix(20) == record.acceptDate.prefix(20))
            #expect(Int(fields[4]!) == (record.statusCode ?? 499))
            #expect(Int(fields[5]!)! <= record.bytesRead)
            if let path = record.path, !path.hasPrefix("https://") {
                #expect(fields[3]!.contains(" \(path)"))
            }
            let user = record.requestHeaders?[1] ?? ""
            #expect(fields[1] == (user.isEmpty ? "-" : user))
        }
    }

    @Test("common lines stop after the bytes, `-` for no body")
    func commonLines() {
        let made = lines(SampleOptions(lines: 20_000, seed: 6), common, refuses: { !isCommon($0) })
        let good = made.filter { $0.kind != .malformed }
        #expect(good.allSatisfy { isCommon($0.line) })
        #expect(good.contains { ncsaFields($0.line)?[5] == "-" })
        #expect(!good.contains { ncsaFields($0.line)?[5] == "0" })
    }

    @Test("json lines are nested objects: request, headers, response, client, upstream with an array; nulls; escapes")
    func jsonLines() throws {
        let made = lines(
            SampleOptions(lines: 30_000, seed: 7), json,
            refuses: { jsonObject($0)?["time"] == nil })
        let objects = made.filter { $0.kind != .malformed }.map { jsonObject($0.line) }
        #expect(objects.allSatisfy { $0 != nil })
        let good = objects.compactMap { $0 }
        let first = try #require(good.first)
        #expect(
            Set(first.keys) == [
                "time", "level", "msg", "request", "response", "duration_ms", "client", "upstream", "termination",
            ])
        #expect((first["time"] as? String)?.hasPrefix("2026-03-02T00:00:00.") == true)
        for object in good {
            let request = try #require(object["request"] as? [String: Any])
            #expect(request["headers"] is [String: Any])
            let response = try #require(object["response"] as? [String: Any])
            #expect(response["status"] is Int && response["bytes"] is Int)
            let upstream = try #require(object["upstream"] as? [String: Any])
            #expect((upstream["timings_ms"] as? [Any])?.count == 4)
            #expect(object["duration_ms"] is Double)
        }
        func request(_ object: [String: Any]) -> [String: Any] { object["request"] as! [String: Any] }
        #expect(good.contains { request($0)["method"] is NSNull && request($0)["path"] is NSNull })
        #expect(good.contains { request($0)["query"] != nil } && good.contains { request($0)["query"] == nil })
        #expect(good.contains { ((request($0)["host"] as? String)?.hasSuffix(".api.example.com")) == true })
        #expect(good.contains { ((request($0)["headers"] as? [String: Any])?["x-user-id"] as? String) != nil })
        #expect(good.contains { ((($0["upstream"] as? [String: Any])?["timings_ms"] as? [Any])?[2]) is NSNull })
        #expect(good.contains { (($0["response"] as? [String: Any])?["status"] as? Int) == 499 })
        // Non-ASCII text as `\u` escapes, never raw.
        let raw = made.filter { $0.kind != .malformed }.map(\.line)
        #expect(raw.allSatisfy { $0.allSatisfy { $0 < 0x80 } })
        #expect(raw.contains { $0.firstRange(of: Array(#"r\u00e9sum\u00e9-sync"#.utf8)) != nil })
    }

    @Test("the same seed gives the same lines in every writer; another seed other lines")
    func determinism() {
        let writers: [SampleLineWriters.Writer] = [combined, common, json, HAProxyLineWriter.appendCLF]
        for writer in writers {
            let one = lines(SampleOptions(lines: 2000, seed: 3), writer, refuses: { _ in true }).map(\.line)
            #expect(one == lines(SampleOptions(lines: 2000, seed: 3), writer, refuses: { _ in true }).map(\.line))
            #expect(one != lines(SampleOptions(lines: 2000, seed: 4), writer, refuses: { _ in true }).map(\.line))
        }
    }

    @Test("the malformed share follows its option in every writer, each refused as read")
    func malformedRate() {
        for (writer, refuses) in [
            (combined, { !isCombined($0) }), (common, { !isCommon($0) }), (json, { jsonObject($0)?["time"] == nil }),
        ] as [(SampleLineWriters.Writer, ([UInt8]) -> Bool)] {
            let made = lines(SampleOptions(lines: 20_000, seed: 12, malformedFraction: 0.01), writer, refuses: refuses)
            let malformed = made.filter { $0.kind == .malformed }
            // 1% of 20,000 is 200; the standard deviation is 14.
            #expect((140...260).contains(malformed.count))
            #expect(malformed.allSatisfy { refuses($0.line) })
            #expect(made.filter { $0.kind != .malformed }.allSatisfy { !refuses($0.line) })
        }
    }

    @Test("long GETs: an HAProxy sample cuts them at 1024 bytes as HAProxy does, and the rows keep what was logged")
    func longRequests() throws {
        for format in [LogFormatID.haproxyHTTP, .haproxyCLF] {
            let options = SampleOptions(
                lines: 5000, seed: 2, logFormat: format, malformedFraction: 0, longRequestFraction: 0.02)
            var source = SampleLineSource(options: options)
            var line: [UInt8] = []
            var cut = 0
            for _ in 0..<options.lines {
                let written = source.next(into: &line)
                #expect(line.count <= 1024)
                guard written.cut else { continue }
                cut += 1
                #expect(line.count == 1024)
                let record = try HAProxyParser.parse(line, format: format == .haproxyCLF ? .clf : .http).get()
                #expect(record.truncated && record.method == "GET" && record.httpVersion == nil)
                #expect(record.query?.contains("ids=r-") == true && record.path?.isEmpty == false)
                // httplog logs the request last: status and bytes survive; CLF logs it before them.
                #expect(record.lost(.status) == (format == .haproxyCLF))
            }
            // 2% of the GETs, about 70% of the requests.
            #expect((35...110).contains(cut), "\(format)")
            let stats = try SampleGenerator(options: options).write { _ in }
            #expect(stats.truncatedLines == cut && stats.malformedLines == 0)
        }
        // nginx and JSON loggers write the same requests whole.
        let options = SampleOptions(lines: 5000, seed: 2, malformedFraction: 0, longRequestFraction: 0.02)
        let combinedLines = lines(options, combined, refuses: { _ in true })
        #expect(combinedLines.filter { $0.line.count > 1100 }.count >= 35)
        #expect(combinedLines.allSatisfy { isCombined($0.line) })
        #expect(lines(options, json, refuses: { _ in true }).allSatisfy { jsonObject($0.line) != nil })
    }

    /// The cases `SampleLineWriters.writer(for:)` gains when the `combined`, `common` and `json` formats are
    /// registered, written here as they will be there.
    @Test("the writers of combined, common and json, as the registry's switch will name them")
    func switchCases() {
        let formats = [
            SampleLineFormat { NCSALineWriter.append($0, layout: .combined, to: &$1) },
            SampleLineFormat { NCSALineWriter.append($0, layout: .common, to: &$1) },
            SampleLineFormat { JSONLineWriter.append($0, to: &$1) },
        ]
        let checks: [([UInt8]) -> Bool] = [isCombined, isCommon, { jsonObject($0) != nil }]
        for (format, check) in zip(formats, checks) {
            #expect(format.lengthLimit == nil)
            let made = lines(SampleOptions(lines: 200, seed: 1, malformedFraction: 0), format.append) { _ in true }
            #expect(made.allSatisfy { check($0.line) })
        }
    }
}
