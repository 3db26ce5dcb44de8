import Foundation
import SluiceModel
import Testing

@testable import SluiceCost

/// The project's estimate through the map its caller passes: `generate` passes a concurrent one.
@Suite struct EstimateMapTests {
    /// Three pipelines, out of name order, with different buffering sizes so their estimates differ.
    private func pipelines() throws -> (Project, [Pipeline]) {
        var decoded: [Pipeline] = []
        var project: Project?
        for (name, size) in [("c", 64), ("a", 128), ("b", 32)] {
            let (found, pipeline, diagnostics) = CostFixtures.decode(CostFixtures.pipeline(bufferingSizeMB: size))
            #expect(!diagnostics.hasErrors)
            var renamed = try #require(pipeline)
            renamed.name = name
            decoded.append(renamed)
            project = found
        }
        return (try #require(project), decoded)
    }

    @Test func theMapIsGivenEveryPipelineInNameOrderAndItsOrderIsKept() throws {
        let (project, pipelines) = try pipelines()
        let sequential = CostModel.estimate(project: project, pipelines: pipelines, prices: CostFixtures.prices)
        let seen = LockedNames()
        // A map running the estimates backwards, as a concurrent one may finish them in any order.
        let reversed = CostModel.estimate(project: project, pipelines: pipelines, prices: CostFixtures.prices) {
            items, transform in
            seen.set(items.map(\.name))
            return Array(items.reversed().map(transform).reversed())
        }
        #expect(seen.names == ["a", "b", "c"])
        #expect(reversed == sequential)
        #expect(reversed.pipelines.map(\.pipeline) == ["a", "b", "c"])
        #expect(reversed.pipelines.allSatisfy { !$0.alternatives.isEmpty }, "each with its alternatives")
    }
}

/// The names a map was given, read after it ran.
private final class LockedNames: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var names: [String] { lock.withLock { stored } }
    func set(_ names: [String]) { lock.withLock { stored = names } }
}
