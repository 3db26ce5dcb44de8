import SluiceModel

/// The resources of every pipeline, grouped into one stack per account, in apply order.
package struct CloudGraph: Sendable {
    package let project: Project
    /// Stacks in the order they must be applied.
    package let stacks: [Stack]

    /// Expands a validated declaration. Pipelines naming unknown accounts are skipped: validation reports them.
    package init(project: Project, pipelines: [Pipeline]) {
        self.project = project
        var stacks: [String: Stack] = [:]
        for account in project.accounts { stacks[account.name] = Stack(account: account) }
        for pipeline in pipelines.sorted(by: { $0.name < $1.name }) {
            guard let names = Names(project: project, pipeline: pipeline) else { continue }
            let context = PipelineContext(project: project, pipeline: pipeline, names: names)
            var source = StackBuilder(account: names.sourceAccount, pipeline: pipeline.name)
            let delivery = DeliveryResources.add(context, to: &source)
            SourceResources.add(context, to: &source, stream: delivery.stream)
            var analytics: StackBuilder
            let landing: StackBuilder.PrivateBucket
            if names.replicates {
                ReplicationResources.addSource(context, to: &source, rawBucket: delivery.bucket)
                source.stack.after.insert(names.analyticsAccount.name)
                stacks[names.sourceAccount.name]!.merge(source.stack)
                analytics = StackBuilder(account: names.analyticsAccount, pipeline: pipeline.name)
                landing = ReplicationResources.addLanding(context, to: &analytics)
            } else {
                analytics = source
                landing = delivery.bucket
            }
            let lake = CatalogResources.addLake(context, to: &analytics)
            let query = QueryResources.add(context, to: &analytics)
            // The repository in a stack of its own, applied before the images job pushes to it.
            let imagesName = Stack.imagesName(names.analyticsAccount)
            var images = StackBuilder(account: names.analyticsAccount, pipeline: pipeline.name, stackName: imagesName)
            ProcessorResources.addRepository(context, to: &images)
            stacks[imagesName, default: Stack(account: names.analyticsAccount, name: imagesName)].merge(images.stack)
            analytics.stack.after.insert(imagesName)
            let function = ProcessorResources.add(context, to: &analytics, landing: landing, lake: lake, query: query)
            TriggerResources.add(context, to: &analytics, landing: landing, function: function)
            CatalogResources.add(context, to: &analytics, lake: lake)
            stacks[names.analyticsAccount.name]!.merge(analytics.stack)
            if let quickSight = pipeline.quickSight, !pipeline.datasets.isEmpty || !pipeline.dashboards.isEmpty {
                let name = Stack.quickSightName(names.analyticsAccount)
                var bi = StackBuilder(account: names.analyticsAccount, pipeline: pipeline.name, stackName: name)
                QuickSightResources.add(context, quickSight, to: &bi)
                bi.stack.after.insert(names.analyticsAccount.name)
                stacks[name, default: Stack(account: names.analyticsAccount, name: name)].merge(bi.stack)
            }
        }
        // Every account's image repositories first: the deploy workflow applies them, pushes the images, then the rest.
        let order =
            project.accounts.map(Stack.imagesName) + project.accounts.flatMap { [$0.name, Stack.quickSightName($0)] }
        self.stacks = Self.applyOrder(order.compactMap { stacks[$0] })
    }

    /// Stacks sorted so each comes after the ones it needs; ties keep the project's account order.
    static func applyOrder(_ stacks: [Stack]) -> [Stack] {
        var ordered: [Stack] = []
        var remaining = stacks
        while !remaining.isEmpty {
            let done = Set(ordered.map(\.name))
            let index = remaining.firstIndex { $0.after.isSubset(of: done) } ?? 0
            ordered.append(remaining.remove(at: index))
        }
        return ordered
    }

    /// The stack with this name (an account's name, `<account>-images` or `<account>-quicksight`).
    package func stack(_ name: String) -> Stack? { stacks.first { $0.name == name } }
}
