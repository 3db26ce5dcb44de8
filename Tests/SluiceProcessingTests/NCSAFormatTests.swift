import Testing

@testable import SluiceProcessing

/// `combined` and `common` through the format registry: names, fields, event time, proposed columns.
@Suite("NCSA formats in the registry")
struct NCSAFormatTests {
    @Test("the manifest's names reach the NCSA formats")
    func registry() {
        #expect(LogFormats.format(.combined) is NCSACombinedFormat.Type)
        #expect(LogFormats.format(.common) is NCSACommonFormat.Type)
        #expect(LogFormatID(rawValue: "combined") == .combined && LogFormatID(rawValue: "common") == .common)
    }

    @Test(
        "each format parses through the registry: event time, every field of its declared type, in line order",
        arguments: [(LogFormatID.combined, NCSALines.apache), (.common, NCSALines.apacheCommon)])
    func throughTheRegistry(id: LogFormatID, line: String) throws {
        let format = try #require(LogFormats.format(id) as? any NCSARecordFormat.Type)
        try check(format, line: line)
    }

    private func check<Format: NCSARecordFormat>(_: Format.Type, line: String) throws {
        let record = try Format.parse(Array(line.utf8)[...]).get()
        #expect(Format.eventTime(record) == NCSALines.apacheTimestamp)
        for field in Format.fields {
            #expect(FormatRegistryTests.value(field.value(record), is: field.type), "\(field.name)")
        }
        let names = Format.namedValues(record).values.map(\.column)
        #expect(
            names == [
                "client_address", "client_family", "ident", "user", "time_local", "timestamp", "request", "method",
                "path", "query", "http_version", "status", "bytes_sent", "referer", "user_agent", "extra", "truncated",
            ])
        let values = Dictionary(uniqueKeysWithValues: Format.namedValues(record).values.map { ($0.column, $0.value) })
        #expect(values["timestamp"] == .timestamp(NCSALines.apacheTimestamp))
        #expect(values["status"] == .int(200) && values["bytes_sent"] == .int(2326))
        #expect(values["truncated"] == .bool(false) && values["ident"] == .null && values["user"] == .string("frank"))
    }

    @Test(
        "the proposed columns are valid Glue names, and each fills from the record by name or `from:` with its type",
        arguments: [LogFormatID.combined, .common])
    func proposedColumns(id: LogFormatID) throws {
        let format = try #require(LogFormats.format(id) as? any NCSARecordFormat.Type)
        try checkProposed(format)
    }

    private func checkProposed<Format: NCSARecordFormat>(_: Format.Type) throws {
        let line = Format.layout == .combined ? NCSALines.apache : NCSALines.apacheCommon
        let record = try Format.parse(Array(line.utf8)[...]).get()
        let columns = Format.proposedColumns([record])
        #expect(Set(columns.map(\.name)).count == columns.count)
        for column in columns {
            #expect(
                column.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" } && column.name.first!.isLetter)
            // Reserved words in Athena's DDL are avoided.
            #expect(!["timestamp", "user", "date", "time"].contains(column.name), "\(column.name)")
            let reader = try Format.reader(FieldPath(key: column.from ?? column.name), for: column.type)
            let value = try reader.read(record).get()
            #expect(FormatRegistryTests.value(value, is: column.type), "\(column.name)")
            // The example line has every proposed field but a query.
            #expect((value == .null) == (column.name == "query"), "\(column.name)")
            #expect((column.comment?.count ?? 0) <= 255)
        }
        let names = columns.map(\.name)
        #expect(names.contains("requested_at") && names.contains("status") && names.contains("path"))
        let requestedAt = try Format.reader(FieldPath(key: "timestamp"), for: .timestamp).read(record).get()
        #expect(requestedAt == .timestamp(NCSALines.apacheTimestamp))
        #expect(!names.contains("ident") && !names.contains("extra") && !names.contains("truncated"))
        #expect(names.contains("user_agent") == (Format.layout == .combined))
    }

    @Test("a column naming no NCSA field is refused, listing the fields")
    func unknownField() {
        #expect(throws: FieldResolutionError.self) {
            try NCSACombinedFormat.reader(FieldPath(key: "accept_date"), for: .string)
        }
        do throws(FieldResolutionError) {
            _ = try NCSACombinedFormat.reader(FieldPath(key: "accept_date"), for: .string)
        } catch {
            #expect(error.message.contains("combined records have no field \"accept_date\""))
            #expect(error.message.contains("user_agent"))
        }
    }
}
