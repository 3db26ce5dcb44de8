import SluiceCloud
import SluiceModel

/// A Mermaid flowchart of one pipeline: its stages, the accounts they run in, and what flows between them, drawn
/// from the diagram its stages describe.
package enum MermaidEmitter {
    /// The diagram of one pipeline of the project, empty when it names an account the project does not declare.
    package static func diagram(project: Project, pipeline: Pipeline) -> String {
        diagram(graph: CloudGraph(project: project, pipelines: [pipeline]), pipeline: pipeline.name)
    }

    /// The diagram of one pipeline of the graph, empty when the graph does not hold it.
    package static func diagram(graph: CloudGraph, pipeline: String) -> String {
        graph.diagram(of: pipeline).map(diagram) ?? ""
    }

    /// The flowchart: a subgraph per account holding its nodes, then the flows.
    package static func diagram(_ diagram: PipelineDiagram) -> String {
        let source = diagram.source
        let analytics = diagram.analytics
        var lines = ["flowchart LR"]
        func title(_ account: Account) -> String {
            "\(Mermaid.label(account.name)) (\(Mermaid.label(account.id)), \(Mermaid.label(account.region)))"
        }
        // A pipeline processed in its source account draws its processing apart from its delivery, in the same
        // account: the subgraph needs an id of its own.
        let sections: [(PipelineAccount, String)] = [
            (.source, "\(source.name)[\"\(title(source))\"]"),
            source.name == analytics.name
                ? (.analytics, "\(analytics.name)_processing[\"\(Mermaid.label(analytics.name)) processing\"]")
                : (.analytics, "\(analytics.name)[\"\(title(analytics))\"]"),
        ]
        for (account, header) in sections {
            let nodes = diagram.nodes(in: account)
            if nodes.isEmpty { continue }
            lines.append("  subgraph \(header)")
            lines += nodes.map { "    \(node($0))" }
            lines.append("  end")
        }
        lines += diagram.flows.map { "  \(flow($0))" }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func node(_ node: DiagramNode) -> String {
        let label = text(node.label)
        switch node.shape {
        case .box: return "\(node.id)[\"\(label)\"]"
        case .store: return "\(node.id)[(\"\(label)\")]"
        }
    }

    private static func flow(_ flow: DiagramFlow) -> String {
        let arrow: String
        switch flow.style {
        case .data: arrow = "-->"
        case .side: arrow = "-.->"
        case .association: arrow = "---"
        }
        let label = flow.label.map { "|\(text($0))|" } ?? ""
        return "\(flow.from) \(arrow)\(label) \(flow.to)"
    }

    /// Sluice's words as they are, with `<br/>` for their line breaks; declaration text as text.
    private static func text(_ text: DiagramText) -> String {
        text.parts.map { part in
            switch part {
            case .words(let words):
                words.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "<br/>")
            case .declared(let declared): Mermaid.label(declared)
            }
        }.joined()
    }
}
