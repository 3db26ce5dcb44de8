import Foundation
import SluiceEmit
import SluiceModel
import Testing

@testable import SluiceDeploy

/// The schema guard on hand-built contracts: what counts as added, renamed, retyped, removed or a partitioning
/// change, the refusal and its allowance, the rendered sections, and apply refusing what the plan refused.
@Suite("Schema guard")
struct SchemaGuardTests {
    static let viewUsers = ColumnUsers(
        views: ["usage"], datasets: ["usage-set"], dashboards: ["overview"], visuals: ["overview: By name"])

    static func table(_ columns: [ColumnContract], format: String = "parquet") -> LakeContract {
        LakeContract(tables: [
            TableContract(
                pipeline: "p", stack: "analytics", database: "db", table: "requests", format: format,
                columns: columns)
        ])
    }

    static let base = table([
        ColumnContract(name: "name", type: "string", users: viewUsers),
        ColumnContract(name: "user_id", type: "string", from: "headers[1]"),
        ColumnContract(name: "item", type: "string", from: "path", template: "/i/{item}/**"),
        ColumnContract(name: "status", type: "int"),
        ColumnContract(name: "bytes", type: "int"),
        ColumnContract(name: "dt", type: "string", partitionKey: true),
        ColumnContract(name: "hour", type: "string", partitionKey: true),
    ])

    func changes(_ branch: LakeContract, allow: [String] = []) -> SchemaReport {
        SchemaComparison.compare(
            base: Self.base, branch: branch, basePath: "base/generated/schema.json", allowances: allow)
    }

