/// An answer the service sent with a success status that does not hold what the operation returns: not JSON or
/// XML, or without a member the caller needs.
package struct AWSMalformedAnswerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The operation, e.g. `SQS.ReceiveMessage`.
    package var operation: String
    package var detail: String

    package init(operation: String, detail: String) {
        self.operation = operation
        self.detail = detail
    }

    package var description: String { "unexpected answer to \(operation): \(detail)" }
}
