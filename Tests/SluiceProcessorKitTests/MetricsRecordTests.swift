import Foundation
import SluiceFormats
import SluiceJSON
import SluiceProcessing
import Testing

@testable import SluiceProcessorKit

/// CloudWatch's units (MetricDatum's `Unit`), which an EMF record's units must be one of.
let cloudWatchUnits: Set<String> = [
    "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes", "Bits",
    "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second", "Kilobytes/Second",
    "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second", "Megabits/Second",
    "Gigabits/Second", "Terabits/Second", "Count/Second", "None",
]

/// A record's line, parsed back with Sluice's strict decoder, and its one metric directive.
struct ParsedRecord {
    let root: [String: JSONValue]
    let directive: [String: JSONValue]

    init(_ line: String) throws {
        #expect(!line.contains("\n"), "one line")
        root = try #require(try JSONValue(parsing: Array(line.utf8)).objectValue)
        let metadata = try #require(root["_aws"]?.objectValue)
        #expect(Set(metadata.keys) == ["Timestamp", "CloudWatchMetrics"])
        let directives = try #require(metadata["CloudWatchMetrics"]?.arrayValue)
        #expect(directives.count == 1)
        directive = try #require(directives.first?.objectValue)
    }

    var timestamp: Int? { root["_aws"]?["Timestamp"]?.intValue }

    /// Each metric the directive names, with its unit, in order.
    var metrics: [(name: String, unit: String)] {
        (directive["Metrics"]?.arrayValue ?? []).map {
            ($0["Name"]?.stringValue ?? "?", $0["Unit"]?.stringValue ?? "?")
        }
    }

    func value(_ metric: ProcessorMetric) -> Int? { root[metric.name]?.intValue }
}

@Suite("The metrics record (CloudWatch Embedded Metric Format)")
struct MetricsRecordTests {
    let time = Date(timeIntervalSince1970: 1_733_011_200.5)

    func run() throws -> ObjectRun<HostTransform> {
        try ObjectRun(
            config: config, transform: HostTransform.self,
            enricher: Enricher(
                lookups: config.enrichment!.lookups, cache: LookupCache(ttl: 60), resolver: CountingResolver()))
    }

    @Test("a clean run: the catalog's namespace, one dimension set, every metric once with its unit and value")
    func cleanRun() async throws {
        let text = [line(1, account: "a-1"), line(2, account: "a-2"), "junk"].joined(separator: "\n")
        let bytes = gzipped(text)
        let outcome = try await run().run(
            inputKey: "raw/web/2024/03/14/web-1.gz", source: MemorySource(bytes: bytes), store: MemoryStore())
        let record = MetricsRecord(
            config: config, outcome: outcome, object: "raw/web/2024/03/14/web-1.gz", requestID: "req-1",
            duration: .milliseconds(1234), at: time)
        let parsed = try ParsedRecord(record.line)
        #expect(parsed.timestamp == 1_733_011_200_500)
        #expect(parsed.directive["Namespace"] == .string("Sluice"))
        #expect(parsed.directive["Dimensions"] == [["Pipeline", "Table"]])
        #expect(Set(parsed.directive.keys) == ["Namespace", "Dimensions", "Metrics"])
        #expect(parsed.metrics.map(\.name) == ProcessorMetric.allCases.map(\.name))
        for (name, unit) in parsed.metrics {
            let metric = try #require(ProcessorMetric(rawValue: name))
            #expect(unit == metric.unit && cloudWatchUnits.contains(unit), "\(name)")
        }
        #expect(parsed.root["Pipeline"] == "web" && parsed.root["Table"] == "requests")
        #expect(parsed.root["Object"] == "raw/web/2024/03/14/web-1.gz" && parsed.root["RequestId"] == "req-1")
        #expect(parsed.root["Status"] == "processed")
        let summary = outcome.summary
        #expect(summary.lines == 3 && summary.rows == 2 && summary.quarantined == 1)
        let expected: [ProcessorMetric: Int] = [
            .lines: 3, .rows: 2, .quarantined: 1, .bytesIn: bytes.count, .bytesOut: summary.bytesOut,
            .lookupQueries: 1, .damagedObjects: 0, .objects: 1, .duration: 1234,
        ]
        #expect(summary.bytesOut > 0)
        for metric in ProcessorMetric.allCases { #expect(parsed.value(metric) == expected[metric], "\(metric)") }
        // Nothing else at the root: the record stays small.
        let names = Set(ProcessorMetric.allCases.map(\.name))
        #expect(
            Set(parsed.root.keys).subtracting(names) == ["_aws", "Pipeline", "Table", "Object", "Status", "RequestId"])
    }

