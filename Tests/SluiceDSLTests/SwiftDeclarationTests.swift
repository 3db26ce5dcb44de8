import Foundation
import Testing

import SluiceDSL
import SluiceEmit
import SluicePipelines

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
}
