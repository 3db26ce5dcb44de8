import Foundation
import Testing

@testable import SluiceModel

/// A reproducer of issue 9 as a manifest: what `validate` must say, and where, instead of trapping or hanging.
struct HostileCase: CustomTestStringConvertible, Sendable {
    let name: String
    /// The whole pipeline (or project, when `inProject`) text.
    let text: String
    var inProject = false
    /// `file:line:column` of the expected error.
    let at: String
    /// A part of the expected message.
    let message: String

    var testDescription: String { name }
}

/// The fixture pipeline with a repeated `memory_mb`, its line breaks replaced by `newline`.
private func duplicateWithBreaks(_ newline: String) -> String {
    Fixtures.pipeline.replacingOccurrences(of: "  memory_mb: 512\n", with: "  memory_mb: 512\n  memory_mb: 256\n")
        .replacingOccurrences(of: "\n", with: newline)
}

/// Levels of lists of ten aliases of the level below: level `depth` stands for 10^depth nodes.
func aliasBomb(depth: Int) -> String {
    var text = "a0: &a0 [x]\n"
    for level in 1...depth {
        let items = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
        text += "a\(level): &a\(level) [\(items)]\n"
    }
    return text + "? *a\(depth)\n: 1\n"
}

let hostileInputCases: [HostileCase] = [
    HostileCase(
        name: "CR line breaks and a duplicate key (issue 9, item 3)", text: "a: 1\rb: 1\rb: 2\r",
        at: "pipelines/web.yaml:3:1", message: "duplicate key 'b' (first given at line 2)"),
    HostileCase(
        name: "CR line breaks and a duplicate key in the project file", text: "a: 1\rb: 1\rb: 2\r", inProject: true,
        at: "pipelines/sluice.yaml:3:1", message: "duplicate key 'b' (first given at line 2)"),
    HostileCase(
        name: "CR LF line breaks and a duplicate key", text: duplicateWithBreaks("\r\n"),
        at: "pipelines/web.yaml:16:3", message: "duplicate key 'memory_mb' (first given at line 15)"),
    HostileCase(
        name: "CR line breaks in a pipeline and a duplicate key", text: duplicateWithBreaks("\r"),
        at: "pipelines/web.yaml:16:3", message: "duplicate key 'memory_mb' (first given at line 15)"),
    HostileCase(
        name: "NEL line breaks and a duplicate key", text: duplicateWithBreaks("\u{85}"),
        at: "pipelines/web.yaml:16:3", message: "duplicate key 'memory_mb' (first given at line 15)"),
    HostileCase(
        name: "LINE SEPARATOR line breaks and a duplicate key", text: "a: 1\u{2028}b: 1\u{2028}b: 2\u{2028}",
        at: "pipelines/web.yaml:3:1", message: "duplicate key 'b' (first given at line 2)"),
    HostileCase(
        name: "a duplicate key on the last line, with no break after it", text: "b: 1\nb: 2",
        at: "pipelines/web.yaml:2:1", message: "duplicate key 'b' (first given at line 1)"),
    HostileCase(
        name: "a control character in a value (issue 9, item 10)",
        text: Fixtures.pipeline.replacingOccurrences(of: "/haproxy/web", with: "/haproxy/w\u{01}eb"),
        at: "pipelines/web.yaml:4:24", message: "control characters are not allowed: U+0001"),
    HostileCase(
        name: "a control character after CR line breaks",
        text: "name: web\rsource:\r  log_group: \u{1B}x\r",
        at: "pipelines/web.yaml:3:14", message: "U+001B may not appear"),
    HostileCase(
        name: "an alias bomb used as a mapping key (issue 9, item 4)", text: aliasBomb(depth: 9),
        at: "pipelines/web.yaml:6:25", message: "the document stands for more than 100000 nodes"),
    HostileCase(
        name: "lists nested a hundred deep", text: "a: " + String(repeating: "[", count: 100),
        at: "pipelines/web.yaml:1:67", message: "lists and mappings nest more than 64 deep"),
    HostileCase(
        name: "lists nested ten thousand deep", text: "a: " + String(repeating: "[", count: 10_000),
        at: "pipelines/web.yaml:1:5", message: "YAML syntax: lists and mappings nest more than 64 deep"),
]

@Suite("Hostile manifests")
struct HostileInputTests {
    @Test("each reproducer gets a located error, never a trap", arguments: hostileInputCases)
    func hostile(_ bad: HostileCase) {
        let started = ContinuousClock.now
        let diagnostics =
            bad.inProject
            ? Fixtures.check(pipeline: Fixtures.pipeline, project: bad.text) : Fixtures.check(pipeline: bad.text)
        let matching = diagnostics.errors.filter { "\($0.location)" == bad.at && $0.message.contains(bad.message) }
        #expect(
            !matching.isEmpty,
            """
            expected \(bad.at): error: ...\(bad.message)...; got:
            \(diagnostics.sorted.map(\.description).joined(separator: "\n"))
            """)
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test("a leading byte-order mark is skipped, and line 1 columns do not count it (findings F3)")
    func byteOrderMark() {
        let bom = "\u{FEFF}"
        // Before the fix: "2:1: YAML syntax: did not find expected <document start>".
        let clean = Fixtures.check(pipeline: bom + Fixtures.pipeline, project: bom + Fixtures.project)
        #expect(clean.errors.isEmpty, "\(clean.sorted)")
        let unknown = Fixtures.check(pipeline: bom + "bogus: 1\n" + Fixtures.pipeline)
        let error = unknown.errors.first { $0.message.contains("unknown key 'bogus'") }
        #expect(error.map { "\($0.location)" } == "pipelines/web.yaml:1:1", "\(unknown.sorted)")
    }

