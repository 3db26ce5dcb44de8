import ArgumentParser
import Foundation
import SluiceModel

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract:
            "Show each pipeline's alarms, dead-letter queues and last day of processing, on one screen.",
        discussion: """
            Reads, in each account holding the pipeline's alarms, the CloudWatch alarms named with its prefix; in \
            the analytics account, the depth of both dead-letter queues and the processor's metrics (rows, \
            quarantined and objects over the last 24 hours, and when the last object was processed). Read-only: \
            it assumes each account's plan_role.

            Exit status: 2 when an alarm is in ALARM or a dead-letter queue holds messages (even if another part \
            could not be read), 1 when a part could not be read, 0 when all is clear.
            """)

    @OptionGroup var project: ProjectOptions

    @Option(name: .long, help: "The pipeline to show (all when omitted).")
    var pipeline: String?

    @OptionGroup var target: TargetOptions

    func run() throws {
        let (workspace, _) = try loadGraph(project)
        guard let declaredProject = workspace.project else { throw ExitCode(1) }
        let pipelines =
            try pipeline.map { [try SluiceCommands.pipeline(named: $0, in: workspace)] }
            ?? workspace.pipelines.sorted { $0.name < $1.name }
        let resolved = try target.resolve(root: URL(fileURLWithPath: project.root))
        print(resolved.headline)
        var statuses: [PipelineStatus] = []
        for declared in pipelines {
            guard let names = Names(project: declaredProject, pipeline: declared) else {
                throw ExitCode(1)
            }
            let now = Date()
            let reader = StatusReader(target: resolved)
            let status = try blocking { await reader.read(names, now: now) }
            print()
            print(status.render(now: now), terminator: "")
            statuses.append(status)
        }
        let code = PipelineStatus.exitCode(statuses)
        if code != 0 { throw ExitCode(code) }
    }
}
