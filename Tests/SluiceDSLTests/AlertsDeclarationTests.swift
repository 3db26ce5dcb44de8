import Foundation
import SluiceDSL
import SluiceEmit
import SluicePipelines
import Testing

@testable import SluiceModel

/// `alerts:` declared in Swift (`.notify(email:topics:thresholds:)`, `.none()`) means what its YAML spelling means.
@Suite("Swift declarations of alerts")
struct AlertsDeclarationTests {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The example's YAML with its `alerts` section replaced, decoded as `sluice` decodes it.
    private func yaml(alerts: String) throws -> Pipeline {
        let text = try String(
            contentsOf: root.appendingPathComponent("pipelines/integrations-usage.yaml"), encoding: .utf8)
        let start = try #require(text.range(of: "\nalerts:\n"))
        var diagnostics = Diagnostics()
        let folder = root.appendingPathComponent("pipelines")
        let pipeline = PipelineDecoder.decode(
            text[..<start.lowerBound] + "\n" + alerts, path: "pipelines/integrations-usage.yaml",
            diagnostics: &diagnostics
        ) { name in
            let contents = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            return contents.map { .success($0) } ?? .failure(DeclarationFiles.Refusal(message: "cannot read \(name)"))
        }
        #expect(!diagnostics.hasErrors, "\(diagnostics.sorted.map(\.description))")
        return try #require(pipeline)
    }

    @Test(
        "topics by account and alerts: none generate byte-identical files in Swift and in YAML",
        arguments: ["topics", "none"])
    func swiftMatchesYAML(_ variant: String) throws {
        let project = try #require(Workspace.load(root: root).project)
        var swift = integrationsUsage
        let fromYAML: Pipeline
        if variant == "none" {
            swift.alerts = .none()
            fromYAML = try yaml(alerts: "alerts: none\n")
        } else {
            swift.alerts = .notify(
                topics: [
                    "analytics": "arn:aws:sns:eu-west-1:222222222222:oncall",
                    "production": "arn:aws:sns:eu-west-1:111111111111:oncall",
                ],
                thresholds: .thresholds(deadLetters: 5, quietPeriodMinutes: 120))
            fromYAML = try yaml(
                alerts: """
                    alerts:
                      topics:
                        production: arn:aws:sns:eu-west-1:111111111111:oncall
                        analytics: arn:aws:sns:eu-west-1:222222222222:oncall
                      thresholds: { dead_letters: 5, quiet_period_minutes: 120 }

                    """)
        }
        #expect(Validator.validate(project: project, pipelines: [swift]).all.isEmpty)
        let a = Generator.files(project: project, pipelines: [fromYAML])
        let b = Generator.files(project: project, pipelines: [swift])
        #expect(a.map(\.path) == b.map(\.path))
        for (one, other) in zip(a, b) { #expect(one.contents == other.contents, "\(one.path) differs") }
        let terraform = b.filter { $0.path.hasSuffix(".tf.json") }.map(\.contents).joined()
        #expect(terraform.contains("aws_cloudwatch_metric_alarm") == (variant != "none"))
        #expect(!terraform.contains("aws_sns_topic\""))
    }

    @Test("thresholds declared in Swift get the same range checks, at the Swift line")
    func swiftThresholdsAreChecked() throws {
        let project = try #require(Workspace.load(root: root).project)
        var pipeline = integrationsUsage
        let line = #line + 1
        pipeline.alerts = .notify(email: ["oncall@example.com"], thresholds: .thresholds(quarantineRatioPercent: 101))
        let errors = Validator.validate(project: project, pipelines: [pipeline]).errors
        let error = try #require(errors.first { $0.message.hasPrefix("quarantine_ratio_percent must be 1 to 100") })
        #expect(error.location.line == line)
    }
}