    @Test("30,000 unknown keys are each reported, with hints, well within two seconds (findings F4)")
    func manyUnknownKeys() {
        let keys = (0..<30_000).map { String(format: "%06dyyyyyyyyyyyyyyyyyyyy: 1\n", $0) }.joined()
        let started = ContinuousClock.now
        let diagnostics = Fixtures.check(pipeline: Fixtures.pipeline + "delivry: 3\n" + keys)
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(diagnostics.errors.filter { $0.message.hasPrefix("unknown key") }.count == 30_001)
        // A typo among the first unknown keys still gets its hint.
        let hint = "'delivry' in 'top level' (did you mean 'delivery'?)"
        #expect(diagnostics.errors.contains { $0.message.contains(hint) })
    }

    @Test("an alias bomb is refused within two seconds whatever its depth")
    func aliasBombIsQuick() {
        for depth in [7, 9, 12, 30] {
            let started = ContinuousClock.now
            let diagnostics = Fixtures.check(pipeline: aliasBomb(depth: depth))
            #expect(ContinuousClock.now - started < .seconds(2), "depth \(depth)")
            #expect(diagnostics.errors.contains { $0.message.contains("stands for more than") }, "depth \(depth)")
        }
    }

    @Test("a few aliases within the budget still work")
    func smallAliases() {
        let text = Fixtures.pipeline.replacingOccurrences(
            of: "  memory_mb: 512", with: "  memory_mb: &memory 512\n  timeout_seconds: *memory"
        ).replacingOccurrences(of: "  timeout_seconds: 60\n", with: "")
        let diagnostics = Fixtures.check(pipeline: text)
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.sorted)")
    }

    @Test("a view with 3,200 references validates in well under two seconds (issue 9, item 4)")
    func manyReferences() {
        let references = Array(repeating: "{{ ref(\"requests\") }}", count: 3_200)
            .joined(separator: " UNION ALL\n      ")
        let text = Fixtures.pipeline.replacingOccurrences(
            of: "sql: SELECT dt AS day, count(*) AS requests FROM {{ ref(\"requests\") }} GROUP BY dt",
            with: "sql: |\n      SELECT dt AS day, count(*) AS requests FROM \(references) GROUP BY dt "
                + "{{ ref(\"nope\") }}")
        let started = ContinuousClock.now
        let diagnostics = Fixtures.check(pipeline: text)
        #expect(ContinuousClock.now - started < .seconds(2))
        let error = diagnostics.errors.first { $0.message.contains("unknown table or view 'nope'") }
        // The last reference is on the block's last line, after 3,199 line breaks.
        #expect(error.map { "\($0.location)" } == "pipelines/web.yaml:3242:41", "\(diagnostics.sorted.prefix(3))")
    }

    @Test("a long unknown name gets no hint, and costs no quadratic edit distance")
    func longNames() {
        let long = String(repeating: "v", count: 60_000)
        let text = Fixtures.pipeline.replacingOccurrences(of: "  - name: daily\n", with: "  - name: \(long)\n")
            .replacingOccurrences(of: "{{ ref(\"requests\") }}", with: "{{ ref(\"w\(long)\") }}")
        let started = ContinuousClock.now
        let diagnostics = Fixtures.check(pipeline: text)
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(diagnostics.errors.contains { $0.message.contains("reads unknown table or view") })
    }

    @Test("a line break quoted in a message is escaped, so a diagnostic stays one line")
    func oneLine() {
        let diagnostics = Fixtures.check(pipeline: Fixtures.pipeline + "\"two\\nlines\\L\": 1\n")
        let error = diagnostics.errors.first { $0.message.contains("unknown key") }
        #expect(error?.description.contains("unknown key 'two\\nlines\\u{2028}'") == true, "\(diagnostics.sorted)")
        #expect(error?.description.contains("\n") == false)
    }

    @Test("references are located after CR LF and LINE SEPARATOR breaks in SQL, as libyaml counts lines")
    func referenceAfterOtherBreaks() throws {
        let sql = "SELECT 1\r\nFROM x\u{2028}JOIN {{ ref(\"nope\") }}"
        let references = try ViewSQL.references(in: sql).get()
        #expect(references.map { "\($0.line):\($0.column)" } == ["2:5"])
    }
}

