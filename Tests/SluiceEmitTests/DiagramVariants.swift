import Foundation
import SluiceModel
import Testing

@testable import SluiceCommands

/// The example pipeline and the variants the diagram tests draw: replicating or not, crawler or projection, with or
/// without enrichment.
enum DiagramVariants {
    /// The example project and its one pipeline (replicating, crawler, enrichment, extracted lines).
    static func example() throws -> (Project, Pipeline) {
        let workspace = ProjectFiles(root: repositoryRoot).load()
        let project = try #require(workspace.project)
        return (project, try #require(workspace.pipelines.first))
    }

    /// Processed in its source account: no replication, no landing bucket.
    static func singleAccount(_ pipeline: Pipeline) -> Pipeline {
        var changed = pipeline
        changed.replication = nil
        return changed
    }

    /// Partitions by projection instead of a crawler.
    static func projection(_ pipeline: Pipeline) -> Pipeline {
        var changed = pipeline
        let key = pipeline.processor.output.partitionKeys.first?.name ?? "day"
        changed.catalog.discovery = .projection(Projection(key: key, since: "2024-01-01", origin: pipeline.origin))
        return changed
    }

    /// No federated lookups.
    static func withoutEnrichment(_ pipeline: Pipeline) -> Pipeline {
        var changed = pipeline
        changed.processor.enrichment = nil
        return changed
    }

    /// Raw delivery (CloudWatch's own gzipped batches) and every event, no filter pattern.
    static func rawEveryEvent(_ pipeline: Pipeline) -> Pipeline {
        var changed = pipeline
        changed.delivery.mode = .raw
        changed.source.filterPattern = ""
        return changed
    }

    /// Declaration text that Mermaid would read as markup.
    static func hostile(_ pipeline: Pipeline) -> Pipeline {
        var changed = pipeline
        changed.source.logGroup = "/a\"b<br/>#c`d"
        changed.catalog.database = "db<x>"
        return changed
    }
}
