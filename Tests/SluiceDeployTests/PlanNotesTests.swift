import Foundation
import SluiceCloud
import Testing

@testable import SluiceDeploy

/// What a plan says about alerts besides its changes: that a pipeline has no alarms (`alerts: none`), or that its
/// alarms notify no one.
@Suite("Plan notes on alerts")
struct PlanNotesTests {
    @Test("a note shows under the counts, in text and in Markdown, as the expected files have it")
    func golden() throws {
        var summary = PlanSummary(stack: "analytics", plan: try Fixtures.plan("noop"))
        summary.notes = [
            "pipeline web has no alarms (alerts: none)",
            "pipeline api's alarms in this stack notify no one (add alerts: email or topics)",
        ]
        for (rendered, suffix) in [(summary.text(), "txt"), (summary.markdown(), "md")] {
            let url = Fixtures.summaries.appendingPathComponent("notes.\(suffix)")
            if ProcessInfo.processInfo.environment["SLUICE_UPDATE_GOLDEN"] == "1" {
                try Data(rendered.utf8).write(to: url)
            }
            let expected = try #require(try? String(contentsOf: url, encoding: .utf8), "no \(url.lastPathComponent)")
            #expect(rendered == expected, "the \(suffix) summary differs from \(url.lastPathComponent)")
        }
    }

    @Test("planning a pipeline declared with alerts: none says so in its analytics stack's summaries only")
    func alertsNoneIsSaidInThePlan() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let manifest = project.root.appendingPathComponent("pipelines/integrations-usage.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        let start = try #require(text.range(of: "\nalerts:\n"))
        try Data((text[..<start.lowerBound] + "\nalerts: none\n").utf8).write(to: manifest)
        let graph = try project.graph()
        let orchestrator = Orchestrator(root: project.root, graph: graph, runner: try RecordingTerraformDouble())
        let plans = try orchestrator.plan(Orchestrator.Options(plansDirectory: project.plans), progress: .silent)
        let note = "pipeline integrations-usage has no alarms (alerts: none)"
        for plan in plans {
            let expected = plan.stack == "analytics" ? [note] : []
            #expect(plan.summary.notes == expected, "\(plan.stack)")
            let saved = try String(
                contentsOf: project.plans.appendingPathComponent("\(plan.stack).txt"), encoding: .utf8)
            #expect(saved.contains("Note: \(note)") == (plan.stack == "analytics"), "\(plan.stack)")
            let markdown = try String(
                contentsOf: project.plans.appendingPathComponent("\(plan.stack).md"), encoding: .utf8)
            #expect(markdown.contains("- **Note:** \(note)") == (plan.stack == "analytics"), "\(plan.stack)")
        }
    }
}
