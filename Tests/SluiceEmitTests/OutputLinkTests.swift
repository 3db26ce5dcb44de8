import Foundation
import Testing

@testable import SluiceCommands
@testable import SluiceEmit

@Suite("Generate never writes through a symbolic link (issue 9, item 6)")
struct OutputLinkTests {
    /// Replaces `folder` of the root with a link to a folder outside it; returns that folder.
    func linkOut(_ folder: String, in root: URL) throws -> URL {
        let outside = root.deletingLastPathComponent().appendingPathComponent("outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let link = root.appendingPathComponent(folder)
        try? FileManager.default.removeItem(at: link)
        try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: outside)
        return outside
    }

    @Test(
        "a linked owned folder is refused before anything changes",
        arguments: ["generated", ".github/workflows", "Sources/Processors/IntegrationEnricher", "generated/terraform"])
    func linkedFolder(_ folder: String) throws {
        try withExampleCopy { root in
            let files = ProjectFiles(root: root)
            let generated = try files.generate(files.load()).get()
            let outside = try linkOut(folder, in: root)
            defer { try? FileManager.default.removeItem(at: outside) }
            // A file to change, so that a write would happen if the link were followed.
            let readme = root.appendingPathComponent("generated/README.md")
            if folder != "generated" { try "stale\n".write(to: readme, atomically: false, encoding: .utf8) }
            #expect(throws: ProjectFilesError.self) { try files.write(generated) }
            do {
                _ = try files.write(generated)
            } catch {
                #expect("\(error)".contains("\(folder) is a symbolic link"))
                #expect("\(error)".contains("Nothing was changed."))
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
            if folder != "generated" { #expect(try String(contentsOf: readme, encoding: .utf8) == "stale\n") }
        }
    }

    @Test("a generated file that is a link is refused, and its target left alone")
    func linkedFile() throws {
        try withExampleCopy { root in
            let files = ProjectFiles(root: root)
            let generated = try files.generate(files.load()).get()
            let outside = root.deletingLastPathComponent().appendingPathComponent("target-\(UUID().uuidString)")
            try "mine\n".write(to: outside, atomically: false, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: outside) }
            let readme = root.appendingPathComponent("generated/README.md")
            try FileManager.default.removeItem(at: readme)
            try FileManager.default.createSymbolicLink(at: readme, withDestinationURL: outside)
            #expect(throws: ProjectFilesError.self) { try files.write(generated) }
            #expect(try String(contentsOf: outside, encoding: .utf8) == "mine\n")
        }
    }
}

@Suite("Locations are printed from the current directory (issue 9, item 14)")
struct DisplayPathTests {
    @Test("inside the current directory: relative to it; outside: absolute")
    func paths() {
        let file = "pipelines/a.yaml"
        #expect(DisplayPath.of(file, root: "/work/p", currentDirectory: "/work/p") == "pipelines/a.yaml")
        #expect(DisplayPath.of(file, root: "p", currentDirectory: "/work") == "p/pipelines/a.yaml")
        #expect(DisplayPath.of(file, root: "/work/p", currentDirectory: "/work") == "p/pipelines/a.yaml")
        #expect(DisplayPath.of(file, root: "/srv/p", currentDirectory: "/work") == "/srv/p/pipelines/a.yaml")
        #expect(DisplayPath.of(file, root: "../p", currentDirectory: "/work/x") == "/work/p/pipelines/a.yaml")
        #expect(
            DisplayPath.of("/work/p/Swift/A.swift", root: "/work/p", currentDirectory: "/work") == "p/Swift/A.swift")
    }
}
