import Foundation
import SluiceModel
import SluiceProcessing
import Testing

@testable import SluiceCommands
@testable import SluiceEmit

private func draft(
    name: String = "web-access", logGroup: String = "/web-access", columns: [ProposedColumn]? = nil,
    needsEventTime: Bool = false
) -> ManifestDraft {
    ManifestDraft(
        name: name, format: .haproxyHTTP, sourceAccount: "production", analyticsAccount: "analytics",
        logGroup: logGroup, transform: .declarations,
        columns: columns ?? [ProposedColumn(name: "status", type: .int), ProposedColumn(name: "path", type: .string)],
        needsEventTime: needsEventTime, detection: nil)
}

/// Strings a sample log or a flag could hold that would break YAML written naively.
let hostileTexts = [
    "a\"b", "x\\y", "line\nbreak", "cr\rlf", "#not a comment", "key: value", "- item", "{ flow: 1 }", "[1, 2]", "yes",
    "No", "null", "~", "", "123", "0x1F", "1e3", ".inf", "'single", "&anchor", "*alias", "!tag", "%directive", "@at",
    "`tick`", "  spaces  ", "tab\there", "sep\u{2028}arator", "next\u{85}line", "\u{FEFF}bom", "nul\u{0}byte",
    "del\u{7F}", "emoji 😀", "---", "...", "? key", "|\n  block", ">-", "a #b", "a: b # c",
]

@Suite("sluice new pipeline's manifest")
struct NewPipelineTests {
    @Test("every hostile string round-trips as a scalar, and stays one comment line in a comment")
    func hostileScalars() throws {
        for text in hostileTexts {
            var diagnostics = Diagnostics()
            var columns = [ProposedColumn(name: text, type: .string, comment: "e.g. \(text)")]
            columns.append(ProposedColumn(name: "status", type: .int, comment: text))
            var manifest = draft(logGroup: text, columns: columns)
            manifest.examples = [text: text, "status": "\(text)\n- { name: injected, type: int }"]
            let yaml = manifest.manifest()
            #expect(!yaml.contains("\n- { name: injected"))
            let pipeline = PipelineDecoder.decode(yaml, path: "pipelines/web-access.yaml", diagnostics: &diagnostics)
            #expect(diagnostics.all.isEmpty, "\(text.debugDescription): \(diagnostics.sorted)")
            // The YAML reader drops a byte order mark even where it is escaped: the only character not read back.
            let expected = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\u{FEFF}" }))
            #expect(pipeline?.source.logGroup == expected, "\(text.debugDescription)")
            #expect(pipeline?.processor.output.columns.map(\.name) == [expected, "status"], "\(text.debugDescription)")
        }
    }

    @Test("a JSON key starting with a byte order mark reads back through the manifest as that key")
    func byteOrderMarkKey() throws {
        // Review: `from: "\uFEFFid"` read back as `id` (the YAML reader drops a scalar's leading BOM), a key the
        // lines do not have: the column was null on every row.
        let record = try JSONFormat.parse(Array(#"{"\ufeffid":"x","a":{"\ufeffb":1}}"#.utf8)[...]).get()
        let yaml = draft(columns: JSONFormat.proposedColumns([record])).manifest()
        var diagnostics = Diagnostics()
        let pipeline = PipelineDecoder.decode(yaml, path: "pipelines/web-access.yaml", diagnostics: &diagnostics)
        let paths = try #require(pipeline).processor.output.columns.compactMap(\.source?.from).map {
            try FieldPath(parsing: $0).steps
        }
        #expect(paths == [[.key("\u{FEFF}id")], [.key("a"), .key("\u{FEFF}b")], [.key("$truncated")]])
    }

    @Test("plain where YAML reads the text back as itself, quoted otherwise")
    func plainOrQuoted() {
        #expect(YAMLScalar.scalar("web-access") == "web-access")
        #expect(YAMLScalar.scalar("/haproxy/web") == "/haproxy/web")
        #expect(YAMLScalar.scalar("yes") == "\"yes\"")
        #expect(YAMLScalar.scalar("a\u{2028}b\u{85}") == "\"a\\u2028b\\u0085\"")
    }

    /// The draft in a copy of the example's project: valid, and generated without an error.
    @Test("the manifest, views and dataset validate against the project and generate", arguments: [false, true])
    func validAgainstTheProject(dataset: Bool) throws {
        try withExampleCopy { root in
            var manifest = draft()
            manifest.views = true
            manifest.dataset = dataset
            for file in manifest.files() {
                let url = root.appendingPathComponent(file.path)
                #expect(!FileManager.default.fileExists(atPath: url.path))
                try file.contents.write(to: url, atomically: true, encoding: .utf8)
            }
            let files = ProjectFiles(root: root)
            let workspace = files.load()
            #expect(!workspace.diagnostics.hasErrors, "\(workspace.diagnostics.sorted)")
            let pipeline = try #require(workspace.pipelines.first { $0.name == "web-access" })
            #expect(pipeline.replication?.account == "analytics")
            #expect(pipeline.views.map(\.name) == ["web_access_daily"])
            #expect(pipeline.datasets.count == (dataset ? 1 : 0))
            let generated = try files.generate(workspace).get()
            #expect(generated.contains { $0.path == "Sources/Processors/WebAccess/main.swift" })
        }
    }

    @Test("a format without its own event time names the first timestamp column")
    func eventTime() {
        let columns = [
            ProposedColumn(name: "message", type: .string), ProposedColumn(name: "ts", type: .timestamp),
            ProposedColumn(name: "later", type: .timestamp),
        ]
        #expect(draft(columns: columns, needsEventTime: true).manifest().contains("\n    event_time: ts\n"))
        #expect(!draft(columns: columns).manifest().contains("event_time:"))
    }

    @Test("the draft shows the volume section commented out, with defaults that decode when uncommented")
    func volume() throws {
        let text = draft().manifest()
        #expect(text.contains("\n# volume:\n#   events_per_day: \(Defaults.eventsPerDay)"))
        // The section is the draft's last: uncomment it alone.
        let parts = text.components(separatedBy: "\n# volume:\n")
        #expect(parts.count == 2)
        let section = parts[1].replacingOccurrences(of: "\n#   ", with: "\n  ")
        let uncommented = parts[0] + "\nvolume:\n" + section.replacingOccurrences(of: "#   ", with: "  ")
        var diagnostics = Diagnostics()
        let pipeline = try #require(
            PipelineDecoder.decode(uncommented, path: "pipelines/web-access.yaml", diagnostics: &diagnostics))
        #expect(diagnostics.all.isEmpty, "\(diagnostics.sorted)")
        #expect(pipeline.volume.eventsPerDay == Defaults.eventsPerDay)
        #expect(pipeline.volume.averageEventBytes == Defaults.averageEventBytes)
        #expect(pipeline.volume.queriesPerDay == Defaults.queriesPerDay)
        #expect(pipeline.volume.daysPerQuery == Defaults.daysPerQuery)
        #expect(pipeline.volume.quickSightReaders == Defaults.quickSightReaders)
    }

