import Foundation
import SluiceProcessing
import Testing

@testable import SluiceProcessorKit

/// Issue 11's acceptance test: the example pipeline declared without Swift gives the same rows as its Swift
/// transform did (`ExampleSwiftTransform`), on the same sample object, line for line.
///
/// The declarations are the real manifest's: the configuration `sluice generate` compiled into the built
/// `IntegrationEnricher` (its `--print-config`; the golden tests keep that file in step with the manifest), so a
/// change to the manifest that alters rows fails here. The sample is `sluice sample`'s, malformed lines included.
@Suite("The example pipeline declared without Swift")
struct DeclaredExampleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The folder of the binaries built with this test bundle.
    static var binaries: URL { URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent() }

    static func run(_ executable: String, _ arguments: [String]) throws -> Data {
        let url = binaries.appendingPathComponent(executable)
        try #require(FileManager.default.isExecutableFile(atPath: url.path), "\(url.path) is not built")
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = root
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(executable) \(arguments) exited \(process.terminationStatus)")
        return data
    }

    /// The lines of a `sluice sample` object of the example.
    static func sampleLines(count: Int) throws -> [ArraySlice<UInt8>] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("declared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let object = folder.appendingPathComponent("sample.gz")
        _ = try run(
            "sluice",
            [
                "sample", "--root", root.path, "--pipeline", "integrations-usage", "--lines", String(count),
                "--seed", "11", "--output", object.path,
            ])
        let bytes = try Data(contentsOf: object)
        let stream = GzipStream()
        var text: [UInt8] = []
        try bytes.withUnsafeBytes { try stream.feed($0) { text.append(contentsOf: $0) } }
        try stream.finish()
        return text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).filter { !$0.isEmpty }
    }

    /// Every lookup answered, so that rows differ only by what the record gives.
    static func answer(_ lookup: String, _ key: String) -> [String: String?]?? {
        .some(
            .some([
                "account_name": "account \(key)", "account_plan": "plan", "integration_name": "integration \(key)",
                "integration_vendor": "vendor",
            ]))
    }

    /// Rows of `declared`'s declarations and of the Swift transform (on the same configuration without them), line
    /// by line, expected equal; the transform's own refusals expected refused by a required column. Returns the
    /// counts of rows, quarantined lines, and lines the transform itself refused.
    static func compare(_ lines: [ArraySlice<UInt8>], declared: ProcessorConfig) throws
        -> (rows: Int, quarantined: Int, derivedRefusals: Int)
    {
        // The Swift transform's configuration: no declarations, so the record's fields fill columns by name alone.
        var legacy = declared
        legacy.output.columns = declared.output.columns.map { .init(name: $0.name, type: $0.type) }
        legacy.output.partitionKeys = declared.output.partitionKeys.map { .init(name: $0.name, type: $0.type) }
        legacy.output.eventTime = nil
        let legacyLayout = ColumnLayout(legacy.output)
        let swift = try RecordRows<HAProxyHTTPFormat, ExampleSwiftTransform>(
            config: legacy, layout: legacyLayout, transform: try ExampleSwiftTransform(columns: legacyLayout))
        let layout = ColumnLayout(declared.output)
        let declarations = try RecordRows<HAProxyHTTPFormat, NoTransform<HAProxyRecord>>(
            config: declared, layout: layout, transform: NoTransform(columns: layout))
        var rows = 0
        var quarantined = 0
        var derivedRefusals = 0
        for (number, line) in lines.enumerated() {
            let expected = swift.row(line, answer: Self.answer)
            let actual = declarations.row(line, answer: Self.answer)
            switch (expected, actual) {
            case (.row(let a, let partitionA), .row(let b, let partitionB)):
                rows += 1
                #expect(a == b && partitionA == partitionB, "line \(number + 1): \(a) != \(b)")
            case (.failure(let a), .failure(let b)):
                quarantined += 1
                if a.reason.hasPrefix("no integration id") || a.reason.hasPrefix("no account") {
                    // The transform's own refusals: the declarations say which column and source instead.
                    derivedRefusals += 1
                    #expect(
                        b.reason.hasPrefix("column integration_id is required")
                            || b.reason.hasPrefix("column account_id is required"), "line \(number + 1): \(b.reason)")
                } else {
                    #expect(a == b, "line \(number + 1)")
                }
            default:
                Issue.record("line \(number + 1): the Swift transform gave \(expected), the declarations \(actual)")
            }
        }
        return (rows, quarantined, derivedRefusals)
    }

    /// The configuration compiled into the built example processor: the manifest's declarations.
    static func exampleConfig() throws -> ProcessorConfig {
        try JSONDecoder().decode(ProcessorConfig.self, from: try run("IntegrationEnricher", ["--print-config"]))
    }

    @Test("the same rows on lines made to reach every rule: absolute URIs, ports, short hosts, case, absent headers")
    func sameRowsOnEdgeCases() throws {
        let hosts = [
            "acct-1.api.example.com", "ACCT-9.Api.example.com:8443", "a.b", "", "localhost", "acct.x.y.z", "[::1]:80",
            ".a.b", "a..", "\u{c4}cct.api.example.com", "10.0.0.1:80",
        ]
        let targets = [
            "GET /integrations/int-1 HTTP/1.1", "GET /integrations/int-1/events?x=1 HTTP/1.1",
            "GET /integrations/ HTTP/1.1", "GET /status HTTP/1.1",
            "GET https://h.example.com/integrations/int-2/x HTTP/2.0", "GET /integrations//x HTTP/1.1",
            "POST /integrations/int.3:x/y HTTP/1.1", "GET https://h.example.com HTTP/2.0",
            "<BADREQ>", "CONNECT h.example.com:443 HTTP/1.1", "GET /v1/integrations/int-1 HTTP/1.1",
        ]
        var lines: [ArraySlice<UInt8>] = []
        for host in hosts {
            for user in ["", "u-000001"] {
                for target in targets {
                    let line =
                        "192.0.2.1:4862 [14/Mar/2024:09:26:53.589] www~ api/api-2 3/0/1/42/46 200 123 - - ---- "
                        + "1/1/1/1/0 0/0 {\(host)|\(user)} \"\(target)\""
                    lines.append(Array(line.utf8)[...])
                }
            }
        }
        let (rows, _, derivedRefusals) = try Self.compare(lines, declared: try Self.exampleConfig())
        #expect(rows > 20 && derivedRefusals > 100, "\(rows) rows, \(derivedRefusals) refused by the transform")
    }

    @Test("rows and quarantine are those of the Swift transform, line for line, on a sample object")
    func sameRowsAsTheSwiftTransform() throws {
        let declared = try Self.exampleConfig()
        #expect(declared.logFormat == .haproxyHTTP)
        let columns = Dictionary(uniqueKeysWithValues: declared.output.columns.map { ($0.name, $0) })
        #expect(columns["integration_id"]?.source?.template != nil, "the example declares its integration_id")
        let lines = try Self.sampleLines(count: 30000)
        #expect(lines.count == 30000)
        let (rows, quarantined, _) = try Self.compare(lines, declared: declared)
        #expect(rows > 29000 && quarantined > 0, "\(rows) rows, \(quarantined) quarantined")
    }
}
