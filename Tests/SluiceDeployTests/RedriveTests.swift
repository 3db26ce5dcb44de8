import Foundation
import SluiceProcessing
import Testing

@testable import SluiceCommands

/// An in-memory stand-in for an SQS queue (no SQS runs in unit tests; the moto test runs the real one): receive
/// hides messages until released, as SQS does.
private final class InMemoryQueueDouble: DeadLetterQueue {
    let name: String
    var messages: [QueueMessage]
    var hidden: Set<String> = []
    var deleted: [String] = []
    var released: [String] = []
    /// Receives answered before the queue stops answering (nil: always answers).
    var answers: Int?

    init(name: String, bodies: [String]) {
        self.name = name
        messages = bodies.enumerated().map {
            QueueMessage(id: "m\($0.offset)", receiptHandle: "r\($0.offset)", body: $0.element)
        }
    }

    func receive(visibilityTimeout: Int) throws -> [QueueMessage] {
        if let left = answers {
            guard left > 0 else { throw RedriveTestFailure() }
            answers = left - 1
        }
        let batch = Array(messages.filter { !hidden.contains($0.id) }.prefix(2))
        for message in batch { hidden.insert(message.id) }
        return batch
    }

    func delete(_ message: QueueMessage) throws {
        messages.removeAll { $0.id == message.id }
        hidden.remove(message.id)
        deleted.append(message.id)
    }

    func release(_ message: QueueMessage) throws {
        hidden.remove(message.id)
        released.append(message.id)
    }
}

@Suite("redrive: dead-letter messages, deleted only once processed")
struct RedriveTests {
    private func event(_ key: String) -> String {
        DevInvoke.objectCreatedEvent(bucket: "landing", key: key, account: "222222222222", region: "eu-west-1")
    }

    @Test("both queues' bodies are the event; a destination record's event is under requestPayload")
    func messageShapes() throws {
        guard case .event(let plain, _) = DeadLetterMessage.read(event("raw/a b+c.gz")) else {
            Issue.record("not read as an event")
            return
        }
        #expect(plain.bucket == "landing" && plain.key == "raw/a b+c.gz")
        let record =
            "{\"version\":\"1.0\",\"requestContext\":{\"condition\":\"RetriesExhausted\"},"
            + "\"requestPayload\":\(event("raw/x")),\"responsePayload\":null}"
        guard case .event(let wrapped, let body) = DeadLetterMessage.read(record) else {
            Issue.record("a destination record not read as an event")
            return
        }
        #expect(wrapped.key == "raw/x" && body.contains("\"detail-type\":\"Object Created\""))
        #expect(DeadLetterMessage.read("hello") == .notAnEvent("the event is not JSON"))
        guard case .notAnEvent(let reason) = DeadLetterMessage.read("{\"source\":\"aws.ec2\",\"detail-type\":\"x\"}")
        else {
            Issue.record("an EC2 event read as an object event")
            return
        }
        #expect(reason.contains("not an S3 Object Created event"))
    }

    @Test("processed messages are deleted; failed and junk ones stay, visible again, and are reported")
    func deletesOnlyProcessed() throws {
        let events = InMemoryQueueDouble(name: "events-dlq", bodies: [event("raw/1"), "junk", event("raw/2")])
        let processor = InMemoryQueueDouble(name: "processor-dlq", bodies: [event("raw/fails"), event("raw/3")])
        var processed: [String] = []
        let report = try Redrive.run([events, processor], dryRun: false) { event, _ in
            if event.key == "raw/fails" { throw RedriveTestFailure() }
            processed.append(event.key)
            return event.key == "raw/3"
        }
        #expect(processed == ["raw/1", "raw/2", "raw/3"])
        #expect(events.deleted == ["m0", "m2"] && events.messages.map(\.body) == ["junk"])
        #expect(events.released == ["m1"] && events.hidden.isEmpty)
        #expect(processor.deleted == ["m1"] && processor.released == ["m0"])
        #expect(report.processed == 3 && report.failures == 1 && report.junk == 1)
        #expect(report.entries.map(\.result).contains(.processed(key: "raw/3", damaged: true)))
    }

    @Test("a dry run processes and deletes nothing, and leaves every message visible")
    func dryRun() throws {
        let queue = InMemoryQueueDouble(name: "events-dlq", bodies: [event("raw/1"), "junk", event("raw/2")])
        let report = try Redrive.run([queue], dryRun: true) { _, _ in
            Issue.record("a dry run processed an object")
            return false
        }
        #expect(queue.deleted.isEmpty && queue.messages.count == 3 && queue.hidden.isEmpty)
        #expect(
            report.entries.map(\.result) == [
                .wouldProcess(key: "raw/1"), .notAnEvent(reason: "the event is not JSON"), .wouldProcess(key: "raw/2"),
            ])
    }
}

private struct RedriveTestFailure: Error {}

extension RedriveTests {
    @Test("a queue that stops answering mid-run still gets back, visible, what was received and not deleted")
    func queueFails() throws {
        let queue = InMemoryQueueDouble(name: "events-dlq", bodies: ["junk", event("raw/1"), event("raw/2")])
        queue.answers = 1
        #expect(throws: RedriveTestFailure.self) {
            _ = try Redrive.run([queue], dryRun: false) { _, _ in false }
        }
        #expect(queue.deleted == ["m1"] && queue.released == ["m0"] && queue.hidden.isEmpty)
    }
}
