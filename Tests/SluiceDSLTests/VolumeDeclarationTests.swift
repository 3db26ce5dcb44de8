import Foundation
import SluiceCost
import SluiceDSL
import SluicePipelines
import Testing

@Suite("Swift volume declarations")
struct VolumeDeclarationTests {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("the Swift form of the example declares the volume its YAML form does")
    func swiftVolumeMatchesYAML() throws {
        let workspace = Workspace.load(root: root)
        let project = try #require(workspace.project)
        let yaml = try #require(workspace.pipelines.first { $0.name == "integrations-usage" })
        // Without prices every line costs $0; the quantities and formulas still come from the volume.
        let empty = PriceTable(regions: [:])
        let fromYAML = CostModel.estimate(pipeline: yaml, project: project, prices: empty)
        let fromSwift = CostModel.estimate(pipeline: integrationsUsage, project: project, prices: empty)
        #expect(fromYAML == fromSwift)
        #expect(fromYAML.assumptions.contains("volume.events_per_day: 2,000,000 (declared)"))
    }

    @Test("a Swift volume is validated like YAML, with errors at the Swift line")
    func swiftVolumeErrorsPointAtSource() throws {
        let project = try #require(Workspace.load(root: root).project)
        var pipeline = integrationsUsage
        let line = #line + 1
        pipeline.volume = .expected(eventsPerDay: 10, gbPerDay: 1, daysPerQuery: 0) {
            ViewVolume("integration_usge", queriesPerDay: -1)
        }
        let errors = Validator.validate(project: project, pipelines: [pipeline]).errors
        let messages = errors.map(\.message)
        for expected in [
            "gb_per_day replaces events_per_day and average_event_bytes",
            "days_per_query must be 1 to 36500, found 0",
            "volume.views names 'integration_usge', which is not a view of this pipeline (did you mean "
                + "'integration_usage'?)",
            "queries_per_day must be 0 to 1000000, found -1",
        ] {
            #expect(messages.contains { $0.hasPrefix(expected) }, "no error '\(expected)' in \(messages)")
        }
        #expect(errors.allSatisfy { $0.location.line == line || $0.location.line == line + 1 })
    }
}
