import SluiceModel

/// A Mermaid flowchart of one pipeline: its stages, the accounts they run in, and what flows between them.
package enum MermaidEmitter {
    package static func diagram(project: Project, pipeline: Pipeline) -> String {
        guard let names = Names(project: project, pipeline: pipeline) else { return "" }
        let source = names.sourceAccount
        let analytics = names.analyticsAccount
        let processor = pipeline.processor
        var lines = ["flowchart LR"]
        // Labels are Sluice's words and markup (`<br/>`) around declaration text, which goes through `m`.
        func node(_ id: String, _ label: String, shape: String = "box") -> String {
            shape == "store" ? "\(id)[(\"\(label)\")]" : "\(id)[\"\(label)\"]"
        }
        func m(_ text: String) -> String { Mermaid.label(text) }
        lines.append("  subgraph \(source.name)[\"\(m(source.name)) (\(m(source.id)), \(m(source.region)))\"]")
        lines.append("    \(node("logs", "CloudWatch Logs<br/>\(m(pipeline.source.logGroup))"))")
        lines.append("    \(node("firehose", "Firehose<br/>\(m(names.deliveryStream))"))")
        lines.append("    \(node("raw", "S3 raw<br/>\(m(names.rawBucket))", shape: "store"))")
        lines.append("  end")
        if names.replicates {
            let title = "\(m(analytics.name)) (\(m(analytics.id)), \(m(analytics.region)))"
            lines.append("  subgraph \(analytics.name)[\"\(title)\"]")
            lines.append("    \(node("landing", "S3 landing<br/>\(m(names.landingBucket))", shape: "store"))")
        } else {
            lines.append("  subgraph \(analytics.name)_processing[\"\(m(analytics.name)) processing\"]")
        }
        lines.append("    \(node("rule", "EventBridge rule<br/>\(m(names.eventRule))"))")
        lines.append("    \(node("dlq", "SQS dead letters<br/>\(m(names.deadLetterQueue))"))")
        let lambda = "Lambda \(m(processor.name))<br/>\(m(processor.targetName)), \(processor.architecture.rawValue)"
        lines.append("    \(node("processor", lambda))")
        lines.append("    \(node("lake", "S3 lake<br/>\(m(names.lakeBucket))", shape: "store"))")
        let table = "Glue table<br/>\(m(pipeline.catalog.database)).\(m(processor.output.name))"
        lines.append("    \(node("table", table))")
        switch pipeline.catalog.discovery {
        case .crawler(let schedule):
            lines.append("    \(node("crawler", "Glue crawler<br/>\(m(schedule.written))"))")
        case .projection(let projection):
            let label = "Partition projection<br/>\(m(projection.key)) since \(m(projection.since))"
            lines.append("    \(node("projection", label))")
        }
        lines.append("    \(node("athena", "Athena workgroup<br/>\(m(names.workgroup))"))")
        if let enrichment = processor.enrichment {
            lines.append("    \(node("lookups", "Athena catalog \(m(enrichment.catalog))<br/>federated lookups"))")
        }
        lines.append("  end")
        let filter = pipeline.source.filterPattern.isEmpty ? "every event" : "filter pattern"
        lines.append("  logs -->|\(filter)| firehose")
        lines.append(
            "  firehose -->|\(pipeline.delivery.mode == .extracted ? "gzipped lines" : "gzipped JSON batches")| raw")
        let trigger = names.replicates ? "landing" : "raw"
        if names.replicates { lines.append("  raw -->|replication| landing") }
        lines.append("  \(trigger) -->|Object Created| rule")
        lines.append("  rule --> processor")
        lines.append("  rule -.->|undeliverable| dlq")
        if processor.enrichment != nil { lines.append("  processor -.->|lookups| lookups") }
        lines.append("  processor -->|rows and quarantine| lake")
        switch pipeline.catalog.discovery {
        case .crawler: lines.append("  crawler -->|partitions| table")
        case .projection: lines.append("  projection -->|partitions| table")
        }
        lines.append("  lake --- table")
        lines.append("  table --> athena")
        return lines.joined(separator: "\n") + "\n"
    }
}
