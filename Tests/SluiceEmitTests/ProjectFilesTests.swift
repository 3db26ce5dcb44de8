import Foundation
import Testing

@testable import SluiceCommands
@testable import SluiceEmit

/// A copy of the example's pipelines/, generated/, .github/ (generated workflows) and Sources/Processors/ (generated
/// processor sources) in a temporary folder, removed afterwards.
func withExampleCopy(_ body: (URL) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(
        at: folder.appendingPathComponent("Sources"), withIntermediateDirectories: true)
    for name in ["pipelines", "generated", ".github", "Sources/Processors"] {
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    try body(folder)
}

@Suite("Writing and checking generated files")
struct ProjectFilesTests {
    @Test("a hand edit is reported as stale with a unified diff, and generate repairs it")
    func handEdit() throws {
        try withExampleCopy { root in
            let files = ProjectFiles(root: root)
            let generated = try files.generate(files.load()).get()
            #expect(files.drift(generated).isEmpty)
            let path = "generated/terraform/analytics/integrations-usage.tf.json"
            let url = root.appendingPathComponent(path)
            let original = try String(contentsOf: url, encoding: .utf8)
            try original.replacingOccurrences(of: "\"memory_size\": 1024", with: "\"memory_size\": 2048")
                .write(to: url, atomically: true, encoding: .utf8)
            let drift = files.drift(generated)
            #expect(drift.count == 1)
            let first = try #require(drift.first)
            #expect(first.kind == .stale)
            #expect(first.path == path)
            let diff = first.diff
            #expect(diff.contains("--- a/\(path)\n+++ b/\(path)\n@@ "))
            #expect(diff.contains("\n-        \"memory_size\": 2048,\n+        \"memory_size\": 1024,\n"))
            _ = try files.write(generated)
            #expect(files.drift(generated).isEmpty)
        }
    }

    @Test("generate removes owned files nothing produces, and never touches other files")
    func ownership() throws {
        try withExampleCopy { root in
            let files = ProjectFiles(root: root)
            let generated = try files.generate(files.load()).get()
            let stale = root.appendingPathComponent("generated/terraform/production/old.tf.json")
            try "{\n  \"//\": \"\(GeneratedFile.marker) from pipeline 'old'\"\n}\n".write(
                to: stale, atomically: true, encoding: .utf8)
            let notes = root.appendingPathComponent("generated/terraform/production/notes.txt")
            try "mine\n".write(to: notes, atomically: true, encoding: .utf8)
            let drift = files.drift(generated)
            #expect(drift.map(\.kind) == [.orphan])
            #expect(drift.first?.path == "generated/terraform/production/old.tf.json")
            #expect(
                drift.first?.diff.hasPrefix(
                    "--- a/generated/terraform/production/old.tf.json\n+++ /dev/null\n@@ -1,3 +0,0 @@\n") == true)
            let actions = try files.write(generated)
            #expect(actions == [.init(verb: .removed, path: "generated/terraform/production/old.tf.json")])
            #expect(!FileManager.default.fileExists(atPath: stale.path))
            #expect(try String(contentsOf: notes, encoding: .utf8) == "mine\n")
        }
    }

    @Test("generate refuses to overwrite a file it does not own")
    func refusesForeignFile() throws {
        try withExampleCopy { root in
            let files = ProjectFiles(root: root)
            let generated = try files.generate(files.load()).get()
            let path = root.appendingPathComponent("generated/README.md")
            try "my own notes\n".write(to: path, atomically: true, encoding: .utf8)
            #expect(throws: ProjectFilesError.self) { try files.write(generated) }
            #expect(try String(contentsOf: path, encoding: .utf8) == "my own notes\n")
        }
    }

    @Test("entries of generated/ sluice did not write are foreign; those Terraform reads block generate (F5)")
    func foreignEntries() throws {
        try withExampleCopy { root in
            let files = ProjectFiles(root: root)
            let generated = try files.generate(files.load()).get()
            #expect(files.foreignEntries(generated).isEmpty)
            let stack = root.appendingPathComponent("generated/terraform/analytics")
            for name in ["extra.tf.json", "main.tf", "prod.auto.tfvars", "notes.txt"] {
                try "{}\n".write(to: stack.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
            try FileManager.default.createDirectory(
                at: stack.appendingPathComponent(".terraform/providers"), withIntermediateDirectories: true)
            let notes = root.appendingPathComponent("generated/notes.txt")
            try "hand\n".write(to: notes, atomically: true, encoding: .utf8)
            let found = files.foreignEntries(generated)
            let prefix = "generated/terraform/analytics/"
            #expect(
                found.filter(\.blocksGenerate).map(\.path)
                    == [".terraform", "extra.tf.json", "main.tf", "prod.auto.tfvars"].map { prefix + $0 })
            #expect(found.filter { !$0.blocksGenerate }.map(\.path) == ["generated/notes.txt", prefix + "notes.txt"])
            let readme = root.appendingPathComponent("generated/README.md")
            let before = try String(contentsOf: readme, encoding: .utf8)
            try (before + "stale\n").write(to: readme, atomically: true, encoding: .utf8)
            #expect(throws: ProjectFilesError.self) { try files.write(generated) }
            #expect(try String(contentsOf: readme, encoding: .utf8) == before + "stale\n")
        }
    }

    @Test("a manifest change without regenerating is drift")
    func manifestChange() throws {
        try withExampleCopy { root in
            let manifest = root.appendingPathComponent("pipelines/integrations-usage.yaml")
            let text = try String(contentsOf: manifest, encoding: .utf8)
            try text.replacingOccurrences(of: "buffering_size_mb: 64", with: "buffering_size_mb: 32")
                .write(to: manifest, atomically: true, encoding: .utf8)
            let files = ProjectFiles(root: root)
            let drift = files.drift(try files.generate(files.load()).get())
            // The estimate too: its alternatives are the other buffer sizes.
            #expect(
                drift.map(\.path) == [
                    "generated/cost.json", "generated/terraform/production/integrations-usage.tf.json",
                ])
        }
    }
}

