import Foundation
import SluiceProcessing
import SluiceRuntime

/// The Lambda side of a processor: an EventBridge Object Created event in, the object processed from S3 into
/// the lake, the run summary out (and in the log).
package struct ObjectCreatedHandler<Transform: RecordTransform>: Sendable {
    package let config: ProcessorConfig
    package let s3: S3Client
    package let run: ObjectRun<Transform>
    package let logger: JSONLogger

    package init(config: ProcessorConfig, s3: S3Client, run: ObjectRun<Transform>, logger: JSONLogger) {
        self.config = config
        self.s3 = s3
        self.run = run
        self.logger = logger
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
        let log = logger.with(["request_id": context.requestID, "object": "s3://\(event.bucket)/\(event.key)"])
        let started = Date()
        let source = S3ObjectSource(s3: s3, bucket: event.bucket, key: event.key)
        let store = S3OutputStore(s3: s3, bucket: config.output.bucket)
        do {
            let outcome = try await run.run(inputKey: event.key, source: source, store: store)
            if let message = ProcessorMain.rejectionMessage(outcome.summary) {
                // Values are missing from the lake: the invocation fails, so that it shows in the function's
                // errors and the event reaches the dead-letter queue after its retries (a retry overwrites).
                log.error("values written as null", Self.fields(outcome, since: started))
                throw ProcessorError.rejectedValues(message)
            }
            if outcome.summary.damaged {
                // The invocation still succeeds: a retry reads the same bytes. The answer says `damaged`, and
                // the quarantine holds each damaged range.
                log.error("processed with damage", Self.fields(outcome, since: started))
            } else {
                log.info("processed", Self.fields(outcome, since: started))
            }
            return Array(outcome.summary.json().utf8)
        } catch {
            log.error("failed", ["error": .string("\(error)")])
            throw error
        }
    }

    static func fields(_ outcome: ObjectRun<Transform>.Outcome, since started: Date) -> [String: LogValue] {
        let summary = outcome.summary
        return [
            "lines": .int(summary.lines), "rows": .int(summary.rows), "quarantined": .int(summary.quarantined),
            "bytes_in": .int(summary.bytesIn), "bytes_out": .int(summary.bytesOut),
            "damaged": .bool(summary.damaged), "unreadable_bytes": .int(summary.unreadableBytes),
            "damage_count": .int(summary.damageCount), "rejected_values": .int(summary.rejectedValues),
            "keys_fetched": .int(outcome.keysFetched),
            "lookup_rounds": .int(outcome.lookupRounds), "objects": .int(outcome.objects.count),
            "duration_ms": .int(Int(Date().timeIntervalSince(started) * 1000)),
        ]
    }
}
