/// What a pipeline's stages have made that later stages build on. Each slot is filled by the stage that owns it and
/// read by the stages after it in the registry.
struct ExpansionState {
    /// The Firehose stream (delivery), which the source's subscription filter sends events to.
    var deliveryStream: KinesisFirehoseDeliveryStream.Handle?
    /// The bucket Firehose writes (delivery), which replication copies from.
    var rawBucket: StackBuilder.PrivateBucket?
    /// Where objects arrive for processing: the raw bucket (delivery), or the landing bucket when replication moves
    /// them to another account.
    var landing: Landing?
    /// The lake bucket (lake), which the processor writes and the catalog describes.
    var lakeBucket: StackBuilder.PrivateBucket?
    /// The Athena workgroup, its results bucket and the lookup catalog (query), which the processor uses.
    var query: QueryResources.Added?
    /// The processor's function (processor), which the trigger invokes.
    var function: LambdaFunction.Handle?

    /// The bucket whose Object Created events start processing, and its node in the diagram.
    struct Landing {
        var bucket: StackBuilder.PrivateBucket
        var node: DiagramNodeID
    }

    /// A slot an earlier stage fills. The registry's order is code, not input: a stage listed before the one that
    /// publishes what it needs is a programming error, which every test that builds a graph meets.
    func required<Value>(_ slot: KeyPath<ExpansionState, Value?>, by stage: any PipelineStage.Type) -> Value {
        guard let value = self[keyPath: slot] else {
            preconditionFailure("stage \(stage) needs \(slot), which no stage before it in the registry publishes")
        }
        return value
    }
}
