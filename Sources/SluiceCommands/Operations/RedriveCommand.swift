import ArgumentParser
import Foundation
import SluiceModel
import SluiceRuntime

struct RedriveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redrive",
        abstract: "Send what the pipeline's dead-letter queues hold back through the processor.",
        discussion: """
            Receives the messages of both dead-letter queues (EventBridge's and the processor's), has the \
            processor process each message's object and wait for its answer, and deletes a message only once its \
            object was processed. A failed one is made visible again and reported; a message that is not an S3 \
            Object Created event is left in its queue and reported. Acts with the analytics account's deploy_role.

            Exit status: 0 when every message was processed and deleted; 1 when any failed or was left in place.
            """)

    @OptionGroup var project: ProjectOptions

    @Option(name: .long, help: "The pipeline whose dead-letter queues are redriven.")
    var pipeline: String

    @Flag(name: .long, help: "List what the queues hold, and process and delete nothing.")
    var dryRun = false

    @OptionGroup var processorOptions: ProcessorOptions

    @OptionGroup var target: TargetOptions

    func run() throws {
        let (workspace, _) = try loadGraph(project)
        let (declared, names) = try pipelineAndNames(named: pipeline, in: workspace)
        let resolved = try target.resolve(root: URL(fileURLWithPath: project.root))
        print(resolved.headline)
        let (credentials, queues) = try openQueues(names, resolved)
        let processor =
            dryRun
            ? nil
            : try OperationsProcessor.start(
                names: names, declared: declared, target: resolved, credentials: credentials, options: processorOptions)
        if let processor {
            print(
                "redriving \(names.deadLetterQueues.joined(separator: " and ")) through \(processor.description)"
            )
        }
        fflush(nil)
        let report = try Redrive.run(queues, dryRun: dryRun) { _, body in
            try processor?.process(body) ?? false
        } report: { queue, result in
            switch result {
            case .processed(let key, let damaged):
                print(
                    "processed \(key) (from \(queue))\(damaged ? " with damage: see the quarantine" : "")")
            case .wouldProcess(let key):
                print("would redrive \(key) (from \(queue))")
            case .failed(let key, let reason):
                printError("error: \(key) (from \(queue)) failed, left in the queue: \(reason)")
            case .notAnEvent(let reason):
                printError(
                    "warning: a message of \(queue) is not an object event, left in place: \(reason)")
            }
            fflush(nil)
        }
        let messages = "\(report.entries.count) message\(report.entries.count == 1 ? "" : "s")"
        if dryRun {
            print("dry run: \(messages), nothing processed or deleted")
            return
        }
        print(
            "redrive: \(report.processed) processed and deleted, \(report.failures) failed, \(report.junk) not events "
                + "(left in place)")
        if report.failures + report.junk > 0 { throw ExitCode(1) }
    }

    /// The analytics account's deploy-role credentials and both dead-letter queues, found by name.
    private func openQueues(_ names: Names, _ target: OperationsTarget) throws -> (
        AWSCredentials, [any DeadLetterQueue]
    ) {
        let account = names.analyticsAccount
        do {
            let credentials = try blocking { try await target.credentials(in: account, .deploy) }
            let sqs = try target.client(SQSClient.self, region: account.region, credentials: credentials)
            var queues: [any DeadLetterQueue] = []
            for name in names.deadLetterQueues {
                let url = try blocking { try await sqs.queueURL(name: name) }
                queues.append(SQSDeadLetterQueue(name: name, url: url, client: sqs))
            }
            return (credentials, queues)
        } catch {
            printError("error: cannot reach the dead-letter queues as \(account.name)'s deploy role: \(error)")
            throw ExitCode(1)
        }
    }
}
