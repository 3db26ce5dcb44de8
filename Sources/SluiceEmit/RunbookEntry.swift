import SluiceModel

/// One alarm's runbook entry, as Markdown: what it means, what usually causes it, what to run. Every name in it goes
/// through `Markdown`, and the commands are the ones the CLI takes (`sluice status`, `redrive`, `replay`).
struct RunbookEntry {
    let means: String
    let causes: String
    let run: String

    // The switch is exhaustive: a new alarm does not compile without its entry.
    static func of(_ alarm: PipelineAlarm, pipeline: Pipeline, names: Names) -> RunbookEntry {
        let thresholds = pipeline.alerts.thresholds
        let status = Markdown.code("sluice status --pipeline \(pipeline.name)")
        let redrive =
            "\(Markdown.code("sluice redrive --pipeline \(pipeline.name) --dry-run")) to see what the queues hold, "
            + "then \(Markdown.code("sluice redrive --pipeline \(pipeline.name)")) to process it (a message is "
            + "deleted only once its object was processed)"
        let replay =
            "\(Markdown.code("sluice replay --pipeline \(pipeline.name) --since TIME --until TIME --dry-run")), "
            + "then without \(Markdown.code("--dry-run")), to process the window's landed objects again (outputs "
            + "are overwritten, so a replay never duplicates rows)"
        let logGroup = Markdown.code(pipeline.source.logGroup)
        let stream = Markdown.code(names.deliveryStream)
        let function = Markdown.code(names.function)
        switch alarm {
        case .subscriptionDeliveryErrors:
            return RunbookEntry(
                means: "CloudWatch Logs got errors forwarding events of \(logGroup) to the Firehose stream \(stream) "
                    + "(at least \(thresholds.errors) in a period; counted over every subscription of the log group).",
                causes: "the logs role \(Markdown.code(names.logsRole)) lost `firehose:PutRecordBatch`; the stream "
                    + "was deleted or is being changed. A non-retryable error disables the subscription for up to 10 "
                    + "minutes, and the events of that time are skipped.",
                run: "\(status); fix the role or the stream (`sluice plan` shows drift). Skipped events never reached "
                    + "the raw bucket: export them from the log group if they matter.")
        case .subscriptionThrottling:
            return RunbookEntry(
                means: "Firehose throttled the subscription of \(logGroup) (at least \(thresholds.throttles) events in "
                    + "a period). CloudWatch Logs retries for up to 24 hours.",
                causes: "more data than the stream's throughput quota (records or MiB per second).",
                run: "\(status); if it lasts, ask AWS to raise the Firehose quota of \(stream).")
        case .firehoseDelivery:
            return RunbookEntry(
                means: "Firehose stream \(stream) failed to put objects into the raw bucket "
                    + "\(Markdown.code(names.rawBucket)); it retries, then writes what it gives up on under "
                    + "\(Markdown.code(names.rawErrorPrefix)).",
                causes:
                    "the Firehose role \(Markdown.code(names.firehoseRole)) or the bucket policy changed; the bucket "
                    + "is gone.",
                run: "\(status); read the stream's error logs; after the fix, records under the error prefix must be "
                    + "copied back by hand.")
        case .firehoseFreshness:
            return RunbookEntry(
                means: "the oldest record in \(stream) waited more than "
                    + "\(pipeline.delivery.bufferingIntervalSeconds + thresholds.freshnessMarginSeconds) seconds (the "
                    + "buffering interval plus \(thresholds.freshnessMarginSeconds) s).",
                causes: "deliveries failing and retried (see firehose-delivery), or more data than the stream keeps up "
                    + "with.",
                run: "\(status); fix delivery first; data arrives late, not lost, unless Firehose gives up after a day."
            )
        case .replicationFailures:
            return RunbookEntry(
                means: "S3 failed to replicate objects from \(Markdown.code(names.rawBucket)) to the landing bucket "
                    + "\(Markdown.code(names.landingBucket)).",
                causes: "the landing bucket's policy, the replication role \(Markdown.code(names.replicationRole)) "
                    + "or versioning changed. S3 does not retry failed objects by itself.",
                run: "\(status); fix the cause, replicate the failed objects again (S3 Batch Replication), then "
                    + "\(replay).")
        case .eventsFailedInvocations:
            return RunbookEntry(
                means: "EventBridge rule \(Markdown.code(names.eventRule)) could not invoke the processor "
                    + "\(function) after its retries; the events wait in \(Markdown.code(names.deadLetterQueue)).",
                causes: "the function's permission for EventBridge was removed, the function is gone, or it was "
                    + "throttled for a day.",
                run: "\(status); fix the cause, then \(redrive).")
        case .lambdaErrors:
            return RunbookEntry(
                means: "the processor \(function) failed at least \(thresholds.errors) times in a period; Lambda "
                    + "retries twice, then parks the event in \(Markdown.code(names.processorDeadLetterQueue)).",
                causes: "an object it cannot read, a timeout, memory, a lookup that fails, a bad deploy.",
                run: "\(status); read \(Markdown.code(names.functionLogGroup)); after the fix, \(redrive).")
        case .lambdaThrottles:
            return RunbookEntry(
                means: "Lambda throttled the processor \(function) (at least \(thresholds.throttles) in a period); "
                    + "it retries throttled events for up to 6 hours.",
                causes: "its reserved concurrency, or the account's concurrency quota, is used up.",
                run: "\(status); raise `processor.reserved_concurrency` or the quota; events past their retries "
                    + "are in the dead-letter queues: \(redrive).")
        case .eventsDeadLetters:
            return RunbookEntry(
                means: "\(Markdown.code(names.deadLetterQueue)) holds events of objects EventBridge never delivered "
                    + "to the processor: those objects are not in the lake. Messages are kept 14 days.",
                causes: "see events-failed-invocations.",
                run: "\(status); fix the cause, then \(redrive).")
        case .processorDeadLetters:
            return RunbookEntry(
                means: "\(Markdown.code(names.processorDeadLetterQueue)) holds invocations the processor failed after "
                    + "Lambda's retries: those objects are not in the lake. Messages are kept 14 days.",
                causes: "see lambda-errors.",
                run: "\(status); read \(Markdown.code(names.functionLogGroup)); fix, deploy, then \(redrive).")
        case .quarantineRatio:
            return RunbookEntry(
                means: "at least \(thresholds.quarantineRatioPercent)% of the lines read in "
                    + "\(thresholds.quarantineWindowMinutes) minutes were quarantined (Sluice metrics Quarantined / "
                    + "Lines).",
                causes: "the log format changed upstream, a lookup fails, objects are damaged. The lines and their "
                    + "reasons are under \(Markdown.code("s3://\(names.lakeBucket)/\(names.quarantinePrefix)")).",
                run: "\(status); fix the format or transform, deploy, then \(replay).")
        case .noRows:
            return RunbookEntry(
                means: "the processor wrote no rows for \(thresholds.quietPeriodMinutes) minutes (no data counts as "
                    + "no rows).",
                causes: "the source stopped logging or the filter pattern matches nothing; any stage before it is "
                    + "broken (see the other alarms); the processor fails.",
                run: "\(status); if the source is quiet by design, raise `alerts.thresholds.quiet_period_minutes`.")
        }
    }
}
