import Foundation

/// What a handler knows about the invocation it is serving, besides the event.
public struct LambdaContext: Sendable, Equatable {
    /// The invocation's request id.
    public var requestID: String
    /// When Lambda stops the invocation.
    public var deadline: Date
    /// The function ARN the caller invoked, if the Runtime API sent it.
    public var invokedFunctionARN: String?
    /// The X-Ray trace header, if any.
    public var traceID: String?

    /// The context of an invocation.
    public init(_ invocation: Invocation) {
        requestID = invocation.requestID
        deadline = invocation.deadline
        invokedFunctionARN = invocation.invokedFunctionARN
        traceID = invocation.traceID
    }

    /// The time left before the deadline, never negative; read it again for a fresh value.
    public var remainingTime: TimeInterval { max(0, deadline.timeIntervalSinceNow) }
}
