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
            do {
                // Hidden messages are not received again: the loop ends when the queue has nothing left to show.
                while true {
                    let fresh = try queue.receive(visibilityTimeout: visibilityTimeout).filter {
                        seen.insert($0.id).inserted
                    }
                    if fresh.isEmpty { break }
                    for message in fresh {
                        let outcome = handle(message, in: queue, dryRun: dryRun, process: process)
                        if case .processed = outcome {} else { kept.append(message) }
                        result.entries.append((queue.name, message.id, outcome))
                        report(queue.name, outcome)
                    }
                }
            } catch {
                // A queue that stopped answering: what was received and kept is still made visible, if it can be.
                for message in kept { try? queue.release(message) }
                throw error
            }
            // What stays in the queue is visible again at once, not in fifteen minutes.
            for message in kept { try queue.release(message) }
        }
        return result
    }

    /// One message: processed and deleted, or why not.
    private static func handle(
        _ message: QueueMessage, in queue: any DeadLetterQueue, dryRun: Bool,
        process: (ObjectCreatedEvent, String) throws -> Bool
    ) -> Result {
        switch DeadLetterMessage.read(message.body) {
        case .notAnEvent(let reason):
            return .notAnEvent(reason: reason)
        case .event(let event, _) where dryRun:
            return .wouldProcess(key: event.key)
        case .event(let event, let body):
            do {
                let damaged = try process(event, body)
                try queue.delete(message)
                return .processed(key: event.key, damaged: damaged)
            } catch {
                return .failed(key: event.key, reason: "\(error)")
            }
        }
    }
}
