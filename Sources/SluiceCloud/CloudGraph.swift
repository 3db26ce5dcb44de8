import SluiceModel

/// The resources of every pipeline, grouped into one stack per account, in apply order, and each pipeline's diagram.
package struct CloudGraph: Sendable {
    package let project: Project
    /// Stacks in the order they must be applied.
    package let stacks: [Stack]
    /// Each pipeline's diagram, by pipeline name, as its stages describe it.
    package let diagrams: [String: PipelineDiagram]
    /// What a plan of each stack says besides its changes, by stack name: a pipeline without alarms, alarms that
    /// notify no one (`AlertResources.planNotes`).
    package let notes: [String: [String]]

    /// Expands a validated declaration through the standard stages. Pipelines naming unknown accounts are skipped:
    /// validation reports them.
    package init(project: Project, pipelines: [Pipeline]) {
        self.init(project: project, pipelines: pipelines, registry: StageRegistry.standard)
    }

    /// Expands every pipeline through the stages of `registry` that apply to it, in the registry's order.
    init(project: Project, pipelines: [Pipeline], registry: [any PipelineStage.Type]) {
        self.project = project
        var stacks: [String: Stack] = [:]
        for account in project.accounts { stacks[account.name] = Stack(account: account) }
        var diagrams: [String: PipelineDiagram] = [:]
        var notes: [String: [String]] = [:]
        for pipeline in pipelines.sorted(by: { $0.name < $1.name }) {
            guard let names = Names(project: project, pipeline: pipeline) else { continue }
            let context = PipelineContext(project: project, pipeline: pipeline, names: names)
            let stages = registry.filter { $0.applies(to: context) }
            var parts = PipelineStacks(context)
            var state = ExpansionState()
            for stage in stages { stage.expand(context, into: &parts, state: &state) }
            for part in parts.placed() {
                stacks[part.name, default: Stack(account: part.account, name: part.name)].merge(part)
            }
            for note in AlertResources.planNotes(context) { notes[note.stack, default: []].append(note.text) }
            diagrams[pipeline.name] = PipelineDiagram(
                context, parts: stages.map { ($0.stage, $0.diagram(context, state: state)) })
        }
        // Every account's image repositories first: the deploy workflow applies them, pushes the images, then the rest.
        let order =
            project.accounts.map(Stack.imagesName) + project.accounts.flatMap { [$0.name, Stack.quickSightName($0)] }
        self.stacks = Self.applyOrder(order.compactMap { stacks[$0] })
        self.diagrams = diagrams
        self.notes = notes
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

    /// The diagram of the pipeline with this name.
    package func diagram(of pipeline: String) -> PipelineDiagram? { diagrams[pipeline] }
}
