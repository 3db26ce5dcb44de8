import SluiceFormats
import SluiceProcessing
import Testing

@testable import SluiceProcessorKit

/// A transform that derives nothing: the table's columns come from the record.
struct FieldsOnly: RecordTransform {
    init(columns: ColumnLayout) throws {}
    func derive(_ record: HAProxyRecord, into row: inout Columns) throws(LineFailure) {}
}

/// HAProxy lines a logger cut, through the processor: what a table keeps depends on the columns it reads.
@Suite("Lines cut by the logger, through the processor")
struct TruncatedLineTests {
    static let whole =
        #"192.0.2.10:48620 [14/Mar/2024:09:26:53.589] www~ api/api-2 3/0/1/42/46 200 1873 - - ---- 12/10/3/1/0 0/0 "#
        + #""GET /v1/orders?limit=20&page=3 HTTP/1.1""#
    /// Cut inside the request line, as HAProxy's 1024-byte limit cuts a long URL.
    static let cutInRequest = String(whole.prefix(whole.count - 10))
    /// Cut inside the counters, before the request (a long syslog prefix, long names).
    static let cutInCounters = String(whole[..<whole.firstRange(of: "/1/0 0/0")!.lowerBound])

    func rows(_ columns: [ProcessorConfig.Column]) throws -> RecordRows<HAProxyHTTPFormat, FieldsOnly> {
        let config = toyConfig(columns: columns)
        let layout = ColumnLayout(config.output)
        return try RecordRows(config: config, layout: layout, transform: try FieldsOnly(columns: layout))
    }

    @Test("a table of fields before the cut keeps the row, with the truncated flag and the partial path")
    func keptRow() throws {
        let rows = try rows([
            .init(name: "status", type: .int), .init(name: "bytes_read", type: .bigint),
            .init(name: "total_time_ms", type: .int), .init(name: "path", type: .string),
            .init(name: "query", type: .string), .init(name: "http_version", type: .string),
            .init(name: "truncated", type: .boolean),
        ])
        guard case .row(let row, let partition) = rows.row(Array(Self.cutInRequest.utf8)[...], answer: { _, _ in nil })
        else {
            Issue.record("the cut line made no row")
            return
        }
        #expect(partition == "dt=2024-03-14")
        #expect(
            row.values == [
                .int(200), .int(1873), .int(46), .string("/v1/orders"), .string("limit=20&page=3"), .null, .bool(true),
            ])
        guard case .row(let wholeRow, _) = rows.row(Array(Self.whole.utf8)[...], answer: { _, _ in nil }) else {
            Issue.record("the whole line made no row")
            return
        }
        #expect(wholeRow.values.last == .bool(false) && wholeRow.values[5] == .string("HTTP/1.1"))
    }

    /// Every column the table declares is read through the format's reader (`RecordFormat.reader`): the line is
    /// kept when every read succeeds, and quarantined with the first failure's reason otherwise.
    func table(_ columns: [(String, ColumnType)], line: String) throws -> Result<[Row.Value], LineFailure> {
        let readers = try columns.map { name, type in
            try HAProxyHTTPFormat.reader(FieldPath(key: name), for: type)
        }
        let record = try HAProxyHTTPFormat.parse(Array(line.utf8)[...]).get()
        var values: [Row.Value] = []
        for reader in readers {
            switch reader.read(record) {
            case .success(let value): values.append(value)
            case .failure(let failure): return .failure(failure)
            }
        }
        return .success(values)
    }

    @Test("a table reading only fields before the cut keeps the row; one reading a field cut away quarantines it")
    func readers() throws {
        let before = try table(
            [("frontend", .string), ("total_time_ms", .int), ("status", .int), ("active_connections", .int)],
            line: Self.cutInCounters)
        #expect(try before.get() == [Row.Value.string("www"), .int(46), .int(200), .int(12)])

        let after = try table([("status", .int), ("path", .string)], line: Self.cutInCounters)
        guard case .failure(let failure) = after else {
            Issue.record("a table reading a cut-away path kept the line")
            return
        }
        #expect(failure == HAProxyHTTPFormat.cutAwayFailure("path"))
        #expect(failure.reason == "line cut by the logger before path, which the table reads")

        // The counter the line ends in may be cut short: it is cut away too, not read as a smaller number.
        let counter = try table([("backend_connections", .int)], line: Self.cutInCounters)
        #expect(counter == .failure(HAProxyHTTPFormat.cutAwayFailure("backend_connections")))

        // Cut inside the request line: its parts not logged are plain nulls, not cut away.
        let request = try table(
            [("method", .string), ("path", .string), ("http_version", .string), ("$truncated", .boolean)],
            line: Self.cutInRequest)
        #expect(try request.get() == [Row.Value.string("GET"), .string("/v1/orders"), .null, .bool(true)])

        // A whole line is read whole, and `$truncated` is false.
        let whole = try table([("path", .string), ("$truncated", .boolean)], line: Self.whole)
        #expect(try whole.get() == [Row.Value.string("/v1/orders"), .bool(false)])
    }

    @Test("a line cut before its accept date is quarantined by the processor, the reason saying so")
    func refused() throws {
        let rows = try rows([.init(name: "status", type: .int)])
        guard
            case .failure(let failure) = rows.row(Array("192.0.2.10:48620 [14/Mar".utf8)[...], answer: { _, _ in nil })
        else {
            Issue.record("made a row")
            return
        }
        #expect(failure.reason.contains("truncated:accept_date") && failure.reason.contains("cut by the logger"))
    }
}
