import Foundation
import Testing

@testable import SluiceModel

@Suite("Processor target names")
struct ProcessorTargetNameTests {
    @Test(
        "a processor whose Swift target would take a module's name is refused at its name",
        arguments: [
            ("sluice-model", "SluiceModel"), ("sluice", "Sluice"), ("sluice-emit-tests", "SluiceEmitTests"),
            ("yams", "Yams"), ("c-zlib", "CZlib"), ("fuzz-haproxy", "FuzzHaproxy"),
        ])
    func reservedNames(name: String, target: String) {
        let pipeline = Fixtures.pipeline.replacingOccurrences(of: "  name: web-parser", with: "  name: \(name)")
        let errors = Fixtures.check(pipeline: pipeline).errors
        #expect(
            errors.contains {
                "\($0.location)" == "pipelines/web.yaml:14:9"
                    && $0.message.contains(
                        "would be the Swift target '\(target)', a name the package's own modules use")
            }, "\(errors)")
    }

    @Test("two processors whose targets differ only in case collide: one folder and one binary on macOS")
    func caseCollision() throws {
        var diagnostics = Diagnostics()
        let project = try #require(
            ProjectDecoder.decode(Fixtures.project, path: "pipelines/sluice.yaml", diagnostics: &diagnostics))
        let first = try #require(
            PipelineDecoder.decode(
                Fixtures.pipeline.replacingOccurrences(of: "  name: web-parser", with: "  name: ab"),
                path: "pipelines/web.yaml", diagnostics: &diagnostics))
        let second = try #require(
            PipelineDecoder.decode(
                Fixtures.pipeline.replacingOccurrences(of: "name: web\n", with: "name: other\n")
                    .replacingOccurrences(of: "  name: web-parser", with: "  name: a-b")
                    .replacingOccurrences(of: "/haproxy/web", with: "/haproxy/other")
                    .replacingOccurrences(of: "table: requests", with: "table: other_requests"),
                path: "pipelines/other.yaml", diagnostics: &diagnostics))
        let errors = Validator.validate(project: project, pipelines: [first, second]).errors
        #expect(
            errors.contains {
                $0.location.file == "pipelines/other.yaml"
                    && $0.message.contains("processor 'a-b' (Swift target 'AB') collides with processor 'ab'")
            }, "\(errors)")
    }

    /// A target added to Package.swift must be reserved too, or a pipeline could take its name.
    @Test("every target of Package.swift is a reserved name")
    func packageTargetsAreReserved() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        var names: [String] = []
        var rest = manifest[...]
        while let range = rest.range(of: "name: \"") {
            let after = rest[range.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            names.append(String(after[..<end]))
            rest = after[end...]
        }
        // The fuzz targets' names, listed in a tuple.
        var fuzz = manifest[...]
        while let range = fuzz.range(of: "(\"Fuzz") {
            let after = fuzz[fuzz.index(after: range.lowerBound)...].dropFirst()
            guard let end = after.firstIndex(of: "\"") else { break }
            names.append(String(after[..<end]))
            fuzz = after[end...]
        }
        #expect(names.count > 20)
        for name in names where name != "Sluice" {
            #expect(PackageModules.reserves(name), "\(name)")
        }
    }
}
