import Foundation
import SluiceCloud
import SluiceModel
import Testing

@testable import SluiceEmit

/// The pipeline diagram, drawn from what the registered stages describe. The expected texts are what the hand-drawn
/// emitter this replaced wrote for the same pipelines.
@Suite("Mermaid diagram from the stages")
struct MermaidDiagramTests {
    @Test("a replicating pipeline: delivery in the source account; landing, processing and queries in analytics")
    func replicating() throws {
        let (project, pipeline) = try DiagramVariants.example()
        #expect(
            MermaidEmitter.diagram(project: project, pipeline: pipeline) == """
                flowchart LR
                  subgraph production["production (111111111111, eu-west-1)"]
                    logs["CloudWatch Logs<br/>/haproxy/integrations-api"]
                    firehose["Firehose<br/>acme-integrations-usage"]
                    raw[("S3 raw<br/>acme-integrations-usage-raw-111111111111")]
                  end
                  subgraph analytics["analytics (222222222222, eu-west-1)"]
                    landing[("S3 landing<br/>acme-integrations-usage-landing-222222222222")]
                    rule["EventBridge rule<br/>acme-integrations-usage-objects"]
                    dlq["SQS dead letters<br/>acme-integrations-usage-events-dlq"]
                    processor["Lambda integration-enricher<br/>IntegrationEnricher, arm64"]
                    lake[("S3 lake<br/>acme-integrations-usage-lake-222222222222")]
                    table["Glue table<br/>integrations.integration_requests"]
                    crawler["Glue crawler<br/>hourly"]
                    athena["Athena workgroup<br/>acme-integrations-usage"]
                    lookups["Athena catalog directory<br/>federated lookups"]
                  end
                  logs -->|filter pattern| firehose
                  firehose -->|gzipped lines| raw
                  raw -->|replication| landing
                  landing -->|Object Created| rule
                  rule --> processor
                  rule -.->|undeliverable| dlq
                  processor -.->|lookups| lookups
                  processor -->|rows and quarantine| lake
                  crawler -->|partitions| table
                  lake --- table
                  table --> athena

                """)
    }

    @Test("a single-account pipeline with projection and no enrichment: no landing bucket, no crawler, no lookups")
    func singleAccountProjection() throws {
        let (project, pipeline) = try DiagramVariants.example()
        let variant = DiagramVariants.withoutEnrichment(
            DiagramVariants.projection(DiagramVariants.singleAccount(pipeline)))
        #expect(
            MermaidEmitter.diagram(project: project, pipeline: variant) == """
                flowchart LR
                  subgraph production["production (111111111111, eu-west-1)"]
                    logs["CloudWatch Logs<br/>/haproxy/integrations-api"]
                    firehose["Firehose<br/>acme-integrations-usage"]
                    raw[("S3 raw<br/>acme-integrations-usage-raw-111111111111")]
                  end
                  subgraph production_processing["production processing"]
                    rule["EventBridge rule<br/>acme-integrations-usage-objects"]
                    dlq["SQS dead letters<br/>acme-integrations-usage-events-dlq"]
                    processor["Lambda integration-enricher<br/>IntegrationEnricher, arm64"]
                    lake[("S3 lake<br/>acme-integrations-usage-lake-111111111111")]
                    table["Glue table<br/>integrations.integration_requests"]
                    projection["Partition projection<br/>dt since 2024-01-01"]
                    athena["Athena workgroup<br/>acme-integrations-usage"]
                  end
                  logs -->|filter pattern| firehose
                  firehose -->|gzipped lines| raw
                  raw -->|Object Created| rule
                  rule --> processor
                  rule -.->|undeliverable| dlq
                  processor -->|rows and quarantine| lake
                  projection -->|partitions| table
                  lake --- table
                  table --> athena

                """)
    }

    @Test("a single-account pipeline with a crawler, enrichment, raw delivery and every event")
    func singleAccountCrawler() throws {
        let (project, pipeline) = try DiagramVariants.example()
        let variant = DiagramVariants.rawEveryEvent(DiagramVariants.singleAccount(pipeline))
        #expect(
            MermaidEmitter.diagram(project: project, pipeline: variant) == """
                flowchart LR
                  subgraph production["production (111111111111, eu-west-1)"]
                    logs["CloudWatch Logs<br/>/haproxy/integrations-api"]
                    firehose["Firehose<br/>acme-integrations-usage"]
                    raw[("S3 raw<br/>acme-integrations-usage-raw-111111111111")]
                  end
                  subgraph production_processing["production processing"]
                    rule["EventBridge rule<br/>acme-integrations-usage-objects"]
                    dlq["SQS dead letters<br/>acme-integrations-usage-events-dlq"]
                    processor["Lambda integration-enricher<br/>IntegrationEnricher, arm64"]
                    lake[("S3 lake<br/>acme-integrations-usage-lake-111111111111")]
                    table["Glue table<br/>integrations.integration_requests"]
                    crawler["Glue crawler<br/>hourly"]
                    athena["Athena workgroup<br/>acme-integrations-usage"]
                    lookups["Athena catalog directory<br/>federated lookups"]
                  end
                  logs -->|every event| firehose
                  firehose -->|gzipped JSON batches| raw
                  raw -->|Object Created| rule
                  rule --> processor
                  rule -.->|undeliverable| dlq
                  processor -.->|lookups| lookups
                  processor -->|rows and quarantine| lake
                  crawler -->|partitions| table
                  lake --- table
                  table --> athena

                """)
    }

    @Test("crawler or projection: the node that finds partitions is the only difference")
    func crawlerOrProjection() throws {
        let (project, pipeline) = try DiagramVariants.example()
        let crawler = MermaidEmitter.diagram(project: project, pipeline: pipeline)
        let projection = MermaidEmitter.diagram(project: project, pipeline: DiagramVariants.projection(pipeline))
        #expect(
            changedLines(crawler, projection) == [
                "-    crawler[\"Glue crawler<br/>hourly\"]", "-  crawler -->|partitions| table",
                "+    projection[\"Partition projection<br/>dt since 2024-01-01\"]",
                "+  projection -->|partitions| table",
            ])
    }

    @Test("with or without enrichment: the lookup catalog and the processor's flow to it")
    func enrichment() throws {
        let (project, pipeline) = try DiagramVariants.example()
        let with = MermaidEmitter.diagram(project: project, pipeline: pipeline)
        let without = MermaidEmitter.diagram(project: project, pipeline: DiagramVariants.withoutEnrichment(pipeline))
        #expect(
            changedLines(with, without) == [
                "-    lookups[\"Athena catalog directory<br/>federated lookups\"]",
                "-  processor -.->|lookups| lookups",
            ])
    }

    @Test("declaration text in a label is text: quotes, markup and backticks are escaped, Sluice's line breaks kept")
    func hostileLabels() throws {
        let (project, pipeline) = try DiagramVariants.example()
        let drawn = MermaidEmitter.diagram(project: project, pipeline: DiagramVariants.hostile(pipeline))
        #expect(drawn.contains("    logs[\"CloudWatch Logs<br/>/a#quot;b#lt;br/#gt;#35;c#96;d\"]\n"))
        #expect(drawn.contains("    table[\"Glue table<br/>db#lt;x#gt;.integration_requests\"]\n"))
    }

    @Test(
        "every flow joins two drawn nodes, each drawn once",
        arguments: ["example", "single", "projection", "plain", "single projection plain"])
    func flowsJoinDrawnNodes(variant: String) throws {
        let (project, example) = try DiagramVariants.example()
        var pipeline = example
        if variant.contains("single") { pipeline = DiagramVariants.singleAccount(pipeline) }
        if variant.contains("projection") { pipeline = DiagramVariants.projection(pipeline) }
        if variant.contains("plain") { pipeline = DiagramVariants.withoutEnrichment(pipeline) }
        let diagram = try #require(CloudGraph(project: project, pipelines: [pipeline]).diagram(of: pipeline.name))
        let ids = diagram.nodes.map(\.id)
        #expect(Set(ids).count == ids.count)
        for flow in diagram.flows {
            #expect(ids.contains(flow.from) && ids.contains(flow.to), "\(flow.from) -> \(flow.to)")
        }
    }

    /// The lines only the first text has (`-`), then those only the second has (`+`).
    private func changedLines(_ first: String, _ second: String) -> [String] {
        let before = first.components(separatedBy: "\n")
        let after = second.components(separatedBy: "\n")
        return before.filter { !after.contains($0) }.map { "-" + $0 }
            + after.filter { !before.contains($0) }.map { "+" + $0 }
    }
}
