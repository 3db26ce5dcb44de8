import Foundation
import SluiceModel
import Testing

@testable import SluiceCloud
@testable import SluiceEmit

/// A stage Sluice does not have, registered only in this file's test registry: an archive bucket the lake is copied
/// into, for replicating pipelines. Nothing in CloudGraph or MermaidEmitter names it.
enum ArchiveTestStage: PipelineStage {
    static var stage: Stage { .lake }

    static func applies(to context: PipelineContext) -> Bool { context.names.replicates }

    static func expand(_ context: PipelineContext, into stacks: inout PipelineStacks, state: inout ExpansionState) {
        _ = state.required(\.lakeBucket, by: self)
        stacks.analytics.bucket("archive", stage, name: "\(context.names.base)-archive", expireDays: 365)
    }

    static func diagram(_ context: PipelineContext, state: ExpansionState) -> StageDiagram {
        StageDiagram(
            nodes: [DiagramNode("archive", "S3 archive\n\(context.names.base)-archive", shape: .store, in: .analytics)],
            flows: [DiagramFlow(from: .lake, to: "archive", "copies")])
    }
}

@Suite("Stage registry")
struct TestStageRegistryTests {
    @Test("a test stage added to a test registry expands and is drawn with no edit to CloudGraph or MermaidEmitter")
    func testStageNeedsNoGraphOrDiagramEdit() throws {
        let (project, pipeline) = try DiagramVariants.example()
        let registry = StageRegistry.standard + [ArchiveTestStage.self]
        let graph = CloudGraph(project: project, pipelines: [pipeline], registry: registry)
        let standard = CloudGraph(project: project, pipelines: [pipeline])

        let analytics = try #require(graph.stack("analytics"))
        let added = Set(analytics.resources.map(\.address.description))
            .subtracting(standard.stack("analytics")?.resources.map(\.address.description) ?? [])
        #expect(added.contains("aws_s3_bucket.integrations_usage_archive"))
        #expect(added.allSatisfy { $0.contains("integrations_usage_archive") })
        #expect(graph.stacks.map(\.name) == standard.stacks.map(\.name))

        // Drawn after the lake, the other node of its stage, with its flow after the processor's writes to the lake.
        let drawn = MermaidEmitter.diagram(graph: graph, pipeline: pipeline.name)
        var expected = MermaidEmitter.diagram(graph: standard, pipeline: pipeline.name)
        expected = expected.replacingOccurrences(
            of: "acme-integrations-usage-lake-222222222222\")]\n",
            with: "acme-integrations-usage-lake-222222222222\")]\n"
                + "    archive[(\"S3 archive<br/>acme-integrations-usage-archive\")]\n")
        expected = expected.replacingOccurrences(
            of: "  processor -->|rows and quarantine| lake\n",
            with: "  processor -->|rows and quarantine| lake\n  lake -->|copies| archive\n")
        #expect(drawn == expected)
    }

    @Test("a test stage that does not apply to a pipeline adds nothing and draws nothing")
    func testStageThatDoesNotApply() throws {
        let (project, pipeline) = try DiagramVariants.example()
        let single = DiagramVariants.singleAccount(pipeline)
        let registry = StageRegistry.standard + [ArchiveTestStage.self]
        let graph = CloudGraph(project: project, pipelines: [single], registry: registry)
        let standard = CloudGraph(project: project, pipelines: [single])
        #expect(graph.stacks.map { $0.resources.map(\.address) } == standard.stacks.map { $0.resources.map(\.address) })
        #expect(
            MermaidEmitter.diagram(graph: graph, pipeline: single.name)
                == MermaidEmitter.diagram(graph: standard, pipeline: single.name))
    }
}
