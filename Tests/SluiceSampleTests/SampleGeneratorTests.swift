import Foundation
import SluiceProcessing
import Testing

@testable import SluiceSample

/// A sample object in memory, with its stats and the chunks it came in.
private struct SampleOutput {
    var bytes: [UInt8] = []
    var chunkSizes: [Int] = []
    var stats = SampleStats()
}

private func makeSample(_ options: SampleOptions) throws -> SampleOutput {
    var output = SampleOutput()
    output.stats = try SampleGenerator(options: options).write { chunk in
        output.bytes.append(contentsOf: chunk)
        output.chunkSizes.append(chunk.count)
    }
    return output
}

/// The lines of an object as a processor reads them, and anything the reader could not read.
private func readSample(_ object: [UInt8], format: FirehoseObjectFormat) -> (lines: [[UInt8]], unreadable: [String]) {
    let reader = FirehoseObjectReader(format: format)
    var lines: [[UInt8]] = []
    var unreadable: [String] = []
    let collect: (ObjectItem) -> Void = { item in
        switch item {
        case .line(let bytes, _): lines.append(Array(bytes))
        case .unreadable(let reason, _): unreadable.append(reason)
        case .damage(let range): unreadable.append(range.detail)
        }
    }
    var offset = 0
    while offset < object.count {
        let end = min(offset + 10_000, object.count)
        object[offset..<end].withUnsafeBytes { reader.feed($0, collect) }
        offset = end
    }
    reader.finish(collect)
    return (lines, unreadable)
}

/// The HAProxy layout of a format the generator writes HAProxy lines for.
private func layout(_ format: LogFormatID) -> LogFormat {
    format == .haproxyCLF ? .clf : .http
}

private func parses(_ line: [UInt8], _ format: LogFormatID) -> HAProxyRecord? {
    if case .success(let record) = HAProxyParser.parse(line, format: layout(format)) { return record }
    return nil
}

private let allShapes: [(FirehoseObjectFormat, LogFormatID)] = [
    (.lines, .haproxyHTTP), (.lines, .haproxyCLF), (.cloudWatchDocuments, .haproxyHTTP),
    (.cloudWatchDocuments, .haproxyCLF),
]

