import Testing

@testable import SluiceProcessing

@Suite("The log format registry")
struct FormatRegistryTests {
    @Test("every format name has a parser answering to it, and no two parsers share a name")
    func everyNameHasItsParser() {
        for id in LogFormatID.allCases {
            #expect(LogFormats.format(id).id == id, "\(id.rawValue)")
        }
        let registered = LogFormats.all.map { $0.id }
        #expect(registered == LogFormatID.allCases)
        #expect(Set(registered).count == registered.count)
    }

    @Test("each format's fields have distinct names")
    func fieldNames() {
        for format in LogFormats.all {
            let names = fieldNames(format)
            // JSON alone has no fixed fields: its columns name paths.
            #expect(names.isEmpty == (format.id == .json) && Set(names).count == names.count, "\(format.id.rawValue)")
        }
    }

    private func fieldNames<Format: RecordFormat>(_: Format.Type) -> [String] { Format.fields.map(\.name) }

    /// Its event time is the accept date, and every field gives values of its declared type.
    @Test(
        "each HAProxy layout parses through the registry",
        arguments: [(LogFormatID.haproxyHTTP, HAProxyLines.http), (.haproxyCLF, HAProxyLines.clf)])
    func haproxyThroughTheRegistry(id: LogFormatID, line: String) throws {
        let format = try #require(LogFormats.format(id) as? any HAProxyRecordFormat.Type)
        try check(format, line: line)
    }

    private func check<Format: HAProxyRecordFormat>(_: Format.Type, line: String) throws {
        let record = try Format.parse(Array(line.utf8)[...]).get()
        #expect(Format.eventTime(record) == HAProxyLines.timestamp)
        #expect(record.format == Format.layout)
        for field in Format.fields {
            #expect(Self.value(field.value(record), is: field.type), "\(field.name)")
        }
    }

    @Test("a line of the other layout fails with the format's name in the reason")
    func failureNamesTheFormat() {
        guard case .failure(let failure) = HAProxyCLFFormat.parse(Array(HAProxyLines.http.utf8)[...]) else {
            Issue.record("an httplog line parsed as CLF")
            return
        }
        #expect(failure.reason.hasPrefix("not an HAProxy haproxy-clf line: "))
    }

    static func value(_ value: Row.Value, is type: ColumnType) -> Bool {
        switch (value, type) {
        case (.null, _), (.string, .string), (.int, .int), (.int, .bigint), (.double, .double), (.bool, .boolean),
            (.timestamp, .timestamp), (.date, .date):
            true
        default: false
        }
    }
}

@Suite("Record type names for Transform.swift")
struct RecordTypeNameTests {
    /// `sluice generate` writes `func derive(_ record: <name>, ...)` and `sluice check` compares an existing
    /// transform's with it: the manifest side cannot see the types, so the names are listed and checked here.
    @Test("every registered format's Record is named as LogFormatID.recordTypeName says")
    func recordTypeNames() {
        for id in LogFormatID.allCases {
            #expect(recordName(LogFormats.format(id)) == id.recordTypeName, "\(id.rawValue)")
        }
    }

    private func recordName<Format: RecordFormat>(_: Format.Type) -> String { "\(Format.Record.self)" }
}
