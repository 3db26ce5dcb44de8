import Foundation
import SluiceProcessing
import Testing

@testable import SluiceProcessorKit

// A second log format, made up for these tests: `<epoch ms> <level> <message>`. It is not in the registry (the
// registry lists what manifests can name); it proves that the seam needs nothing HAProxy-shaped.

struct ToyRecord: Sendable {
    var time: Int64
    var level: String
    var message: String
}

enum ToyFormat: RecordFormat {
    static let id = LogFormatID.haproxyHTTP  // Unused: the toy format is never looked up by name.

    static func parse(_ line: ArraySlice<UInt8>) -> Result<ToyRecord, LineFailure> {
        let parts = line.split(separator: UInt8(ascii: " "), maxSplits: 2)
        guard parts.count == 3, let time = Int64(String(decoding: parts[0], as: UTF8.self)) else {
            return .failure(LineFailure("not a toy line"))
        }
        return .success(
            ToyRecord(
                time: time, level: String(decoding: parts[1], as: UTF8.self),
                message: String(decoding: parts[2], as: UTF8.self)))
    }

    static let fields: [RecordField<ToyRecord>] = [
        .init("level", .string, { .string($0.level) }),
        .init("time_ms", .bigint, { .int($0.time) }),
        .init("message", .string, { .string($0.message) }),
        // Declared as a string column below: its values are converted.
        .init("line_count", .int, { _ in .int(1) }),
    ]

    static func eventTime(_ record: ToyRecord) -> Int64? { record.time }
}

/// A transform of the toy record: the time as a timestamp, the message's length; an unknown column set through
/// a handle is dropped.
struct ToyTransform: RecordTransform {
    let at: ColumnHandle
    let length: ColumnHandle
    let nowhere: ColumnHandle

    init(columns: ColumnLayout) throws {
        at = try columns.require("at")
        length = try columns.require("length")
        nowhere = columns.handle("no_such_column")
    }

    func derive(_ record: ToyRecord, into row: inout Columns) throws(LineFailure) {
        if record.level == "DROP" { throw LineFailure("dropped") }
        row[at] = .timestamp(record.time)
        row[length] = .int(Int64(record.message.utf8.count))
        row[nowhere] = .string("lost")
        #expect(row[nowhere] == .null && !nowhere.isKnown)
    }
}

func toyConfig(columns: [ProcessorConfig.Column], format: LakeFormat = .json) -> ProcessorConfig {
    ProcessorConfig(
        pipeline: "toy", processor: "toy", eventRule: "toy", logFormat: .haproxyHTTP,
        input: .init(bucket: "in", prefix: "raw/", format: .lines),
        output: .init(
            bucket: "out", database: "db", table: "t", tablePrefix: "tables/t/", quarantinePrefix: "quarantine/t/",
            columns: columns, partitionKeys: [.init(name: "dt", type: .string)], format: format,
            compression: format.defaultCompression),
        enrichment: nil)
}

let toyColumns: [ProcessorConfig.Column] = [
    .init(name: "at", type: .timestamp), .init(name: "level", type: .string), .init(name: "line_count", type: .string),
    .init(name: "length", type: .bigint), .init(name: "time_ms", type: .bigint), .init(name: "unfilled", type: .date),
]

@Suite("The format seam: a second record type, columns by position")
struct FormatSeamTests {
    func rows() throws -> RecordRows<ToyFormat, ToyTransform> {
        let config = toyConfig(columns: toyColumns)
        let layout = ColumnLayout(config.output)
        return try RecordRows(config: config, layout: layout, transform: try ToyTransform(columns: layout))
    }

