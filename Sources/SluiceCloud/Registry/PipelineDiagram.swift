import SluiceModel

/// Names a node of a pipeline's diagram. The stage that draws a node declares its name; other stages draw flows to it
/// by that name.
package struct DiagramNodeID: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    package let name: String

    package init(stringLiteral name: String) { self.name = name }

    package var description: String { name }
}

/// The account of a pipeline a diagram node runs in.
package enum PipelineAccount: Sendable, Equatable {
    /// Where the logs are written and delivered.
    case source
    /// Where they are processed and queried (the source account when the pipeline does not replicate).
    case analytics
}

/// One thing a stage draws: a service or a store, in one of the pipeline's accounts.
package struct DiagramNode: Sendable, Equatable {
    package enum Shape: Sendable, Equatable {
        /// A service or a resource that acts.
        case box
        /// A bucket: where data rests.
        case store
    }

    package var id: DiagramNodeID
    package var label: DiagramText
    package var shape: Shape
    package var account: PipelineAccount

    package init(_ id: DiagramNodeID, _ label: DiagramText, shape: Shape = .box, in account: PipelineAccount) {
        self.id = id
        self.label = label
        self.shape = shape
        self.account = account
    }
}

/// What moves from one node to another.
package struct DiagramFlow: Sendable, Equatable {
    package enum Style: Sendable, Equatable {
        /// Data moves along it, every time.
        case data
        /// A side path: dead letters, lookups.
        case side
        /// No movement: the two describe the same data (the lake and its table).
        case association
    }

    package var from: DiagramNodeID
    package var to: DiagramNodeID
    package var label: DiagramText?
    package var style: Style

    package init(from: DiagramNodeID, to: DiagramNodeID, _ label: DiagramText? = nil, style: Style = .data) {
        self.from = from
        self.to = to
        self.label = label
        self.style = style
    }
}

/// A stage's part of its pipeline's diagram: its nodes and the flows that exist because of it.
package struct StageDiagram: Sendable, Equatable {
    package var nodes: [DiagramNode]
    package var flows: [DiagramFlow]

    package init(nodes: [DiagramNode] = [], flows: [DiagramFlow] = []) {
        self.nodes = nodes
        self.flows = flows
    }
}

/// A pipeline's diagram, as its stages describe it: their nodes and flows in the order data flows through the
/// stages, and the accounts the nodes run in.
package struct PipelineDiagram: Sendable {
    package var pipeline: String
    package var source: Account
    package var analytics: Account
    package var nodes: [DiagramNode]
    package var flows: [DiagramFlow]

    /// Joins the stages' parts, ordered by stage; parts of one stage keep the registry's order.
    init(_ context: PipelineContext, parts: [(stage: Stage, diagram: StageDiagram)]) {
        let ordered = parts.enumerated().sorted { ($0.element.stage, $0.offset) < ($1.element.stage, $1.offset) }
        pipeline = context.pipeline.name
        source = context.source
        analytics = context.analytics
        nodes = ordered.flatMap(\.element.diagram.nodes)
        flows = ordered.flatMap(\.element.diagram.flows)
    }

    /// The nodes in one account, in order.
    package func nodes(in account: PipelineAccount) -> [DiagramNode] { nodes.filter { $0.account == account } }
}