@Suite("Declaration files")
struct DeclarationFileTests {
    /// A project folder with the fixtures, removed afterwards.
    func withProject(_ body: (URL) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-\(UUID().uuidString)")
        let pipelines = root.appendingPathComponent("pipelines")
        try FileManager.default.createDirectory(at: pipelines, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Fixtures.project.write(
            to: pipelines.appendingPathComponent("sluice.yaml"), atomically: true, encoding: .utf8)
        try body(root)
    }

    func sqlFilePipeline(_ path: String) -> String {
        Fixtures.pipeline.replacingOccurrences(
            of: "sql: SELECT dt AS day, count(*) AS requests FROM {{ ref(\"requests\") }} GROUP BY dt",
            with: "sql_file: \(path)")
    }

    @Test("a non-UTF-8 project file is reported where its first bad byte is, not as missing (issue 9, item 10)")
    func projectNotUTF8() throws {
        try withProject { root in
            var data = Data(Fixtures.project.utf8)
            data.insert(0xFF, at: data.startIndex + 22)  // line 3, after "  prefix:"
            try data.write(to: root.appendingPathComponent("pipelines/sluice.yaml"))
            let workspace = Workspace.load(root: root)
            let error = try #require(workspace.diagnostics.errors.first)
            #expect("\(error.location)" == "pipelines/sluice.yaml:3:1")
            #expect(error.message.contains("not UTF-8 text: byte 0xFF"))
            #expect(!error.message.contains("create it"))
        }
    }

    @Test("a non-UTF-8 pipeline file is located")
    func pipelineNotUTF8() throws {
        try withProject { root in
            var data = Data("name: web\r\nsource: caf".utf8)
            data.append(contentsOf: [0xE9, 0x0A])
            try data.write(to: root.appendingPathComponent("pipelines/web.yaml"))
            let error = try #require(Workspace.load(root: root).diagnostics.errors.first)
            #expect("\(error.location)" == "pipelines/web.yaml:2:12")
            #expect(error.message.contains("byte 0xE9"))
        }
    }

    @Test("an sql_file linked or leading outside pipelines/ is refused and its text never shown (issue 9, item 6)")
    func sqlFileOutside() throws {
        try withProject { root in
            let secret = root.appendingPathComponent("secret.sql")
            try "SELECT 'TOPSECRET' {{ leak }}".write(to: secret, atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(
                at: root.appendingPathComponent("pipelines/daily.sql"), withDestinationURL: secret)
            for path in ["daily.sql", "../secret.sql", "sub/../../secret.sql", "/etc/hostname"] {
                try sqlFilePipeline(path).write(
                    to: root.appendingPathComponent("pipelines/web.yaml"), atomically: true, encoding: .utf8)
                let diagnostics = Workspace.load(root: root).diagnostics
                let error = diagnostics.errors.first { $0.message.contains("leads outside pipelines/") }
                #expect(error.map { "\($0.location)" } == "pipelines/web.yaml:42:15", "\(path): \(diagnostics.sorted)")
                #expect(!diagnostics.all.contains { $0.message.contains("TOPSECRET") || $0.message.contains("leak") })
            }
        }
    }

    @Test("an sql_file inside pipelines/, through a link that stays inside, is read")
    func sqlFileInside() throws {
        try withProject { root in
            let pipelines = root.appendingPathComponent("pipelines")
            try FileManager.default.createDirectory(
                at: pipelines.appendingPathComponent("sql"), withIntermediateDirectories: true)
            try "SELECT dt AS day, count(*) AS requests FROM {{ ref(\"requests\") }} GROUP BY dt\n".write(
                to: pipelines.appendingPathComponent("sql/daily.sql"), atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(
                atPath: pipelines.appendingPathComponent("daily.sql").path, withDestinationPath: "sql/daily.sql")
            try sqlFilePipeline("daily.sql").write(
                to: pipelines.appendingPathComponent("web.yaml"), atomically: true, encoding: .utf8)
            let diagnostics = Workspace.load(root: root).diagnostics
            #expect(diagnostics.errors.isEmpty, "\(diagnostics.sorted)")
        }
    }

    @Test("a manifest that is a FIFO or a link outside pipelines/ is refused, not read")
    func manifestNotRegular() throws {
        try withProject { root in
            let outside = root.appendingPathComponent("other.yaml")
            try "name: TOPSECRET\n".write(to: outside, atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(
                at: root.appendingPathComponent("pipelines/web.yaml"), withDestinationURL: outside)
            #expect(mkfifo(root.appendingPathComponent("pipelines/pipe.yaml").path, 0o600) == 0)
            let diagnostics = Workspace.load(root: root).diagnostics
            let texts = diagnostics.sorted.map(\.description)
            #expect(texts.contains { $0.hasPrefix("pipelines/web.yaml:1:1: error: 'pipelines/web.yaml' leads out") })
            #expect(texts.contains { $0.hasPrefix("pipelines/pipe.yaml:1:1: error: 'pipelines/pipe.yaml' is not a") })
            #expect(!texts.contains { $0.contains("TOPSECRET") })
        }
    }
}
