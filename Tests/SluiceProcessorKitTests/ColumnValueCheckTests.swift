import Foundation
import SluiceParquet
import SluiceProcessing
import Testing

@testable import SluiceProcessorKit

/// A transform that sets, by the order number in the request path, a value of the wrong kind or out of range
/// for its column (what a mistaken Transform.swift does); order 0 sets every column right.
struct WrongKindTransform: RecordTransform {
    let small: ColumnHandle
    let at: ColumnHandle
    let count: ColumnHandle
    let ratio: ColumnHandle
    let label: ColumnHandle
    let day: ColumnHandle

    init(columns: ColumnLayout) throws {
        small = try columns.require("small")
        at = try columns.require("at")
        count = try columns.require("count")
        ratio = try columns.require("ratio")
        label = try columns.require("label")
        day = try columns.require("day")
    }

    /// What each order sets, after the right values of order 0.
    static let wrong: [Int: (column: String, value: Row.Value)] = [
        1: ("small", .int(1 << 32)),
        2: ("at", .string("2024-03-14 09:26:53.589")),
        3: ("count", .double(0.5)),
        4: ("ratio", .int(7)),  // An integer in a double column: held, as the double 7.
        5: ("ratio", .double(.nan)),
        6: ("label", .bool(true)),
        7: ("at", .string(String(repeating: "é", count: 100))),
        8: ("day", .timestamp(0)),
        9: ("small", .int(-(1 << 31))),  // Int32.min: held.
        10: ("ratio", .int(1 << 53 + 1)),
    ]

    func derive(_ record: HAProxyRecord, into row: inout Columns) throws(LineFailure) {
        row[small] = .int(5)
        row[at] = .timestamp(record.acceptTimestamp)
        row[count] = .int(1 << 40)
        row[ratio] = .double(0.25)
        row[label] = .string("ok")
        row[day] = .date(19796)
        let order = Int(record.bytesRead)
        guard let (column, value) = Self.wrong[order] else { return }
        row[row.layout.handle(column)] = value
    }
}

let wrongKindColumns: [ProcessorConfig.Column] = [
    .init(name: "small", type: .int), .init(name: "at", type: .timestamp), .init(name: "count", type: .bigint),
    .init(name: "ratio", type: .double), .init(name: "label", type: .string), .init(name: "day", type: .date),
]

func wrongKindConfig(_ format: LakeFormat) -> ProcessorConfig {
    var typed = config
    typed.enrichment = nil
    typed.output.columns = wrongKindColumns
    typed.output.format = format
    typed.output.compression = format.defaultCompression
    return typed
}

/// The reason each wrong order's line is quarantined with.
let wrongKindReasons: [Int: String] = [
    1: "column small is int and cannot hold the integer 4294967296 (beyond 32 bits)",
    2: "column at is timestamp and cannot hold the string \"2024-03-14 09:26:53.589\"",
    3: "column count is bigint and cannot hold the double 0.5",
    5: "column ratio is double and cannot hold the double nan (JSON has no NaN or infinity)",
    6: "column label is string and cannot hold the boolean true",
    7: "column at is timestamp and cannot hold the string \"\(String(repeating: "é", count: 64))\"... (200 bytes)",
    8: "column day is date and cannot hold the timestamp 1970-01-01 00:00:00.000",
    10: "column ratio is double and cannot hold the integer 9007199254740993 (no double is exactly it)",
]

@Suite("Values checked against their columns' types before the writer")
struct ColumnValueCheckTests {
    @Test("a value its column cannot hold quarantines the line, naming the column, the value and the type")
    func reasons() throws {
        let typed = wrongKindConfig(.json)
        let layout = ColumnLayout(typed.output)
        let rows = try RecordRows<HAProxyHTTPFormat, WrongKindTransform>(
            config: typed, layout: layout, transform: try WrongKindTransform(columns: layout))
        for order in 0...10 {
            let outcome = rows.row(Array(line(order, account: "a").utf8)[...]) { _, _ in nil }
            switch (outcome, wrongKindReasons[order]) {
            case (.failure(let failure), let reason?): #expect(failure.reason == reason)
            case (.row(let row, _), nil):
                if order == 4 { #expect(row.values[3] == .double(7), "an integer in a double column is a double") }
                if order == 9 { #expect(row.values[0] == .int(-(1 << 31))) }
            default: Issue.record("order \(order): \(outcome)")
            }
        }
    }

    @Test(
        "both formats hold the same rows and quarantine the same lines; the writers reject nothing",
        arguments: [
            LakeFormat.json, .parquet,
        ])
    func bothFormats(format: LakeFormat) async throws {
        let text = (0...10).map { line($0, account: "a") }.joined(separator: "\n")
        let store = MemoryStore()
        let run = try ObjectRun(config: wrongKindConfig(format), transform: WrongKindTransform.self, enricher: nil)
        let outcome = try await run.run(
            inputKey: "raw/web/typed.gz", source: MemorySource(bytes: gzipped(text)), store: store)
        let summary = outcome.summary
        #expect(summary.lines == 11 && summary.rows == 3 && summary.quarantined == 8 && summary.balanced)
        #expect(summary.rejectedValues == 0 && summary.firstRejection == nil)
        #expect(summary.json().contains("\"rejected_values\":0,\"damage\""))
        let quarantine = try rows(try #require(store.objects["quarantine/requests/typed.json.gz"]))
        let reasons = Dictionary(
            uniqueKeysWithValues: quarantine.map { ($0["line"] as? Int ?? 0, $0["reason"] as? String ?? "") })
        #expect(reasons == Dictionary(uniqueKeysWithValues: wrongKindReasons.map { ($0 + 1, $1) }))
        let key = "tables/requests/dt=2024-03-14/typed.\(format == .json ? "json.gz" : "parquet")"
        let bytes = try #require(store.objects[key])
        switch format {
        case .json:
            let written = try rows(bytes)
            #expect(written.map { $0["ratio"] as? Double } == [0.25, 7, 0.25])
        case .parquet:
            #expect(try ParquetFileCheck.check(bytes).rows == 3)
        }
    }
}

@Suite("The writer's rejections, the second line of defence, in the run summary")
struct WriterRejectionTests {
    @Test("a wrong value that reaches the Parquet writer is counted in the summary and fails the run")
    func counted() throws {
        let writer = try RowWriters.make(format: .parquet, compression: .snappy, columns: wrongKindColumns).get()
        // Straight to the processor, past the row check: what a bug in it would let through.
        let processor = ObjectProcessor(
            inputKey: "raw/x.gz", format: .lines, keys: OutputKeys(tablePrefix: "t/", quarantinePrefix: "q/"),
            writer: writer
        ) { _, _ in .success((Row([.int(1 << 32), .null, .null, .null, .null, .null]), "dt=2024-01-01")) }
        let object = gzipped("one\ntwo")
        object.withUnsafeBytes { processor.feed($0) }
        let summary = processor.finish().summary
        #expect(summary.rows == 2 && summary.rejectedValues == 2)
        #expect(summary.firstRejection == "column small: 4294967296 does not fit an int (32 bits)")
        #expect(summary.json().contains("\"rejected_values\":2,\"first_rejection\":\"column small: 4294967296"))
        let message = try #require(ProcessorMain.rejectionMessage(summary))
        #expect(message.hasPrefix("2 values written as null because their columns cannot hold them (first: column"))
        #expect(ProcessorMain.rejectionMessage(RunSummary()) == nil)
    }
}
