/// The pipeline stage a resource belongs to, for docs, diagrams and plan summaries, in the order data flows through
/// them: the docs list a stack's resources and the diagram draws its nodes in this order.
///
/// A new stage adds its case here and its type to `StageRegistry.standard` below: these two lines are all it adds
/// outside its own files.
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
    /// Alarms and their topics: they watch every stage before them.
    case alerts
    /// The pipeline's CloudWatch dashboard, graphing every stage.
    case dashboard

    package static func < (lhs: Stage, rhs: Stage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The stages every pipeline expands through.
enum StageRegistry {
    /// In expansion order: each stage after the ones whose resources it refers to (the source's subscription needs
    /// the delivery stream, the trigger needs the function). Stacks and their apply order do not depend on it; the
    /// docs and the diagram order stages by `Stage`, the order data flows through them.
    static var standard: [any PipelineStage.Type] {
        [
            DeliveryResources.self, SourceResources.self, ReplicationResources.self, LakeResources.self,
            QueryResources.self, ProcessorResources.self, TriggerResources.self, CatalogResources.self,
            QuickSightResources.self, AlertResources.self, DashboardResources.self,
        ]
    }
}
