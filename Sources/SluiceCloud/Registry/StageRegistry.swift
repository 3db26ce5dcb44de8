/// The stages every pipeline expands through.
enum StageRegistry {
    /// In expansion order: each stage after the ones whose resources it refers to (the source's subscription needs
    /// the delivery stream, the trigger needs the function). Stacks and their apply order do not depend on it; the
    /// docs and the diagram order stages by `Stage`, the order data flows through them.
    static var standard: [any PipelineStage.Type] {
        [
            DeliveryResources.self, SourceResources.self, ReplicationResources.self, LakeResources.self,
            QueryResources.self, ProcessorResources.self, TriggerResources.self, CatalogResources.self,
            QuickSightResources.self,
        ]
    }
}
