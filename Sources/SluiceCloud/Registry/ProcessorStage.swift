import SluiceModel

extension DiagramNodeID {
    /// The processor's Lambda function.
    static let processor: Self = "processor"
}

/// The processor stage: the image repository (in the images stack, applied before the image is pushed) and the
/// function, its role, log group and dead-letter queue.
extension ProcessorResources: PipelineStage {
    static var stage: Stage { .processor }

    static func expand(_ context: PipelineContext, into stacks: inout PipelineStacks, state: inout ExpansionState) {
        addRepository(context, to: &stacks.images)
        state.function = add(
            context, to: &stacks.analytics, landing: state.required(\.landing, by: self).bucket,
            lake: state.required(\.lakeBucket, by: self), query: state.required(\.query, by: self))
    }

    static func diagram(_ context: PipelineContext, state: ExpansionState) -> StageDiagram {
        let processor = context.pipeline.processor
        let label: DiagramText =
            "Lambda \(processor.name)\n\(processor.targetName), \(processor.architecture.rawValue)"
        var flows: [DiagramFlow] = []
        if processor.enrichment != nil {
            flows.append(DiagramFlow(from: .processor, to: .lookups, "lookups", style: .side))
        }
        flows.append(DiagramFlow(from: .processor, to: .lake, "rows and quarantine"))
        return StageDiagram(nodes: [DiagramNode(.processor, label, in: .analytics)], flows: flows)
    }
}