    /// Fields fill same-named columns of their type, `dt` is the event's day, a column nobody fills is null.
    @Test("a transform of another record type makes rows")
    func toyRows() throws {
        let rows = try rows()
        let outcome = rows.row(Array("1710408413589 WARN disk is full".utf8)[...]) { _, _ in .some(nil) }
        guard case .row(let row, let partition) = outcome else {
            Issue.record("no row: \(outcome)")
            return
        }
        #expect(partition == "dt=2024-03-14")
        #expect(
            row.values == [
                .timestamp(1_710_408_413_589), .string("WARN"), .string("1"), .int(12), .int(1_710_408_413_589), .null,
            ])
        // The next row reuses the values' storage: nothing of the first row is left in it.
        guard case .row(let second, let day) = rows.row(Array("86400000 INFO x".utf8)[...], answer: { _, _ in nil })
        else {
            Issue.record("no second row")
            return
        }
        #expect(day == "dt=1970-01-02" && second.values[1] == .string("INFO") && second.values[3] == .int(1))
        #expect(row.values[1] == .string("WARN"), "a row handed out keeps its values")
    }

    @Test("a parse failure and a transform failure quarantine the line with their reasons")
    func failures() throws {
        let rows = try rows()
        for (line, reason) in [("nonsense", "not a toy line"), ("5 DROP x", "dropped")] {
            guard case .failure(let failure) = rows.row(Array(line.utf8)[...], answer: { _, _ in nil }) else {
                Issue.record("\(line) made a row")
                continue
            }
            #expect(failure.reason == reason)
        }
    }

    @Test("a transform that requires a column the table lacks stops the processor at start, naming the column")
    func missingColumn() {
        let config = toyConfig(columns: toyColumns.filter { $0.name != "length" })
        #expect(throws: MissingColumn.self) { _ = try ToyTransform(columns: ColumnLayout(config.output)) }
        do {
            _ = try ObjectRun(config: config, transform: ToyTransform.self, enricher: nil)
            Issue.record("the run started")
        } catch {
            #expect("\(error)".contains("the transform sets column length, which the table does not declare"))
        }
    }

    @Test("a column named like a field whose values it cannot hold is refused at start, naming both")
    func fieldTypeMismatch() {
        var columns = toyColumns
        columns[4] = .init(name: "time_ms", type: .boolean)
        let config = toyConfig(columns: columns)
        let layout = ColumnLayout(config.output)
        do {
            _ = try RecordRows<ToyFormat, ToyTransform>(
                config: config, layout: layout, transform: try ToyTransform(columns: layout))
            Issue.record("the rows were made")
        } catch {
            #expect(
                "\(error)".hasPrefix(
                    "configuration: column time_ms is declared boolean, but the haproxy-http field time_ms gives "
                        + "bigint"))
        }
    }

    @Test("a transform whose record is not the format's is refused before any object is read")
    func recordMismatch() {
        // The configuration names haproxy-http, whose records are HAProxyRecords.
        do {
            _ = try ObjectRun(config: toyConfig(columns: toyColumns), transform: ToyTransform.self, enricher: nil)
            Issue.record("the run started")
        } catch {
            #expect(
                "\(error)"
                    == "configuration: log format haproxy-http gives HAProxyRecord records, and the transform "
                    + "ToyTransform reads ToyRecord")
        }
    }

    @Test("handles resolve names to positions once; the by-name convenience reads and writes the same values")
    func handlesAndNames() {
        let layout = ColumnLayout(columns: toyColumns, partitionKeys: [.init(name: "dt", type: .string)])
        #expect(layout.position(of: "level") == 1 && layout.position(of: "dt") == 6 && layout.position(of: "x") == nil)
        var row = Columns(
            layout: layout, values: Array(repeating: .null, count: 6), keys: Array(repeating: .null, count: 1))
        let level = layout.handle("level")
        row[level] = .string("INFO")
        row["dt"] = .string("2024-01-01")
        row["nothing"] = .int(1)
        #expect(row["level"] == .string("INFO") && row.string(level) == "INFO" && row[layout.handle("dt")] != .null)
        #expect(row.values.filter { $0 != .null }.count == 1 && row.keys == [.string("2024-01-01")])
        #expect(row["nothing"] == .null && !row.has("nothing") && row.has("unfilled"))
    }
}

@Suite("Choosing the writer from the configuration")
struct RowWriterChoiceTests {
    @Test("json with gzip writes json.gz; json with another codec and (until the Parquet merge) parquet are refused")
    func choice() throws {
        let writer = try RowWriters.make(format: .json, compression: .gzip, columns: toyColumns).get()
        #expect(writer.fileExtension == "json.gz")
        guard case .failure(let snappy) = RowWriters.make(format: .json, compression: .snappy, columns: toyColumns)
        else {
            Issue.record("json with snappy made a writer")
            return
        }
        #expect(snappy.description.contains("gzipped only"))
        for compression in LakeCompression.allCases {
            let parquet = try RowWriters.make(format: .parquet, compression: compression, columns: toyColumns).get()
            #expect(parquet.fileExtension == "parquet")
        }
    }

