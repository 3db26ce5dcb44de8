import SluiceModel

/// One pipeline's parts of the stacks its stages add resources to. A stage names where a resource is applied
/// (`source`, `analytics`, `images`, `quickSight`); which stack that is, and the order stacks are applied in, are
/// decided here, whatever the stages.
struct PipelineStacks {
    private let context: PipelineContext
    /// The parts by stack name: a pipeline processed in its source account has one part for `source` and `analytics`.
    private var parts: [String: StackBuilder] = [:]
    /// Stack names in the order the stages first added to them.
    private var order: [String] = []

    init(_ context: PipelineContext) { self.context = context }

    /// The source account's stack: the log group, the subscription, the delivery stream, the raw bucket.
    var source: StackBuilder {
        get { part(context.source, context.source.name) }
        set { store(newValue) }
    }

    /// The analytics account's stack (the source account's when the pipeline does not replicate).
    var analytics: StackBuilder {
        get { part(context.analytics, context.analytics.name) }
        set { store(newValue) }
    }

    /// The analytics account's image repositories, applied before the images are pushed.
    var images: StackBuilder {
        get { part(context.analytics, Stack.imagesName(context.analytics)) }
        set { store(newValue) }
    }

    /// The analytics account's QuickSight resources, applied after the data path, which never waits on BI.
    var quickSight: StackBuilder {
        get { part(context.analytics, Stack.quickSightName(context.analytics)) }
        set { store(newValue) }
    }

    /// The parts the stages added to, each with the stacks that must be applied before it: the analytics stack after
    /// its image repositories, the QuickSight stack after the analytics stack, and a source stack in another account
    /// after the analytics stack, whose landing bucket its replication writes to.
    func placed() -> [Stack] {
        let analyticsName = context.analytics.name
        let imagesName = Stack.imagesName(context.analytics)
        return order.compactMap { name in
            guard var stack = parts[name]?.stack else { return nil }
            if name == analyticsName, parts[imagesName] != nil { stack.after.insert(imagesName) }
            if name == Stack.quickSightName(context.analytics) { stack.after.insert(analyticsName) }
            if name == context.source.name, name != analyticsName { stack.after.insert(analyticsName) }
            return stack
        }
    }

    private func part(_ account: Account, _ name: String) -> StackBuilder {
        parts[name] ?? StackBuilder(account: account, pipeline: context.pipeline.name, stackName: name)
    }

    private mutating func store(_ builder: StackBuilder) {
        if parts[builder.stack.name] == nil { order.append(builder.stack.name) }
        parts[builder.stack.name] = builder
    }
}
