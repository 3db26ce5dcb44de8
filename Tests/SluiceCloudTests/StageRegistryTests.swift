import Testing

@testable import SluiceCloud
@testable import SluiceModel

@Suite("Standard stage registry")
struct StageRegistryTests {
    @Test("each stage of the flow is one registered stage's, except views, which the catalog stage adds")
    func everyStageRegistered() {
        let registered = StageRegistry.standard.map { $0.stage }
        #expect(Set(registered).count == registered.count, "two registered stages claim one stage: \(registered)")
        #expect(Set(Stage.allCases).subtracting(registered) == [.views])
    }

    @Test("a pipeline processed in its source account has one stack part for both accounts' stages")
    func singleAccountParts() throws {
        let (project, pipelines) = try example()
        var pipeline = try #require(pipelines.first)
        pipeline.replication = nil
        let graph = CloudGraph(project: project, pipelines: [pipeline])
        #expect(
            graph.stacks.filter { !$0.resources.isEmpty }.map(\.name) == [
                "production-images", "production", "production-quicksight",
            ])
        #expect(graph.stack("production")?.after == ["production-images"])
        #expect(graph.stack("production-quicksight")?.after == ["production"])
        let production = try #require(graph.stack("production"))
        let stages = Set(production.resources.map(\.stage))
        #expect(stages == Set(Stage.allCases).subtracting([.replication, .bi]))
    }
}
