import Testing

@testable import SluiceModel

/// `project.swift_version` (the builder image's tag) and account names that would clash with derived stacks.
struct ToolchainRulesTests {
    private func errors(project: String) -> [String] {
        Fixtures.check(pipeline: Fixtures.pipeline, project: project).all.filter { $0.severity == .error }
            .map(\.description)
    }

    @Test("swift_version defaults to 6.3 and takes a later release")
    func swiftVersionDefault() throws {
        let project = try #require(Fixtures.decodeProject().0)
        #expect(project.swiftVersion == "6.3")
        for version in ["6.3", "6.3.3", "6.4", "7.0"] {
            let text = Fixtures.project.replacingOccurrences(
                of: "  prefix: acme\n", with: "  prefix: acme\n  swift_version: \"\(version)\"\n")
            #expect(errors(project: text).isEmpty, "\(version)")
            #expect(Fixtures.decodeProject(text).0?.swiftVersion == version)
        }
    }

    @Test("swift_version refuses what is not a release with an Amazon Linux 2023 image, located")
    func swiftVersionRefused() {
        let cases: [(String, String)] = [
            ("6.1", "must be 6.3 or later"), ("5.10", "must be 6.3 or later"), ("6", "MAJOR.MINOR"),
            ("latest", "MAJOR.MINOR"), ("6.3-amazonlinux2", "MAJOR.MINOR"), ("6.3;touch x", "MAJOR.MINOR"),
            ("6..3", "MAJOR.MINOR"), ("6.3.3.1", "MAJOR.MINOR"), ("", "MAJOR.MINOR"),
        ]
        for (version, message) in cases {
            let text = Fixtures.project.replacingOccurrences(
                of: "  prefix: acme\n", with: "  prefix: acme\n  swift_version: \"\(version)\"\n")
            let found = errors(project: text)
            #expect(
                found.count == 1 && found[0].hasPrefix("pipelines/sluice.yaml:4:18: error: swift_version ")
                    && found[0].contains(message), "\(version): \(found)")
        }
    }

    @Test("an account named like a derived stack (<account>-images, <account>-quicksight) is refused")
    func derivedStackNames() {
        for name in ["analytics-images", "analytics-quicksight"] {
            let text = Fixtures.project.replacingOccurrences(of: "  - name: production\n", with: "  - name: \(name)\n")
                .replacingOccurrences(of: "role/deploy\n  - name: analytics", with: "role/deploy\n  - name: analytics")
            let found = errors(project: text)
            #expect(
                found.contains {
                    $0.hasPrefix("pipelines/sluice.yaml:5:11: error: an account name must not end in")
                }, "\(name): \(found)")
        }
    }
}