    @Test("addresses given become the alerts section, read back as given; none leave it commented out")
    func alerts() throws {
        // Each character is one a mailbox may hold and YAML would read as syntax unquoted.
        let addresses = ["#oncall@example.com", "*ops+sluice@example.com", "&a|b~c@example.com", "!x%y@example.com"]
        var withEmail = draft()
        withEmail.alertEmail = addresses
        var diagnostics = Diagnostics()
        let pipeline = PipelineDecoder.decode(
            withEmail.manifest(), path: "pipelines/web-access.yaml", diagnostics: &diagnostics)
        #expect(diagnostics.all.isEmpty, "\(diagnostics.sorted)")
        #expect(pipeline?.alerts.declaration == .declared)
        #expect(pipeline?.alerts.email == addresses)
        #expect(pipeline?.alerts.thresholds.errors == Defaults.alertErrors)

        let without = draft().manifest()
        #expect(without.contains("\n# alerts:\n#   email: [you@example.com]\n"))
        let absent = PipelineDecoder.decode(without, path: "pipelines/web-access.yaml", diagnostics: &diagnostics)
        #expect(diagnostics.all.isEmpty, "\(diagnostics.sorted)")
        #expect(absent?.alerts.declaration == .absent)
    }

    @Test("the most parsing format wins; each format's first error when none parses")
    func detection() throws {
        let http = Array(HAProxySample.httpLine.utf8)[...]
        let scores = FormatDetection.scores([http, http, Array("nonsense".utf8)[...]])
        #expect(scores.first?.format == .haproxyHTTP && scores.first?.parsed == 2)
        // A tie in lines goes to the format that fills more fields (combined over common), then to the first.
        let tied = FormatDetection.ranked([
            .init(format: .haproxyHTTP, parsed: 5, filled: 10), .init(format: .haproxyCLF, parsed: 5, filled: 12),
        ])
        #expect(tied.map(\.format) == [.haproxyCLF, .haproxyHTTP])
        let even = FormatDetection.ranked([
            .init(format: .haproxyHTTP, parsed: 5, filled: 10), .init(format: .haproxyCLF, parsed: 5, filled: 10),
        ])
        #expect(even.map(\.format) == [.haproxyHTTP, .haproxyCLF])
        let none = FormatDetection.scores([Array("nonsense".utf8)[...]])
        #expect(none.allSatisfy { $0.parsed == 0 && $0.firstError != nil })
    }
}

enum HAProxySample {
    static let httpLine =
        "Feb  6 12:14:14 localhost haproxy[14389]: 10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in "
        + "static/srv1 10/0/30/69/109 200 2750 - - ---- 1/1/1/1/0 0/0 {1wt.eu} {} \"GET /index.html HTTP/1.1\""
}
