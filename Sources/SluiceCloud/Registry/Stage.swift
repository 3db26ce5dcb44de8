/// The pipeline stage a resource belongs to, for docs, diagrams and plan summaries, in the order data flows through
/// them: the docs list a stack's resources and the diagram draws its nodes in this order. A new stage adds its case
/// here and its type to `StageRegistry.standard`; nothing else outside its own files names it.
package enum Stage: String, Sendable, CaseIterable, Comparable {
    case source
    case delivery
    case replication
    case trigger
    case processor
    case lake
    case catalog
    case query
    case views
    case bi

    package static func < (lhs: Stage, rhs: Stage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
