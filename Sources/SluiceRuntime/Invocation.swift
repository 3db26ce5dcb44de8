import Foundation

/// One event handed out by the Runtime API's `next` call, with the metadata its headers carried.
package struct Invocation: Sendable, Equatable {
    /// `Lambda-Runtime-Aws-Request-Id`: names the invocation in the response or error posted for it.
    package var requestID: String
    /// `Lambda-Runtime-Deadline-Ms`: when Lambda stops the invocation.
    package var deadline: Date
    /// `Lambda-Runtime-Invoked-Function-Arn`: the function, version or alias that was invoked.
    package var invokedFunctionARN: String?
    /// `Lambda-Runtime-Trace-Id`: the X-Ray trace header, when tracing is on.
    package var traceID: String?
    /// The event, as sent (JSON for every trigger Sluice uses).
    package var body: [UInt8]

    /// An invocation from its parts.
    package init(requestID: String, deadline: Date, invokedFunctionARN: String?, traceID: String?, body: [UInt8]) {
        self.requestID = requestID
        self.deadline = deadline
        self.invokedFunctionARN = invokedFunctionARN
        self.traceID = traceID
        self.body = body
    }
}