@Suite("Unified diff")
struct UnifiedDiffTests {
    @Test("hunks carry line numbers and context like diff -u")
    func hunks() {
        let old = (1...20).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 10\n", with: "line ten\n")
        let diff = UnifiedDiff.render(old: old, new: new, oldName: "a", newName: "b")
        #expect(
            diff == """
                --- a
                +++ b
                @@ -7,7 +7,7 @@
                 line 7
                 line 8
                 line 9
                -line 10
                +line ten
                 line 11
                 line 12
                 line 13

                """)
        #expect(UnifiedDiff.render(old: old, new: old, oldName: "a", newName: "b").isEmpty)
    }

    @Test("separate changes far apart make separate hunks")
    func separateHunks() {
        let old = (1...40).map { "l\($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "l2\n", with: "x\n").replacingOccurrences(of: "l30\n", with: "y\n")
        let diff = UnifiedDiff.render(old: old, new: new, oldName: "a", newName: "b")
        #expect(diff.components(separatedBy: "\n@@ ").count == 3)
        #expect(diff.contains("@@ -1,5 +1,5 @@"))
        #expect(diff.contains("@@ -27,7 +27,7 @@"))
    }
}

@Suite("sluice sample: which filter patterns it imitates")
struct SampleFilterPatternTests {
    @Test("plain terms, quoted or not, are kept; other kinds of pattern are not imitated")
    func plainTerms() {
        #expect(SampleCommand.plainTerms(#""/integrations/""#) == ["/integrations/"])
        #expect(SampleCommand.plainTerms(#"GET "/a b/"  POST"#) == ["GET", "/a b/", "POST"])
        #expect(SampleCommand.plainTerms("") == [])
        #expect(SampleCommand.plainTerms("?ERROR ?WARN") == nil)
        #expect(SampleCommand.plainTerms("-DEBUG") == nil)
        #expect(SampleCommand.plainTerms(#"{ $.status = 500 }"#) == nil)
        #expect(SampleCommand.plainTerms("[ip, user, ...]") == nil)
        #expect(SampleCommand.plainTerms(#""unclosed"#) == nil)
    }
}
