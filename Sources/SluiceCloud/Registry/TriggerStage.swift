import SluiceModel

extension DiagramNodeID {
    /// The EventBridge rule matching the objects that arrive.
    static let rule: Self = "rule"
    /// The queue of events the rule could not deliver.
    static let deadLetters: Self = "dlq"
}

/// The trigger stage: Object Created events of the bucket where objects arrive, through EventBridge, to the processor.
extension TriggerResources: PipelineStage {
    static var stage: Stage { .trigger }

    static func expand(_ context: PipelineContext, into stacks: inout PipelineStacks, state: inout ExpansionState) {
        add(
            context, to: &stacks.analytics, landing: state.required(\.landing, by: self).bucket,
            function: state.required(\.function, by: self))
    }

    static func diagram(_ context: PipelineContext, state: ExpansionState) -> StageDiagram {
        StageDiagram(
            nodes: [
                DiagramNode(.rule, "EventBridge rule\n\(context.names.eventRule)", in: .analytics),
                DiagramNode(.deadLetters, "SQS dead letters\n\(context.names.deadLetterQueue)", in: .analytics),
            ],
            flows: [
                DiagramFlow(from: state.required(\.landing, by: self).node, to: .rule, "Object Created"),
                DiagramFlow(from: .rule, to: .processor),
                DiagramFlow(from: .rule, to: .deadLetters, "undeliverable", style: .side),
            ])
    }
}
