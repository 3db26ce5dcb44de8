import Foundation
import SluiceProcessing

/// One message received from a dead-letter queue.
struct QueueMessage: Equatable {
    var id: String
    var receiptHandle: String
    var body: String
}

/// The queue operations `sluice redrive` needs: what the SQS client answers, and what tests stand in for.
protocol DeadLetterQueue {
    var name: String { get }
    /// Up to ten messages, hidden from other receivers for `visibilityTimeout` seconds.
    func receive(visibilityTimeout: Int) throws -> [QueueMessage]
    func delete(_ message: QueueMessage) throws
    /// Makes `message` visible again now (a visibility timeout of 0).
    func release(_ message: QueueMessage) throws
}

/// What `sluice redrive` does with the messages of the dead-letter queues: each Object Created event goes through
/// the processor synchronously, and its message is deleted only once the processor answered that it processed
/// the object. A failed one, and a message that is not an event, are made visible again and reported; nothing but
/// a processed message is ever deleted.
struct Redrive {
    /// Seconds a received message stays hidden while the run works: longer than the slowest invocation, so a
    /// message is not received twice in one run.
    static let visibilityTimeout = 900

    /// How one message ended.
    enum Result: Equatable {
        case processed(key: String, damaged: Bool)
        case failed(key: String, reason: String)
        case notAnEvent(reason: String)
        /// Listed by a dry run, left as it was.
        case wouldProcess(key: String)
    }

    /// Every message of a run, with its queue.
    struct Report: Equatable {
        var entries: [(queue: String, messageID: String, result: Result)] = []

        var failures: Int { entries.filter { if case .failed = $0.result { true } else { false } }.count }
        var junk: Int { entries.filter { if case .notAnEvent = $0.result { true } else { false } }.count }
        var processed: Int { entries.filter { if case .processed = $0.result { true } else { false } }.count }

        static func == (left: Report, right: Report) -> Bool {
            left.entries.map { "\($0.queue) \($0.messageID) \($0.result)" }
                == right.entries.map { "\($0.queue) \($0.messageID) \($0.result)" }
        }
    }

    /// Receives every message of `queues` in turn; for each event, `process` (which throws when the processor did
    /// not process the object, and returns whether it found damage) decides whether the message is deleted.
    /// `dryRun` processes and deletes nothing. `report` is called after each message.
    static func run(
        _ queues: [any DeadLetterQueue], dryRun: Bool, process: (ObjectCreatedEvent, String) throws -> Bool,
        report: (String, Result) -> Void = { _, _ in }
    ) throws -> Report {
        var result = Report()
        for queue in queues {
            var seen: Set<String> = []
            var kept: [QueueMessage] = []
            // Hidden messages are not received again, so the loop ends when the queue has nothing left to show.
            receiving: while true {
                let batch = try queue.receive(visibilityTimeout: visibilityTimeout)
                let fresh = batch.filter { seen.insert($0.id).inserted }
                if fresh.isEmpty { break receiving }
                for message in fresh {
                    let outcome: Result
                    switch DeadLetterMessage.read(message.body) {
                    case .notAnEvent(let reason):
                        outcome = .notAnEvent(reason: reason)
                        kept.append(message)
                    case .event(let event, let body):
                        if dryRun {
                            outcome = .wouldProcess(key: event.key)
                            kept.append(message)
                        } else {
                            do {
                                let damaged = try process(event, body)
                                try queue.delete(message)
                                outcome = .processed(key: event.key, damaged: damaged)
                            } catch {
                                outcome = .failed(key: event.key, reason: "\(error)")
                                kept.append(message)
                            }
                        }
                    }
                    result.entries.append((queue.name, message.id, outcome))
                    report(queue.name, outcome)
                }
            }
            // What stays in the queue is visible again at once, not in fifteen minutes.
            for message in kept { try queue.release(message) }
        }
        return result
    }
}