    @Test("a local run's --output-format, --compression and --input-format override the config; bad values fail")
    func localOverrides() throws {
        let config = toyConfig(columns: toyColumns, format: .parquet)
        let base = ["--input", "in.gz", "--output", "out"]
        let json = try ProcessorMain.LocalOptions(base + ["--output-format", "json"], usage: "usage")
        #expect(json.overriding(config).output.format == .json && json.overriding(config).output.compression == .gzip)
        let zstd = try ProcessorMain.LocalOptions(base + ["--compression", "zstd"], usage: "usage")
        let zstdOutput = zstd.overriding(config).output
        #expect(zstdOutput.format == .parquet && zstdOutput.compression == .zstd)
        let documents = try ProcessorMain.LocalOptions(base + ["--input-format", "cloudwatch-documents"], usage: "")
        #expect(documents.overriding(config).input.format == .cloudWatchDocuments)
        #expect(throws: ProcessorError.self) {
            _ = try ProcessorMain.LocalOptions(base + ["--input-format", "csv"], usage: "usage")
        }
        let none = try ProcessorMain.LocalOptions(base, usage: "usage")
        #expect(none.overriding(config) == config)
        #expect(throws: ProcessorError.self) {
            _ = try ProcessorMain.LocalOptions(base + ["--output-format", "csv"], usage: "usage")
        }
        #expect(throws: ProcessorError.self) {
            _ = try ProcessorMain.LocalOptions(base + ["--compression", "lz4"], usage: "usage")
        }
    }
}

@Suite("Lookup answers typed by their columns")
struct TypedLookupTests {
    @Test("Athena's text fills each lookup column as a value of the column's type; a null answer is null")
    func typedAnswers() throws {
        var typed = config
        typed.output.columns = [
            .init(name: "account_id", type: .string), .init(name: "since", type: .timestamp),
            .init(name: "renewal", type: .date), .init(name: "seats", type: .int),
            .init(name: "active", type: .boolean),
            .init(name: "score", type: .double), .init(name: "broken", type: .date),
        ]
        typed.enrichment!.lookups[0].columns = ["since", "renewal", "seats", "active", "score", "broken"]
        let layout = ColumnLayout(typed.output)
        let rows = try RecordRows<HAProxyHTTPFormat, HostTransform>(
            config: typed, layout: layout, transform: try HostTransform(columns: layout))
        let answer: [String: String?] = [
            "since": "2023-11-02 08:00:00.250", "renewal": "2025-01-31", "seats": "12", "active": "true",
            "score": "0.5", "broken": nil,
        ]
        guard case .row(let row, _) = rows.row(Array(line(1, account: "a-1").utf8)[...], answer: { _, _ in answer })
        else {
            Issue.record("no row")
            return
        }
        #expect(
            row.values == [
                .string("a-1"), .timestamp(1_698_912_000_250), .date(20119), .int(12), .bool(true), .double(0.5),
                .null,
            ])
    }

    @Test(
        "text that is not a value of the lookup column's type quarantines the line, naming column, text and type",
        arguments: [
            ("renewal", "31/01/2025", "column renewal is date and cannot hold the string \"31/01/2025\""),
            ("seats", "4294967296", "column seats is int and cannot hold the string \"4294967296\""),
            (
                "since", "2023-11-02 08:00:00.250 UTC",
                "column since is timestamp and cannot hold the string \"2023-11-02 08:00:00.250 UTC\""
            ),
        ])
    func untypedAnswer(column: String, text: String, reason: String) throws {
        var typed = config
        typed.output.columns = [
            .init(name: "account_id", type: .string), .init(name: "since", type: .timestamp),
            .init(name: "renewal", type: .date), .init(name: "seats", type: .int),
        ]
        typed.enrichment!.lookups[0].columns = ["since", "renewal", "seats"]
        let layout = ColumnLayout(typed.output)
        let rows = try RecordRows<HAProxyHTTPFormat, HostTransform>(
            config: typed, layout: layout, transform: try HostTransform(columns: layout))
        var answer: [String: String?] = ["since": "2023-11-02 08:00:00.250", "renewal": "2025-01-31", "seats": "12"]
        answer[column] = .some(text)
        let outcome = rows.row(Array(line(1, account: "a-1").utf8)[...], answer: { _, _ in answer })
        guard case .failure(let failure) = outcome else {
            Issue.record("made a row: \(outcome)")
            return
        }
        #expect(failure.reason == reason)
    }
}
