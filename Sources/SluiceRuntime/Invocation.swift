import Foundation

/// One event handed out by the Runtime API's `next` call, with the metadata its headers carried.
public struct Invocation: Sendable, Equatable {
    /// `Lambda-Runtime-Aws-Request-Id`: names the invocation in the response or error posted for it.
    public var requestID: String
    /// `Lambda-Runtime-Deadline-Ms`: when Lambda stops the invocation.
    public var deadline: Date
    /// `Lambda-Runtime-Invoked-Function-Arn`: the function, version or alias that was invoked.
    public var invokedFunctionARN: String?
    /// `Lambda-Runtime-Trace-Id`: the X-Ray trace header, when tracing is on.
    public var traceID: String?
    /// The event, as sent (JSON for every trigger Sluice uses).
    public var body: [UInt8]

    /// An invocation from its parts.
    public init(requestID: String, deadline: Date, invokedFunctionARN: String?, traceID: String?, body: [UInt8]) {
        self.requestID = requestID
        self.deadline = deadline
        self.invokedFunctionARN = invokedFunctionARN
        self.traceID = traceID
        self.body = body
    }
}
