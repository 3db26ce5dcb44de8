import SluiceModel

/// A Mermaid flowchart of one pipeline: its stages, the accounts they run in, and what flows between them.
public enum MermaidEmitter {
    public static func diagram(project: Project, pipeline: Pipeline) -> String {
        guard let names = Names(project: project, pipeline: pipeline) else { return "" }
        let source = names.sourceAccount
        let analytics = names.analyticsAccount
        let processor = pipeline.processor
        var lines = ["flowchart LR"]
        func node(_ id: String, _ label: String, shape: String = "box") -> String {
            let text = label.replacingOccurrences(of: "\"", with: "#quot;")
            return shape == "store" ? "\(id)[(\"\(text)\")]" : "\(id)[\"\(text)\"]"
        }
        lines.append("  subgraph \(source.name)[\"\(source.name) (\(source.id), \(source.region))\"]")
        lines.append("    \(node("logs", "CloudWatch Logs<br/>\(pipeline.source.logGroup)"))")
        lines.append("    \(node("firehose", "Firehose<br/>\(names.deliveryStream)"))")
        lines.append("    \(node("raw", "S3 raw<br/>\(names.rawBucket)", shape: "store"))")
        lines.append("  end")
        if names.replicates {
            lines.append("  subgraph \(analytics.name)[\"\(analytics.name) (\(analytics.id), \(analytics.region))\"]")
            lines.append("    \(node("landing", "S3 landing<br/>\(names.landingBucket)", shape: "store"))")
        } else {
            lines.append("  subgraph \(analytics.name)_processing[\"\(analytics.name) processing\"]")
        }
        lines.append("    \(node("rule", "EventBridge rule<br/>\(names.eventRule)"))")
        lines.append("    \(node("dlq", "SQS dead letters<br/>\(names.deadLetterQueue)"))")
        lines.append("    \(node("processor", "Lambda \(processor.name)<br/>\(processor.targetName), \(processor.architecture.rawValue)"))")
        lines.append("    \(node("lake", "S3 lake<br/>\(names.lakeBucket)", shape: "store"))")
        lines.append("    \(node("table", "Glue table<br/>\(pipeline.catalog.database).\(processor.output.name)"))")
        switch pipeline.catalog.discovery {
        case .crawler(let schedule):
            lines.append("    \(node("crawler", "Glue crawler<br/>\(schedule.written)"))")
        case .projection(let projection):
            lines.append("    \(node("projection", "Partition projection<br/>\(projection.key) since \(projection.since)"))")
        }
        lines.append("    \(node("athena", "Athena workgroup<br/>\(names.workgroup)"))")
        if let enrichment = processor.enrichment {
            lines.append("    \(node("lookups", "Athena catalog \(enrichment.catalog)<br/>federated lookups"))")
        }
        lines.append("  end")
        let filter = pipeline.source.filterPattern.isEmpty ? "every event" : "filter pattern"
        lines.append("  logs -->|\(filter)| firehose")
        lines.append("  firehose -->|\(pipeline.delivery.mode == .extracted ? "gzipped lines" : "gzipped JSON batches")| raw")
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
