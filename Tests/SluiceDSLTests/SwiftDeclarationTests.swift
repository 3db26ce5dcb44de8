import Foundation
import SluiceDSL
import SluiceEmit
import SluicePipelines
import Testing

@Suite("Swift declarations")
struct SwiftDeclarationTests {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("the Swift form of the example generates byte-identical files to its YAML form")
    func swiftMatchesYAML() throws {
        let workspace = Workspace.load(root: root)
        let project = try #require(workspace.project)
        let yaml = try #require(workspace.pipelines.first { $0.name == "integrations-usage" })
        let fromYAML = Generator.files(project: project, pipelines: [yaml])
        let fromSwift = Generator.files(project: project, pipelines: [integrationsUsage])
        #expect(fromYAML.map(\.path) == fromSwift.map(\.path))
        for (a, b) in zip(fromYAML, fromSwift) {
            #expect(a.contents == b.contents, "\(a.path) differs between the YAML and the Swift declaration")
        }
        #expect(Validator.validate(project: project, pipelines: [integrationsUsage]).all.isEmpty)
    }

    @Test("a Swift declaration is validated like YAML, with errors at the Swift line")
    func swiftErrorsPointAtSource() throws {
        let project = try #require(Workspace.load(root: root).project)
        let line = #line + 3
        let broken = Pipeline(
            "broken",
            source: .cloudWatch(account: "staging", logGroup: "/haproxy/x"),
            processor: .lambda("x-parser", memoryMB: 64, output: .table("rows") { Column("a", .string) }),
            catalog: .glue(database: "x", crawler: "weekly"))
        let errors = Validator.validate(project: project, pipelines: [broken]).errors
        let unknownAccount = try #require(errors.first { $0.message.hasPrefix("unknown account 'staging'") })
        #expect(unknownAccount.location.line == line)
        #expect(unknownAccount.location.file.hasSuffix("SwiftDeclarationTests.swift"))
        #expect(errors.contains { $0.message.contains("memory_mb must be 128 to 10240, found 64") })
        #expect(errors.contains { $0.message.contains("a schedule is 'hourly', 'daily' or 'cron(") })
    }

    @Test("a Swift declaration's numbers get the same range checks as YAML, and generating it never traps")
    func swiftRangesAreChecked() throws {
        let project = try #require(Workspace.load(root: root).project)
        let huge = Pipeline(
            "huge",
            source: .cloudWatch(account: "production", logGroup: "/haproxy/x"),
            delivery: .firehose(expireDays: 2_147_483_648),
            processor: .lambda(
                "huge-parser", reservedConcurrency: Int.max, output: .table("rows") { Column("a", .string) }),
            catalog: .glue(database: "x", crawler: "daily"),
            athena: .workgroup(bytesScannedCutoffMB: 8_796_093_022_208, resultsExpireDays: Int.max))
        let messages = Validator.validate(project: project, pipelines: [huge]).errors.map(\.message)
        for expected in [
            "expire_days must be 1 to 2147483647, found 2147483648",
            "reserved_concurrency must be 1 to 2147483647, found \(Int.max)",
            "bytes_scanned_cutoff_mb must be 10 to 8796093022207, found 8796093022208",
            "results_expire_days must be 1 to 2147483647, found \(Int.max)",
        ] {
            #expect(messages.contains { $0.hasPrefix(expected) }, "no error '\(expected)' in \(messages)")
        }
        // The emitters hold even when validation did not run: the cutoff's byte count saturates instead of trapping.
        let files = Generator.files(project: project, pipelines: [huge])
        #expect(files.contains { $0.contents.contains("\"bytes_scanned_cutoff_per_query\": \(Int.max)") })
    }
}
