import Foundation
import SluiceModel
import Testing

@testable import SluiceCommands
@testable import SluiceEmit

/// The example copied (`withExampleCopy`) with its Package.swift, loaded, its processor's transform set to
/// `transform` in the model (the manifest is not changed).
private func withExample(
    transform: TransformKind = .declarations, _ body: (URL, ProjectFiles, [Pipeline]) throws -> Void
) throws {
    try withExampleCopy { root in
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("Package.swift"), to: root.appendingPathComponent("Package.swift")
        )
        let files = ProjectFiles(root: root)
        var pipelines = files.load().pipelines
        for index in pipelines.indices { pipelines[index].processor.transform = transform }
        try body(root, files, pipelines)
    }
}

private let transformPath = "Sources/Processors/IntegrationEnricher/Transform.swift"

private func messages(_ root: URL, _ pipelines: [Pipeline], generating: Bool = false) -> [String] {
    ProcessorBuildCheck(root: root, pipelines: pipelines).diagnostics(generating: generating).map {
        "\($0.severity.rawValue): \($0.message)"
    }
}

@Suite("What would stop a declared processor from building")
struct ProcessorBuildCheckTests {
    @Test("transform: swift without Transform.swift: check says run generate; generate writes it once, never again")
    func scaffoldWrittenOnce() throws {
        try withExample(transform: .swift) { root, files, pipelines in
            let url = root.appendingPathComponent(transformPath)
            // The example declares its columns: its processor folder has no Transform.swift.
            #expect(!FileManager.default.fileExists(atPath: url.path))
            let before = messages(root, pipelines)
            #expect(
                before.count == 1
                    && before[0].hasPrefix(
                        "error: processor 'integration-enricher' declares "
                            + "transform: swift, but \(transformPath) is missing; run `sluice generate`"),
                "\(before)")
            #expect(messages(root, pipelines, generating: true).isEmpty)
            let scaffolds = ProcessorSourceEmitter.scaffolds(pipelines: pipelines)
            #expect(try files.writeMissing(scaffolds).map(\.path) == [transformPath])
            let written = try String(contentsOf: url, encoding: .utf8)
            #expect(written.contains("struct Transform: RecordTransform {"))
            #expect(
                written.contains("func derive(_ record: HAProxyRecord, into row: inout Columns) throws(LineFailure) {}")
            )
            #expect(written.contains("columns.require(\"requested_at\")"))
            // No marker: generate's drift and orphan removal never see it.
            #expect(!GeneratedFile.isOwned(Array(written.utf8)))
            try "// mine\n\(written)".write(to: url, atomically: true, encoding: .utf8)
            #expect(try files.writeMissing(scaffolds).isEmpty)
            #expect(try String(contentsOf: url, encoding: .utf8).hasPrefix("// mine\n"))
            #expect(messages(root, pipelines).isEmpty)
            let generated = try files.generate(files.load()).get()
            #expect(!files.drift(generated).contains { $0.path == transformPath })
        }
    }

    @Test("no scaffold for transform: none")
    func noScaffoldWithoutSwift() throws {
        try withExample { _, _, pipelines in
            #expect(pipelines.allSatisfy { $0.processor.transform == .declarations })
            #expect(ProcessorSourceEmitter.scaffolds(pipelines: pipelines).isEmpty)
        }
    }

    @Test("Transform.swift with transform: none is a warning: unused")
    func unusedTransform() throws {
        try withExample { root, files, pipelines in
            #expect(messages(root, pipelines).isEmpty)
            var asking = pipelines
            for index in asking.indices { asking[index].processor.transform = .swift }
            _ = try files.writeMissing(ProcessorSourceEmitter.scaffolds(pipelines: asking))
            let found = messages(root, pipelines)
            #expect(
                found.count == 1
                    && found[0].hasPrefix(
                        "warning: unused: pipeline 'integrations-usage' declares "
                            + "processor.transform: none"),
                "\(found)")
        }
    }

    @Test("a Transform.swift of another record type: located, saying what it found and what it needs")
    func wrongRecord() throws {
        try withExample(transform: .swift) { root, files, pipelines in
            let url = root.appendingPathComponent(transformPath)
            _ = try files.writeMissing(ProcessorSourceEmitter.scaffolds(pipelines: pipelines))
            let text = try String(contentsOf: url, encoding: .utf8)
            try text.replacingOccurrences(
                of: "func derive(_ record: HAProxyRecord,", with: "func derive(_ record: JSONRecord,"
            )
            .write(to: url, atomically: true, encoding: .utf8)
            let found = ProcessorBuildCheck(root: root, pipelines: pipelines).diagnostics(generating: false)
            #expect(found.count == 1)
            let first = try #require(found.first)
            #expect(
                first.message.hasPrefix(
                    "the transform reads JSONRecord records, but pipeline 'integrations-usage' "
                        + "reads haproxy-http logs, which parse into HAProxyRecord: declare `func derive(_ record: HAProxyRecord"
                ))
            let line =
                text.split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex { $0.contains("func derive(") }! + 1
            #expect(first.location.file == url.path && first.location.line == line && first.location.column == 27)
        }
    }

    @Test("the record type is read from derive's first parameter")
    func derivedRecordText() {
        let found = ProcessorBuildCheck.derivedRecord(in: "struct T {\n    func derive(\n        _ r:  Foo.Bar, into")
        #expect(found?.name == "Foo.Bar" && found?.line == 3 && found?.column == 15)
        #expect(ProcessorBuildCheck.derivedRecord(in: "struct T {}") == nil)
    }

    @Test("a Package.swift without the processor list: an error with the lines to add")
    func unmarkedPackage() throws {
        try withExample { root, _, pipelines in
            let url = root.appendingPathComponent("Package.swift")
            let text = try String(contentsOf: url, encoding: .utf8)
            try text.replacingOccurrences(of: PackageProcessorList.begin, with: "// a user's older manifest")
                .write(to: url, atomically: true, encoding: .utf8)
            let found = messages(root, pipelines)
            #expect(found.count == 1, "\(found)")
            #expect(found.first?.hasPrefix("error: builds no processor of Sources/Processors") == true)
            #expect(found.first?.hasSuffix("then run `sluice generate`") == true)
            // The lines to add, printed after the diagnostic (which is one line).
            let snippet = try #require(ProcessorBuildCheck(root: root, pipelines: pipelines).packageSnippet())
            #expect(snippet.hasPrefix("\(PackageProcessorList.begin)\nlet processors = [\"IntegrationEnricher\"]\n"))
            #expect(snippet.contains("for name in processors {"))
        }
    }

    @Test("a stale processor list: check fails, generate writes the list and nothing else of Package.swift")
    func stalePackageList() throws {
        try withExample(transform: .swift) { root, files, pipelines in
            var renamed = pipelines
            renamed[0].processor.name = "request-parser"
            let url = root.appendingPathComponent("Package.swift")
            let before = try String(contentsOf: url, encoding: .utf8)
            let found = messages(root, renamed)
            #expect(
                found.contains {
                    $0.hasPrefix("error: the processor list") && $0.contains("(RequestParser); run `sluice generate`")
                }, "\(found)")
            #expect(try files.writePackageList(renamed)?.path == "Package.swift")
            let after = try String(contentsOf: url, encoding: .utf8)
            #expect(
                after
                    == before.replacingOccurrences(
                        of: "let processors = [\"IntegrationEnricher\"]", with: "let processors = [\"RequestParser\"]"))
            #expect(try files.writePackageList(renamed) == nil)
        }
    }

    @Test("a processor target named like another target's folder (Sources/<Name>, Tests/<Name>), ignoring case")
    func userTargetCollision() throws {
        try withExample { root, _, pipelines in
            let folder = root.appendingPathComponent("Sources/integrationEnricher")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // A folder without sources is no target.
            #expect(ProcessorBuildCheck(root: root, pipelines: pipelines).targetFolders().isEmpty)
            try "let x = 1\n".write(to: folder.appendingPathComponent("X.swift"), atomically: true, encoding: .utf8)
            let found = ProcessorBuildCheck(root: root, pipelines: pipelines).diagnostics(generating: true)
                .filter { $0.severity == .error }
            #expect(found.count == 1)
            #expect(
                found.first?.message == "processor 'integration-enricher' would be the Swift target "
                    + "'IntegrationEnricher', and Sources/integrationEnricher already holds a target of that name "
                    + "(SwiftPM refuses two); name the processor otherwise")
            #expect(found.first?.location == pipelines[0].processor.origin["name"])
        }
    }

    @Test("a processor folder removed: its generated files are missing, and generate writes them again")
    func missingFolder() throws {
        try withExample { root, files, _ in
            let folder = root.appendingPathComponent("Sources/Processors/IntegrationEnricher")
            try FileManager.default.removeItem(at: folder)
            let generated = try files.generate(files.load()).get()
            let missing = files.drift(generated).filter { $0.kind == .missing }.map(\.path)
            #expect(
                missing == [
                    "Sources/Processors/IntegrationEnricher/ProcessorConfig.generated.swift",
                    "Sources/Processors/IntegrationEnricher/main.swift",
                ])
            _ = try files.write(generated)
            #expect(files.drift(generated).isEmpty)
        }
    }

    @Test("the repository's own Package.swift lists the example's processor")
    func repositoryPackageIsCurrent() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let pipelines = ProjectFiles(root: repositoryRoot).load().pipelines
        #expect(PackageProcessorList.state(of: text, targets: PackageProcessorList.targets(pipelines)) == .current)
    }
}
