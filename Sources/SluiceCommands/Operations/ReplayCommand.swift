import ArgumentParser
import Foundation
import SluiceModel
import SluiceRuntime

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Have the processor process again the landed objects of a time window.",
        discussion: """
            Lists the pipeline's landing bucket (under its raw prefix) for objects whose LastModified is in \
            [--since, --until), and invokes the processor asynchronously on each with an S3 Object Created event, \
            at --rate invocations a second. Outputs are named after the input object, so a replay overwrites \
            rather than duplicates. Acts with the analytics account's deploy_role.

            Each object handed over is recorded in a checkpoint under .sluice/replay/, keyed by pipeline, target and \
            window: a run cut short resumes when run again with the same window (the times it prints), skipping \
            what was done. TIME: ISO 8601 (2026-12-01T10:00:00Z, or a date alone: its midnight UTC) or back from \
            now (90m, 24h, 7d). Exit status: 0 when every object was handed over, 1 otherwise.
            """)

    @OptionGroup var project: ProjectOptions

    @Option(name: .long, help: "The pipeline whose objects are replayed.")
    var pipeline: String

    @Option(name: .long, help: "The start of the window (included).")
    var since: String

    @Option(name: .long, help: "The end of the window (excluded); now when omitted.")
    var until: String?

    @Flag(name: .long, help: "List the objects a replay would process, and do nothing.")
    var dryRun = false

    @OptionGroup var processorOptions: ProcessorOptions

    @Option(
        name: .long,
        help:
            "Invocations a second (\(RateLimiter.range.lowerBound)...\(RateLimiter.range.upperBound)).")
    var rate = RateLimiter.defaultRate

    @OptionGroup var target: TargetOptions

    func validate() throws {
        guard RateLimiter.range.contains(rate) else {
            throw ValidationError(
                "--rate must be \(RateLimiter.range.lowerBound)...\(RateLimiter.range.upperBound) invocations a "
                    + "second, not \(rate)")
        }
    }

    func run() throws {
        let window: ReplayWindow
        do {
            window = try ReplayWindow.parse(since: since, until: until, now: Date())
        } catch {
            throw ValidationError("\(error)")
        }
        let (workspace, _) = try loadGraph(project)
        let (declared, names) = try pipelineAndNames(named: pipeline, in: workspace)
        let root = URL(fileURLWithPath: project.root)
        let resolved = try target.resolve(root: root)
        print(resolved.headline)
        print(
            "window: \(window.description) of LastModified (to resume a run cut short: --since "
                + "\(OperationTime.format(window.since)) --until \(OperationTime.format(window.until)))")
        let (credentials, listed) = try listLanding(names, resolved)
        let selected = Replay.select(listed, window: window)
        let checkpoint = try ReplayCheckpoint(
            root: root, pipeline: declared.name, target: resolved.slug, window: window)
        defer { checkpoint.close() }
        let pending = selected.filter { !checkpoint.done.contains($0.key) }
        print(
            "\(selected.count) of \(listed.count) object\(listed.count == 1 ? "" : "s") under "
                + "s3://\(names.landingBucket)/\(names.rawKeyPrefix) in the window"
        )
        if pending.count < selected.count {
            print(
                "resuming: \(selected.count - pending.count) were replayed by an earlier run of this window and are "
                    + "skipped (checkpoint \(DisplayPath.of(checkpoint.file.path, root: project.root)); delete it to "
                    + "replay them again)")
        }
        if dryRun {
            for object in pending { print("would replay s3://\(names.landingBucket)/\(object.key)") }
            print("dry run: nothing was invoked")
            return
        }
        guard !pending.isEmpty else {
            print("nothing to replay")
            return
        }
        let processor = try OperationsProcessor.start(
            names: names, declared: declared, target: resolved, credentials: credentials, options: processorOptions)
        print(
            "replaying \(pending.count) object\(pending.count == 1 ? "" : "s") through \(processor.description), "
                + "\(rate) a second")
        fflush(nil)
        var limiter = RateLimiter(perSecond: rate)
        var progress = OperationProgress(total: pending.count, verb: "replayed")
        let outcome = try Replay.run(
            pending, checkpoint: checkpoint, limiter: &limiter, progress: &progress
        ) {
            try processor.submit(processor.event(key: $0.key))
        }
        progress.interrupt()
        for failure in outcome.failed {
            printError("error: s3://\(names.landingBucket)/\(failure.key): \(failure.reason)")
        }
        let skipped = selected.count - pending.count
        print("replayed \(outcome.invoked.count), failed \(outcome.failed.count), skipped \(skipped)")
        if !outcome.failed.isEmpty {
            printError(
                "error: \(outcome.failed.count) object\(outcome.failed.count == 1 ? " was" : "s were") not replayed; "
                    + "run the same command with --since \(OperationTime.format(window.since)) --until "
                    + "\(OperationTime.format(window.until)) to retry only those")
            throw ExitCode(1)
        }
    }

    /// The analytics account's deploy-role credentials and every object under the landing bucket's raw prefix.
    private func listLanding(_ names: Names, _ target: OperationsTarget) throws -> (AWSCredentials, [LandingObject]) {
        let account = names.analyticsAccount
        let (bucket, prefix) = (names.landingBucket, names.rawKeyPrefix)
        do {
            let credentials = try blocking { try await target.credentials(in: account, .deploy) }
            let s3 = try target.client(S3Client.self, region: account.region, credentials: credentials)
            let listed = try blocking { try await s3.listAllObjects(bucket: bucket, prefix: prefix) }
            return (
                credentials, listed.map { LandingObject(key: $0.key, lastModified: $0.lastModified, size: $0.size) }
            )
        } catch {
            printError("error: cannot list s3://\(bucket)/\(prefix) as \(account.name)'s deploy role: \(error)")
            throw ExitCode(1)
        }
    }
}
