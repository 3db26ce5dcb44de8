import Foundation

/// What a handler knows about the invocation it is serving, besides the event.
package struct LambdaContext: Sendable, Equatable {
    /// The invocation's request id.
    package var requestID: String
    /// When Lambda stops the invocation.
    package var deadline: Date
    /// The function ARN the caller invoked, if the Runtime API sent it.
    package var invokedFunctionARN: String?
    /// The X-Ray trace header, if any.
    package var traceID: String?

    /// The context of an invocation.
    package init(_ invocation: Invocation) {
        requestID = invocation.requestID
        deadline = invocation.deadline
        invokedFunctionARN = invocation.invokedFunctionARN
        traceID = invocation.traceID
    }

    /// The time left before the deadline, never negative; read it again for a fresh value.
    package var remainingTime: TimeInterval { max(0, deadline.timeIntervalSinceNow) }
}
