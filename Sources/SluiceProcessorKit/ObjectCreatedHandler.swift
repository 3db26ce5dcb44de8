import Foundation
import Logging
import SluiceProcessing
import SluiceRuntime

/// The Lambda side of a processor: an EventBridge Object Created event in, the object processed from S3 into
/// the lake, the run summary out (and in the log), and the run's metrics as one EMF record on stdout.
package struct ObjectCreatedHandler<Transform: RecordTransform>: Sendable {
    package let config: ProcessorConfig
    package let s3: S3Client
    package let run: ObjectRun<Transform>
    package let logger: Logger
    /// Receives each invocation's `MetricsRecord` line, without its newline: `MetricsRecord.standardOutput` in
    /// Lambda.
    package let metrics: @Sendable (String) -> Void

    package init(
        config: ProcessorConfig, s3: S3Client, run: ObjectRun<Transform>, logger: Logger,
        metrics: @escaping @Sendable (String) -> Void = MetricsRecord.standardOutput
    ) {
        self.config = config
        self.s3 = s3
        self.run = run
        self.logger = logger
        self.metrics = metrics
    }

    /// Handles one invocation. Throws (and Lambda retries the event, then parks it in the dead-letter queue)
    /// when the object cannot be read, looked up or written; bad lines and damaged bytes never throw: the
    /// answer's summary counts them (`damaged: true` for the latter).
    package func handle(_ invocation: Invocation, _ context: LambdaContext) async throws -> [UInt8] {
        let event: ObjectCreatedEvent
        do {
            event = try ObjectCreatedEvent.decode(Data(invocation.body))
        } catch {
            throw ProcessorError.invalidEvent("\(error)")
        }
        guard event.bucket == config.input.bucket, event.key.hasPrefix(config.input.prefix) else {
            throw ProcessorError.foreignObject(
                bucket: event.bucket, key: event.key, expected: "s3://\(config.input.bucket)/\(config.input.prefix)")
        }
        var log = logger
        log[metadataKey: "request_id"] = .string(context.requestID)
        log[metadataKey: "object"] = .string("s3://\(event.bucket)/\(event.key)")
        let clock = ContinuousClock()
        let started = clock.now
        let source = S3ObjectSource(s3: s3, bucket: event.bucket, key: event.key)
        let store = S3OutputStore(s3: s3, bucket: config.output.bucket)
        do {
            let outcome = try await run.run(inputKey: event.key, source: source, store: store)
            let duration = clock.now - started
            // Before the answer or the error below: an invocation with rejected values is counted too.
            metrics(
                MetricsRecord(
                    config: config, outcome: outcome, object: event.key, requestID: context.requestID,
                    duration: duration
                ).line)
            let fields = Self.fields(outcome, duration: duration)
            if let message = ProcessorMain.rejectionMessage(outcome.summary) {
                // Values are missing from the lake: the invocation fails, so that it shows in the function's
                // errors and the event reaches the dead-letter queue after its retries (a retry overwrites).
                log.error("values written as null", metadata: fields)
                throw ProcessorError.rejectedValues(message)
            }
            if outcome.summary.damaged {
                // The invocation still succeeds: a retry reads the same bytes. The answer says `damaged`, and
                // the quarantine holds each damaged range.
                log.error("processed with damage", metadata: fields)
            } else {
                log.info("processed", metadata: fields)
            }
            return Array(outcome.summary.json().utf8)
        } catch {
            log.error("failed", metadata: ["error": "\(error)"])
            throw error
        }
    }

    /// The run's counts as log metadata (numbers and flags, which `JSONLogHandler` writes as JSON numbers and
    /// booleans).
    static func fields(_ outcome: ObjectRun<Transform>.Outcome, duration: Duration) -> Logger.Metadata {
        let summary = outcome.summary
        return [
            "lines": .stringConvertible(summary.lines), "rows": .stringConvertible(summary.rows),
            "quarantined": .stringConvertible(summary.quarantined),
            "bytes_in": .stringConvertible(summary.bytesIn), "bytes_out": .stringConvertible(summary.bytesOut),
            "damaged": .stringConvertible(summary.damaged),
            "unreadable_bytes": .stringConvertible(summary.unreadableBytes),
            "damage_count": .stringConvertible(summary.damageCount),
            "rejected_values": .stringConvertible(summary.rejectedValues),
            "keys_fetched": .stringConvertible(outcome.keysFetched),
            "lookup_rounds": .stringConvertible(outcome.lookupRounds),
            "objects": .stringConvertible(outcome.objects.count),
            "duration_ms": .stringConvertible(MetricsRecord.milliseconds(duration)),
        ]
    }
}
