import SluiceModel

extension DiagramNodeID {
    /// The Firehose delivery stream.
    static let firehose: Self = "firehose"
    /// The raw bucket Firehose writes.
    static let raw: Self = "raw"
}

/// The delivery stage: the Firehose stream and the raw bucket it writes, in the source account.
extension DeliveryResources: PipelineStage {
    static var stage: Stage { .delivery }

    static func expand(_ context: PipelineContext, into stacks: inout PipelineStacks, state: inout ExpansionState) {
        let delivery = add(context, to: &stacks.source)
        state.deliveryStream = delivery.stream
        state.rawBucket = delivery.bucket
        // Objects are processed where Firehose writes them, unless replication moves them to another account.
        state.landing = ExpansionState.Landing(bucket: delivery.bucket, node: .raw)
    }

    static func diagram(_ context: PipelineContext, state: ExpansionState) -> StageDiagram {
        let batches: DiagramText =
            context.pipeline.delivery.mode == .extracted ? "gzipped lines" : "gzipped JSON batches"
        return StageDiagram(
            nodes: [
                DiagramNode(.firehose, "Firehose\n\(context.names.deliveryStream)", in: .source),
                DiagramNode(.raw, "S3 raw\n\(context.names.rawBucket)", shape: .store, in: .source),
            ],
            flows: [DiagramFlow(from: .firehose, to: .raw, batches)])
    }
}
