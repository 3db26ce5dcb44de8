import Foundation
import SluiceJSON
import SluiceProcessing

/// What a dead-letter queue message holds, read from its body.
///
/// Both of a pipeline's queues hold the Object Created event itself: EventBridge's queue the event it could not
/// deliver (the reason in the `ERROR_CODE` and `ERROR_MESSAGE` attributes), Lambda's the payload of the
/// asynchronous invocation that failed after its retries (the reason in `ErrorCode` and `ErrorMessage`). A Lambda
/// on-failure destination record (the event under `requestPayload`) is read too. Anything else is not an event:
/// `sluice redrive` leaves it in its queue and reports it.
enum DeadLetterMessage: Equatable {
    /// An Object Created event, with the event's JSON to send to the processor as it came.
    case event(ObjectCreatedEvent, body: String)
    /// A body that is not an Object Created event, and why.
    case notAnEvent(String)

    static func read(_ body: String) -> DeadLetterMessage {
        var eventBody = body
        if let value = try? JSONValue(parsing: body), let payload = value["requestPayload"],
            value["requestContext"] != nil
        {
            eventBody = payload.compact()
        }
        do {
            return .event(try ObjectCreatedEvent.decode(Data(eventBody.utf8)), body: eventBody)
        } catch {
            return .notAnEvent("\(error)")
        }
    }
}