    @Test("renamed by source (from: and the template), retyped, widened, removed, added")
    func columnChanges() throws {
        let report = changes(
            Self.table([
                ColumnContract(name: "user", type: "string", from: "headers[1]"),
                ColumnContract(name: "item_id", type: "string", from: "path", template: "/i/{item_id}/**"),
                ColumnContract(name: "status", type: "string"),
                ColumnContract(name: "bytes", type: "bigint"),
                ColumnContract(name: "method", type: "string"),
                ColumnContract(name: "dt", type: "string", partitionKey: true),
                ColumnContract(name: "hour", type: "string", partitionKey: true),
            ]))
        let found = report.changes.map { "\($0.kind.rawValue) \($0.column) \($0.detail) \($0.breaking)" }
        #expect(
            found == [
                "removed name removed true", "renamed user_id user_id -> user true",
                "renamed item item -> item_id true", "retyped status int -> string true",
                "widened bytes int -> bigint false", "added method new column false",
            ])
        #expect(
            report.refused.map(\.allowance) == [
                "requests.name", "requests.user_id", "requests.item", "requests.status",
            ])
        #expect(report.changes[0].users == Self.viewUsers)
        #expect(report.changes[0].effect.contains("COLUMN_NOT_FOUND"))
        #expect(report.changes[1].effect.contains("'user' reads null"))
        #expect(report.changes[3].effect.contains("HIVE_BAD_DATA"))
    }

    @Test("a table moved to another database still reads its objects: its columns are compared")
    func movedDatabase() {
        var moved = Self.base.tables[0]
        moved.database = "web"
        moved.columns.removeAll { $0.name == "name" }
        let report = changes(LakeContract(tables: [moved]))
        #expect(report.refused.map { "\($0.database).\($0.allowance)" } == ["web.requests.name"])
        #expect(
            report.notes.map(\.text) == [
                "table db.requests moved to web.requests: it reads the same objects, so its columns are compared"
            ])
    }

    @Test("a removed and an added column of another type or source are not a rename")
    func notRenames() {
        let report = changes(
            Self.table(
                Self.base.tables[0].columns.filter { $0.name != "user_id" && $0.name != "name" } + [
                    ColumnContract(name: "user", type: "bigint", from: "headers[1]"),
                    ColumnContract(name: "title", type: "string"),
                ]))
        #expect(
            report.changes.map { "\($0.kind.rawValue) \($0.column)" } == [
                "removed name", "removed user_id", "added user", "added title",
            ])
    }

    @Test("partition keys: one added, one reordered, a column turned key are breaking; JSON effects say so")
    func partitionKeys() {
        let columns = Self.base.tables[0].columns.filter { !$0.partitionKey && $0.name != "status" }
        let report = changes(
            Self.table(
                columns + [
                    ColumnContract(name: "hour", type: "string", partitionKey: true),
                    ColumnContract(name: "dt", type: "string", partitionKey: true),
                    ColumnContract(name: "status", type: "int", partitionKey: true),
                    ColumnContract(name: "region", type: "string", partitionKey: true),
                ], format: "json"))
        let found = report.changes.map { "\($0.kind.rawValue) \($0.column) \($0.detail)" }
        #expect(
            found == [
                "format * parquet -> json", "partitioning status became a partition key",
                "added region new partition key", "partitioning dt partition key moved from position 1 to 2",
                "partitioning hour partition key moved from position 2 to 1",
            ])
        #expect(report.changes.allSatisfy { $0.breaking })
        #expect(report.changes[0].allowance == "requests.*")
    }

    @Test("an allowance names the base's column: TABLE.COLUMN or DATABASE.TABLE.COLUMN; one naming nothing is unused")
    func allowances() {
        let branch = Self.table(Self.base.tables[0].columns.filter { $0.name != "name" && $0.name != "bytes" })
        let report = changes(branch, allow: ["requests.name", "db.requests.bytes", "requests.status"])
        #expect(report.refused.isEmpty)
        #expect(report.changes.allSatisfy { $0.allowed })
        #expect(report.unusedAllowances == ["requests.status"])

        let refused = changes(branch)
        #expect(refused.refused.map(\.allowance) == ["requests.name", "requests.bytes"])
        #expect(refused.unusedAllowances.isEmpty)
    }

    @Test("TABLE.COLUMN naming the same change in two databases allows neither; DATABASE.TABLE.COLUMN allows one")
    func ambiguousAllowance() {
        var other = Self.base.tables[0]
        other.pipeline = "q"
        other.database = "db2"
        let base = LakeContract(tables: [Self.base.tables[0], other])
        var branch = base
        for index in branch.tables.indices { branch.tables[index].columns.removeAll { $0.name == "status" } }
        func report(_ allow: [String]) -> SchemaReport {
            SchemaComparison.compare(base: base, branch: branch, basePath: "b", allowances: allow)
        }
        let short = report(["requests.status"])
        #expect(
            short.refused.map { "\($0.database).\($0.allowance)" } == ["db.requests.status", "db2.requests.status"])
        #expect(short.ambiguousAllowances == ["requests.status"] && short.unusedAllowances.isEmpty)
        let long = report(["db2.requests.status"])
        #expect(long.refused.map { "\($0.database).\($0.allowance)" } == ["db.requests.status"])
        #expect(long.ambiguousAllowances.isEmpty && long.unusedAllowances.isEmpty)
    }

    @Test("no base file: one note, nothing compared, never an error; tables on one side only are notes")
    func missingBase() throws {
        let report = try SchemaComparison.report(
            branch: Self.base, baseDirectory: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)"),
            shownBase: ".sluice/base", allowances: ["requests.name"])
        #expect(report.notes.map(\.text) == ["no base schema at .sluice/base/generated/schema.json: nothing compared"])
        #expect(report.changes.isEmpty && report.unusedAllowances.isEmpty)
        #expect(report.baseMissing)
        #expect(report.section(forStack: "analytics")?.notes.count == 1)
        #expect(report.section(forStack: "production") == nil)

        var other = Self.base
        other.tables[0].table = "requests_v2"
        let moved = SchemaComparison.compare(base: Self.base, branch: other, basePath: "b", allowances: [])
        #expect(moved.changes.isEmpty)
        #expect(
            moved.notes.map(\.text).map { $0.prefix(24) } == ["table db.requests (pipel", "table db.requests_v2 is "])
    }

    @Test("a base schema that is there but cannot be read is an error, not a missing base")
    func unreadableBase() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("base-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.createDirectory(
            at: base.appendingPathComponent(SchemaEmitter.path), withIntermediateDirectories: true)
        #expect(throws: SchemaBaseError.self) {
            try SchemaComparison.report(branch: Self.base, baseDirectory: base, shownBase: "b", allowances: [])
        }
    }

    @Test("a base schema larger than any contract is refused before it is read")
    func hugeBase() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("base-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let file = base.appendingPathComponent(SchemaEmitter.path)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data("[".utf8)))
        // Sparse: no disk is written for the size.
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: UInt64(SchemaComparison.maximumBaseBytes + 1))
        try handle.close()
        let error = #expect(throws: SchemaBaseError.self) {
            try SchemaComparison.report(branch: Self.base, baseDirectory: base, shownBase: "b", allowances: [])
        }
        #expect(error?.description.contains("more than the 67108864") == true)
    }

    @Test("--base naming a file, not a checkout's folder, is an error, not a missing base")
    func baseIsAFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(SchemaEmitter.json(Self.base).pretty().utf8).write(to: file)
        let error = #expect(throws: SchemaBaseError.self) {
            try SchemaComparison.report(branch: Self.base, baseDirectory: file, shownBase: "s.json", allowances: [])
        }
        #expect(error?.description.contains("--base takes the folder of a checkout") == true)
    }

    @Test("a base column whose partition_key, from or template is of another type is a located error")
    func malformedColumn() throws {
        let text = SchemaEmitter.json(Self.base).pretty()
        for (old, new, message) in [
            (
                "\"partition_key\": false", "\"partition_key\": \"false\"",
                "columns[0]: 'partition_key' is not true or false"
            ),
            ("\"partition_key\": false,", "", "columns[0]: 'partition_key' is not true or false"),
            ("\"from\": \"headers[1]\"", "\"from\": 1", "columns[1]: 'from' is not a string"),
        ] {
            let range = try #require(text.range(of: old))
            let broken = text.replacingCharacters(in: range, with: new)
            let error = #expect(throws: SchemaEmitter.ReadError.self) {
                try SchemaEmitter.contract(parsing: Array(broken.utf8))
            }
            #expect(error?.description == "pipelines.p.\(message)")
        }
    }

    @Test("the file's JSON reads back as the same contract; another format version is refused")
    func roundTrip() throws {
        let text = SchemaEmitter.json(Self.base).pretty()
        #expect(try SchemaEmitter.contract(parsing: Array(text.utf8)) == Self.base)
        #expect(text.prefix(300).contains(GeneratedFile.marker))
        let newer = text.replacingOccurrences(of: "\"format_version\": 1", with: "\"format_version\": 2")
        #expect(throws: SchemaEmitter.ReadError.self) { try SchemaEmitter.contract(parsing: Array(newer.utf8)) }
        #expect(throws: SchemaEmitter.ReadError.self) { try SchemaEmitter.contract(parsing: Array("{".utf8)) }
    }

    @Test("rendering: REFUSED with the allowance to give, users, the effect; Markdown escapes names")
    func rendering() throws {
        let report = changes(
            Self.table(
                Self.base.tables[0].columns.filter { $0.name != "name" } + [ColumnContract(name: "a|b", type: "int")]))
        let section = try #require(report.section(forStack: "analytics"))
        let text = section.text()
        #expect(
            text.contains("REFUSED removed db.requests.name (string) (allow with --allow-schema-change requests.name)"))
        #expect(
            text.contains(
                "used by: view usage; dataset usage-set; dashboard overview (visuals: overview: By name)"))
        #expect(text.contains("  added db.requests.a|b (int)\n"))
        let markdown = section.markdown()
        #expect(markdown.contains(":no_entry: **Refused**"))
        #expect(markdown.contains("- `requests.name`\n"))
        #expect(markdown.contains("| **refused** removed | `db.requests.name` (string) | view `usage`;"))
        #expect(!markdown.contains("a|b"), "a pipe in a name would split the table's cell")
        #expect(section.briefLines() == ["  REFUSED schema removed requests.name (allow with --allow-schema-change)\n"])
    }

    @Test("the Markdown section keeps within its limit, counting the rows left out")
    func markdownLimit() throws {
        let many = (0..<400).map { ColumnContract(name: "column_\($0)", type: "string") }
        let report = changes(Self.table(Self.base.tables[0].columns.filter { $0.name != "name" } + many))
        let section = try #require(report.section(forStack: "analytics"))
        let markdown = section.markdown(limit: 5_000)
        #expect(markdown.count < 5_200)
        #expect(markdown.contains("- `requests.name`\n"), "the refused change comes first")
        #expect(markdown.contains("more schema lines did not fit in this comment"))
        #expect(section.text().contains("added db.requests.column_399"), "the text summary keeps every change")
    }

    @Test("two same-typed columns swapping their from:, or a new template, are re-sourced: reported, not refused")
    func resourcedColumns() throws {
        let base = Self.table([
            ColumnContract(name: "name", type: "string", from: "headers[0]", users: Self.viewUsers),
            ColumnContract(name: "user_id", type: "string", from: "headers[1]"),
            ColumnContract(name: "item", type: "string", from: "path", template: "/i/{item}/**"),
        ])
        let branch = Self.table([
            ColumnContract(name: "name", type: "string", from: "headers[1]"),
            ColumnContract(name: "user_id", type: "string", from: "headers[0]"),
            ColumnContract(name: "item", type: "string", from: "path", template: "/items/{item}/**"),
        ])
        let report = SchemaComparison.compare(base: base, branch: branch, basePath: "b", allowances: [])
        #expect(
            report.changes.map { "\($0.kind.rawValue) \($0.column) \($0.detail) \($0.breaking)" } == [
                "re-sourced name source headers[0] -> headers[1] false",
                "re-sourced user_id source headers[1] -> headers[0] false",
                "re-sourced item source path /i/{item}/** -> path /items/{item}/** false",
            ])
        #expect(report.refused.isEmpty)
        let section = try #require(report.section(forStack: "analytics"))
        let text = section.text()
        #expect(text.contains("  re-sourced db.requests.name (string, source headers[0] -> headers[1])\n"))
        #expect(text.contains("data already written: the values already written came from the old source"))
        #expect(
            text.contains("used by: view usage; dataset usage-set; dashboard overview (visuals: overview: By name)"))
        #expect(!text.contains("REFUSED"))
        let markdown = section.markdown()
        #expect(
            markdown.contains(
                "| re-sourced | `db.requests.name` (string, source headers\\[0\\] -&gt; headers\\[1\\]) | view `usage`;"
            ))
        #expect(!markdown.contains("Refused"))
    }

    @Test("notes and safe rows are cut before any refused change; past the limit the refused ones cut are counted")
    func refusedChangesAreNeverCutForNotes() throws {
        // 7 refused changes (name, bytes, dt and hour removed, two renamed, one retyped) and 300 added columns.
        let many = (0..<300).map { ColumnContract(name: "column_\($0)", type: "string") }
        let report = changes(
            Self.table(
                [
                    ColumnContract(name: "user", type: "string", from: "headers[1]"),
                    ColumnContract(name: "item_id", type: "string", from: "path", template: "/i/{item_id}/**"),
                    ColumnContract(name: "status", type: "string"),
                ] + many))
        let base = try #require(report.section(forStack: "analytics"))
        // 500 notes of 80 characters each, 40,000 characters: far past the limit on their own.
        let notes = (0..<500).map { "note \($0): " + String(repeating: "n", count: 70) }
        let section = SchemaSection(basePath: base.basePath, changes: base.changes, notes: notes)
        let markdown = section.markdown(limit: 5_000)
        #expect(markdown.count <= 5_000)
        for allowance in ["requests.name", "requests.user_id", "requests.item", "requests.status"] {
            #expect(markdown.contains("- `\(allowance)`\n"))
        }
        #expect(section.refused.count == 7)
        #expect(markdown.components(separatedBy: "| **refused** ").count - 1 == 7, "every refused row is kept")
        #expect(markdown.contains("note 0:"), "notes take the room the refused changes leave")
        #expect(!markdown.contains("note 499:"))
        #expect(!markdown.contains("refused change did not fit") && !markdown.contains("refused changes did not fit"))
        #expect(markdown.contains("more schema lines did not fit in this comment"))

        // Past the hard limit: the refused changes that still do not fit are counted, and where they all are said.
        let tiny = section.markdown(limit: 800)
        #expect(tiny.count <= 800)
        #expect(tiny.contains("- `requests.name`\n"))
        #expect(tiny.contains("more refused changes did not fit in this comment: the text summary"))
        #expect(!tiny.contains("note 0:"))
    }

    @Test("the plan shows the section in the stack holding the table; apply refuses what the plan refused")
    func planAndApply() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let graph = try project.graph()
        let orchestrator = Orchestrator(root: project.root, graph: graph, runner: try RecordingTerraformDouble())
        var branch = LakeContract(pipelines: Workspace.load(root: project.root).pipelines)
        let base = branch
        branch.tables[0].columns.removeAll { $0.name == "integration_name" }
        var options = Orchestrator.Options(plansDirectory: project.plans)
        options.schema = SchemaComparison.compare(base: base, branch: branch, basePath: "b", allowances: [])

        let plans = try orchestrator.plan(options, progress: .silent)
        #expect(
            plans.map { $0.summary.schemaRefused.map(\.allowance) } == [
                [], ["integration_requests.integration_name"], [], [],
            ])
        #expect(plans[1].summary.text().contains("REFUSED removed integrations.integration_requests.integration_name"))
        #expect(plans[1].summary.markdown().contains("#### Schema"))
        #expect(plans[1].summary.brief().contains("REFUSED schema removed"))
        let error = #expect(throws: DeployError.self) {
            try orchestrator.apply(Orchestrator.Options(plansDirectory: project.plans), progress: .silent)
        }
        #expect(error?.description.contains("integration_requests.integration_name") == true)

        options.schema = SchemaComparison.compare(
            base: base, branch: branch, basePath: "b", allowances: ["integration_requests.integration_name"])
        _ = try orchestrator.plan(options, progress: .silent)
        try orchestrator.apply(Orchestrator.Options(plansDirectory: project.plans), progress: .silent)
    }
}