    @Test("lookups: LookupQueries counts the batches a cold container ran, and a warm one runs none")
    func lookupRounds() async throws {
        let cache = LookupCache(ttl: 60)
        var made = try ObjectRun(
            config: config, transform: HostTransform.self,
            enricher: Enricher(lookups: config.enrichment!.lookups, cache: cache, resolver: CountingResolver()))
        made.deferLimit = 1024
        let text = (0..<400).map { line($0, account: "a-\($0)") }.joined(separator: "\n")
        let cold = try await made.run(
            inputKey: "raw/web/cold.gz", source: MemorySource(bytes: gzipped(text)), store: MemoryStore())
        #expect(cold.lookupRounds >= 1)
        let coldRecord = try ParsedRecord(
            MetricsRecord(config: config, outcome: cold, object: "cold", requestID: nil, duration: .zero).line)
        #expect(coldRecord.value(.lookupQueries) == cold.lookupRounds && coldRecord.value(.rows) == 400)
        #expect(coldRecord.root["RequestId"] == nil, "a local run has no request id")
        let warm = try await made.run(
            inputKey: "raw/web/warm.gz", source: MemorySource(bytes: gzipped(text)), store: MemoryStore())
        let warmRecord = try ParsedRecord(
            MetricsRecord(config: config, outcome: warm, object: "warm", requestID: nil, duration: .zero).line)
        #expect(warmRecord.value(.lookupQueries) == 0 && warmRecord.value(.objects) == 1)
    }

    @Test("a damaged object counts as one damaged object, its readable lines still counted")
    func damagedRun() async throws {
        let whole = gzipped([line(1, account: "a-1"), line(2, account: "a-1")].joined(separator: "\n"))
        let bytes = whole + Array("not gzip at all".utf8)
        let outcome = try await run().run(
            inputKey: "raw/web/bad.gz", source: MemorySource(bytes: bytes), store: MemoryStore())
        #expect(outcome.summary.damaged)
        let parsed = try ParsedRecord(
            MetricsRecord(config: config, outcome: outcome, object: "raw/web/bad.gz", requestID: "r", duration: .zero)
                .line)
        #expect(parsed.value(.damagedObjects) == 1 && parsed.value(.objects) == 1)
        #expect(parsed.value(.rows) == 2 && parsed.value(.bytesIn) == bytes.count)
        #expect(parsed.root["Status"] == "damaged")
    }

    @Test("a run whose writer rejected values is recorded as rejected")
    func rejectedRun() throws {
        var summary = RunSummary()
        summary.lines = 5
        summary.rows = 5
        summary.rejectedValues = 2
        let record = MetricsRecord(
            config: config, summary: summary, lookupRounds: 0, object: "k", requestID: nil, duration: .seconds(2),
            at: time)
        let parsed = try ParsedRecord(record.line)
        #expect(parsed.root["Status"] == "rejected" && parsed.value(.rows) == 5 && parsed.value(.duration) == 2000)
        #expect(parsed.value(.damagedObjects) == 0)
    }

    @Test(
        "hostile pipeline, table and key strings are escaped: the line parses back to the same strings",
        arguments: [
            ("we\"b", "re\\quests", "raw/web/\"},\"Rows\":99,\"x\":{\"a\":\"1.gz"),
            ("web\n{\"_aws\":1}", "t\u{0}\u{1F}\u{7F}", "raw/web/line\nbreak\r\ttab.gz"),
            ("wëb-ü", "表", "raw/web/\u{2028}\u{2029}\u{1F600}.gz"),
        ])
    func hostileStrings(pipeline: String, table: String, key: String) throws {
        var hostile = config
        hostile.pipeline = pipeline
        hostile.output.table = table
        var summary = RunSummary()
        summary.rows = 7
        let record = MetricsRecord(
            config: hostile, summary: summary, lookupRounds: 0, object: key, requestID: "id\"\n", duration: .zero,
            at: time)
        let parsed = try ParsedRecord(record.line)
        #expect(parsed.root["Pipeline"] == .string(pipeline) && parsed.root["Table"] == .string(table))
        #expect(parsed.root["Object"] == .string(key) && parsed.root["RequestId"] == "id\"\n")
        #expect(parsed.value(.rows) == 7 && parsed.metrics.count == ProcessorMetric.allCases.count)
    }

    @Test("durations are whole milliseconds, rounded down; the timestamp is milliseconds since the epoch")
    func units() {
        #expect(MetricsRecord.milliseconds(.milliseconds(1500)) == 1500)
        #expect(MetricsRecord.milliseconds(.microseconds(2999)) == 2)
        #expect(MetricsRecord.milliseconds(.seconds(3) + .nanoseconds(999_999)) == 3000)
        let record = MetricsRecord(
            config: config, summary: RunSummary(), lookupRounds: 0, object: "k", requestID: nil, duration: .zero,
            at: Date(timeIntervalSince1970: 1_700_000_000.25))
        #expect(record.timestamp == 1_700_000_000_250)
    }
}