@Suite("Sample generator")
struct SampleGeneratorTests {
    @Test("with required terms, as a plain filter pattern gives, every good line holds them all")
    func requiredTerms() throws {
        var options = SampleOptions(lines: 3000, seed: 3)
        let unfiltered = readSample(try makeSample(options).bytes, format: .lines).lines
        #expect(
            unfiltered.contains {
                parses($0, .haproxyHTTP) != nil && $0.firstRange(of: Array("/integrations/".utf8)) == nil
            })
        options.requiredTerms = ["/integrations/", "GET"]
        let lines = readSample(try makeSample(options).bytes, format: .lines).lines
        #expect(lines.count == 3000)
        let good = lines.filter { parses($0, .haproxyHTTP) != nil }
        #expect(good.count > 2900)
        #expect(
            good.allSatisfy {
                $0.firstRange(of: Array("/integrations/".utf8)) != nil && $0.firstRange(of: Array("GET".utf8)) != nil
            })
    }

    @Test("the same seed gives the same bytes, however the sink is fed", arguments: allShapes)
    func deterministic(objectFormat: FirehoseObjectFormat, logFormat: LogFormatID) throws {
        var options = SampleOptions(lines: 3000, seed: 7, objectFormat: objectFormat, logFormat: logFormat)
        let first = try makeSample(options)
        options.chunkBytes = 1000
        let second = try makeSample(options)
        #expect(first.bytes == second.bytes)
        #expect(first.stats == second.stats)
        #expect(first.stats.compressedBytes == first.bytes.count)
        let directory = try SampleGenerator(options: options).directoryJSON()
        #expect(directory == (try SampleGenerator(options: options).directoryJSON()))
    }

    @Test("another seed gives other bytes and another directory", arguments: allShapes)
    func seeds(objectFormat: FirehoseObjectFormat, logFormat: LogFormatID) throws {
        let one = SampleOptions(lines: 500, seed: 1, objectFormat: objectFormat, logFormat: logFormat)
        var two = one
        two.seed = 2
        #expect(try makeSample(one).bytes != makeSample(two).bytes)
        #expect(try SampleGenerator(options: one).directoryJSON() != SampleGenerator(options: two).directoryJSON())
    }

    @Test("read back with FirehoseObjectReader, the object holds exactly the lines asked for", arguments: allShapes)
    func readsBack(objectFormat: FirehoseObjectFormat, logFormat: LogFormatID) throws {
        let options = SampleOptions(
            lines: 5000, seed: 3, objectFormat: objectFormat, logFormat: logFormat, malformedFraction: 0.01,
            controlMessageFraction: 0.1)
        let sample = try makeSample(options)
        let read = readSample(sample.bytes, format: objectFormat)
        #expect(read.lines.count == 5000)
        #expect(read.unreadable.isEmpty)
        #expect(sample.stats.lines == 5000)
        let failures = read.lines.filter { parses($0, logFormat) == nil }.count
        #expect(failures == sample.stats.malformedLines)
        #expect(sample.stats.uncompressedBytes > sample.stats.compressedBytes * 3)
        if objectFormat == .cloudWatchDocuments {
            // CONTROL_MESSAGE documents are there, and contribute no lines.
            #expect(sample.stats.controlMessages > 0)
            #expect(sample.stats.documents > 10)
            #expect(gzipMembers(sample.bytes) == sample.stats.documents + sample.stats.controlMessages)
        } else {
            #expect(sample.stats.documents == 0 && sample.stats.controlMessages == 0)
            #expect(gzipMembers(sample.bytes) == 1)
        }
    }

    @Test("every good line parses and every malformed one does not, as read", arguments: allShapes)
    func goodAndMalformed(objectFormat: FirehoseObjectFormat, logFormat: LogFormatID) throws {
        let options = SampleOptions(
            lines: 20_000, seed: 11, objectFormat: objectFormat, logFormat: logFormat, malformedFraction: 0.01)
        var source = SampleLineSource(options: options)
        var line: [UInt8] = []
        var malformed = 0
        var invalidUTF8 = 0
        for number in 1...options.lines {
            let kind = source.next(into: &line).kind
            // Inside a CloudWatch document, a line reads as the UTF-8 it was made into.
            let asRead = objectFormat == .lines ? line : Array(String(decoding: line, as: UTF8.self).utf8)
            #expect(!line.isEmpty && !line.contains(0x0A) && !line.contains(0x0D), "line \(number)")
            if !String(decoding: line, as: UTF8.self).utf8.elementsEqual(line) { invalidUTF8 += 1 }
            switch kind {
            case .good, .unknownAccount:
                if case .failure(let failure) = HAProxyParser.parse(asRead, format: layout(logFormat)) {
                    Issue.record("line \(number) did not parse: \(failure): \(String(decoding: line, as: UTF8.self))")
                }
            case .malformed:
                malformed += 1
                if parses(asRead, logFormat) != nil {
                    Issue.record("malformed line \(number) parsed: \(String(decoding: line, as: UTF8.self))")
                }
            }
        }
        // 1% of 20,000 is 200; the standard deviation is 14.
        #expect((140...260).contains(malformed))
        #expect(invalidUTF8 > 0)
    }

    @Test("the malformed share follows its option, the default included")
    func malformedShare() throws {
        for (fraction, expected) in [(0.0, 0...0), (1.0 / 2000, 5...40), (0.05, 850...1150)] {
            let options = SampleOptions(lines: 20_000, seed: 5, malformedFraction: fraction)
            #expect(expected.contains(try makeSample(options).stats.malformedLines), "fraction \(fraction)")
        }
        let all = try makeSample(SampleOptions(lines: 300, malformedFraction: 1))
        #expect(all.stats.malformedLines == 300)
        #expect(readSample(all.bytes, format: .lines).lines.allSatisfy { parses($0, .haproxyHTTP) == nil })
    }

    @Test("the directory holds every account and integration the good lines name, but the unknown accounts")
    func directory() throws {
        let options = SampleOptions(lines: 20_000, seed: 9, logFormat: .haproxyCLF, unknownAccountFraction: 0.005)
        let generator = try SampleGenerator(options: options)
        let sample = try makeSample(options)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(generator.directoryJSON())) as? [String: [[String: String]]])
        #expect(json.keys.sorted() == ["directory.accounts", "directory.integrations"])
        let accounts = try #require(json["directory.accounts"])
        let integrations = try #require(json["directory.integrations"])
        #expect(accounts.count == 200 && integrations.count == 40)
        #expect(accounts.map { $0["account_id"] ?? "" } == (1...200).map { String(format: "acct-%06d", $0) })
        #expect(integrations.map { $0["integration_id"] ?? "" } == (1...40).map { String(format: "int-%04d", $0) })
        #expect(accounts.allSatisfy { Set($0.keys) == ["account_id", "account_name", "account_plan"] })
        #expect(Set(accounts.compactMap { $0["account_plan"] }) == ["free", "team", "business", "enterprise"])
        #expect(
            integrations.allSatisfy { Set($0.keys) == ["integration_id", "integration_name", "integration_vendor"] })
        let text = String(decoding: generator.directoryJSON(), as: UTF8.self)
        #expect(text.hasPrefix("{\"directory.accounts\": [\n{\"account_id\": \"acct-000001\", \"account_name\": "))

        let known = Set(accounts.compactMap { $0["account_id"] })
        let knownIntegrations = Set(integrations.compactMap { $0["integration_id"] })
        var unknown = 0
        var referenced = Set<String>()
        for line in readSample(sample.bytes, format: .lines).lines {
            guard let record = parses(line, .haproxyCLF), let host = record.requestHeaders?.first, !host.isEmpty else {
                continue
            }
            #expect(host.hasSuffix(".api.example.com"))
            let account = String(host.prefix { $0 != "." })
            referenced.insert(account)
            if !known.contains(account) { unknown += 1 }
            if let path = record.path, let range = path.range(of: "/integrations/") {
                let integration = String(path[range.upperBound...].prefix { $0 != "/" })
                #expect(knownIntegrations.contains(integration), "\(path)")
            }
        }
        #expect(unknown == sample.stats.unknownAccountLines)
        #expect((50...160).contains(unknown))
        // The Zipf skew still reaches most accounts in 20,000 requests.
        #expect(referenced.intersection(known).count > 150)
    }

    @Test("the object reaches the sink in many bounded chunks")
    func boundedChunks() throws {
        for objectFormat in [FirehoseObjectFormat.lines, .cloudWatchDocuments] {
            let options = SampleOptions(lines: 30_000, objectFormat: objectFormat, chunkBytes: 8192)
            let sample = try makeSample(options)
            #expect(sample.chunkSizes.count > 50)
            #expect(sample.chunkSizes.allSatisfy { $0 > 0 && $0 <= 8192 })
            #expect(sample.chunkSizes.dropLast().allSatisfy { $0 == 8192 })
            #expect(sample.chunkSizes.reduce(0, +) == sample.stats.compressedBytes)
        }
    }

    @Test("a sink that throws stops the writing")
    func throwingSink() throws {
        struct Full: Error {}
        var calls = 0
        #expect(throws: Full.self) {
            try SampleGenerator(options: SampleOptions(lines: 20_000, chunkBytes: 1024)).write { _ in
                calls += 1
                if calls == 3 { throw Full() }
            }
        }
        #expect(calls == 3)
    }

    @Test("accept times start at the start time, never go back, and cross midnight in a long sample")
    func timestamps() throws {
        let options = SampleOptions(lines: 40_000, requestsPerSecond: 0.4)
        let sample = try makeSample(options)
        let records = readSample(sample.bytes, format: .lines).lines.compactMap { parses($0, .haproxyHTTP) }
        let times = records.map(\.acceptTimestamp)
        #expect(times.first == SampleOptions.defaultStartTime)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(sample.stats.firstTimestamp == SampleOptions.defaultStartTime)
        #expect(sample.stats.lastTimestamp == times.last)
        let dates = Set(records.map { $0.acceptDate.prefix(11) })
        #expect(dates.contains("02/Mar/2026") && dates.contains("03/Mar/2026"))
        // The afternoon is busier than the night.
        let hours = records.map { Int(($0.acceptTimestamp - SampleOptions.defaultStartTime) / 3_600_000) }
        #expect(hours.filter { $0 == 15 }.count > hours.filter { $0 == 3 }.count * 3)
    }

    @Test("both layouts log the same requests with the same information")
    func layoutsAgree() throws {
        let http = try makeSample(SampleOptions(lines: 5000, seed: 4, logFormat: .haproxyHTTP, malformedFraction: 0.01))
        let clf = try makeSample(SampleOptions(lines: 5000, seed: 4, logFormat: .haproxyCLF, malformedFraction: 0.01))
        let httpLines = readSample(http.bytes, format: .lines).lines
        let clfLines = readSample(clf.bytes, format: .lines).lines
        #expect(httpLines.count == clfLines.count)
        for (number, (httpLine, clfLine)) in zip(httpLines, clfLines).enumerated() {
            let a = parses(httpLine, .haproxyHTTP)
            let b = parses(clfLine, .haproxyCLF)
            #expect((a == nil) == (b == nil), "line \(number + 1)")
            guard var a, var b else { continue }
            // A long request is cut at 1024 bytes in both, at different fields: each layout loses its own.
            #expect(a.truncated == b.truncated, "line \(number + 1)")
            if a.truncated { continue }
            #expect(a.acceptDate != b.acceptDate)
            a.format = .clf
            (a.acceptDate, b.acceptDate) = ("", "")
            #expect(a == b, "line \(number + 1)")
        }
    }

    @Test("the traffic looks like an API's")
    func realism() throws {
        let sample = try makeSample(SampleOptions(lines: 50_000, seed: 21))
        let records = readSample(sample.bytes, format: .lines).lines.compactMap { parses($0, .haproxyHTTP) }
        func share(_ predicate: (HAProxyRecord) -> Bool) -> Double {
            Double(records.filter(predicate).count) / Double(records.count)
        }
        #expect(share { $0.path?.contains("/integrations/int-") == true } > 0.85)
        #expect((0.62...0.78).contains(share { $0.method == "GET" }))
        #expect((0.15...0.28).contains(share { $0.method == "POST" }))
        #expect(share { $0.method == "PUT" } > 0.02 && share { $0.method == "DELETE" } > 0.01)
        #expect(share { [200, 201, 204].contains($0.statusCode ?? 0) } > 0.9)
        let statuses = Set(records.compactMap(\.statusCode))
        #expect(statuses.isSuperset(of: [200, 201, 204, 301, 304, 400, 401, 403, 404, 429, 500, 502, 503, 504]))
        #expect(records.contains { $0.statusCode == nil })
        #expect((0.05...0.3).contains(share { $0.clientFamily == .ipv6 }))
        #expect(records.contains { $0.server == .noServer && $0.statusCode == 503 && $0.terminationState == "SC--" })
        #expect(Set(records.map(\.terminationState)).isSuperset(of: ["----", "CD--", "sD--", "SC--"]))
        #expect(records.contains { $0.connectTime == nil && $0.responseTime == nil })
        #expect(records.contains { $0.badRequest })
        #expect(records.contains { $0.redispatched })
        #expect(records.contains { $0.httpVersion == "HTTP/2.0" && $0.path?.hasPrefix("https://acct-") == true })
        #expect(share { $0.query != nil } > 0.05)
        #expect(share { $0.tls } > 0.99)
        #expect(share { $0.requestHeaders?.count == 2 } == 1)
        #expect(share { $0.requestHeaders?[1].isEmpty == true } > 0.03)
        let times = records.compactMap(\.responseTime).sorted()
        #expect(times[times.count / 2] < 100 && times[times.count * 999 / 1000] > 2000)
        let sizes = records.map(\.bytesRead).sorted()
        #expect(sizes[sizes.count / 2] < 5000 && sizes[sizes.count - 1] > 500_000)
    }

    @Test("options out of range are clear errors")
    func invalidOptions() {
        #expect(throws: SampleError.invalidOption("lines", "must be at least 1; got 0")) {
            try SampleGenerator(options: SampleOptions(lines: 0))
        }
        #expect(throws: SampleError.self) {
            try SampleGenerator(options: SampleOptions(lines: 1, malformedFraction: 2))
        }
        #expect(throws: SampleError.self) { try SampleGenerator(options: SampleOptions(lines: 1, accountCount: 0)) }
        #expect(throws: SampleError.self) { try SampleGenerator(options: SampleOptions(lines: 1, startTime: -1)) }
        #expect(throws: SampleError.self) {
            try SampleGenerator(options: SampleOptions(lines: 1, requestsPerSecond: .nan))
        }
        let description = SampleError.invalidOption("lines", "must be at least 1; got 0").description
        #expect(description == "sample option lines must be at least 1; got 0")
    }

    @Test("the generator's own pieces: dates, numbers, the random sequence")
    func pieces() {
        var date: [UInt8] = []
        SampleDate.appendHTTP(1_710_408_413_589, to: &date)
        #expect(String(decoding: date, as: UTF8.self) == "14/Mar/2024:09:26:53.589")
        date.removeAll()
        SampleDate.appendCLF(951_782_400_000, to: &date)
        #expect(String(decoding: date, as: UTF8.self) == "29/Feb/2000:00:00:00 +0000")
        var digits: [UInt8] = []
        digits.appendDecimal(-42)
        digits.appendDecimal(7, width: 3)
        digits.appendDecimal(Int.min)
        #expect(String(decoding: digits, as: UTF8.self) == "-42007-9223372036854775808")
        var hex: [UInt8] = []
        hex.appendHex(0)
        hex.appendHex(0xdb8)
        #expect(String(decoding: hex, as: UTF8.self) == "0db8")
        // SplitMix64's published first outputs for seed 0 pin the sequence on every platform.
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
    }
}

/// The gzip members of an object, found by inflating it a byte at a time and noting where each member ends;
/// -1 when it is not a whole gzip stream.
private func gzipMembers(_ object: [UInt8]) -> Int {
    let stream = GzipStream(outputSize: 4096)
    var members = 0
    for byte in object {
        do {
            try [byte].withUnsafeBytes { try stream.feed($0) { _ in } }
        } catch {
            return -1
        }
        if (try? stream.finish()) != nil { members += 1 }
    }
    return (try? stream.finish()) != nil ? members : -1
}
