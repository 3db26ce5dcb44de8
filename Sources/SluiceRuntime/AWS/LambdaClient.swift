import Foundation
import Logging

/// Lambda's Invoke, which `sluice replay` and `sluice redrive` use to have the processor take an object again
/// (REST-JSON: the function in the path, the payload as the body).
package struct LambdaClient: AWSServiceClient {
    package static let service = "lambda"

    package let client: AWSClient

    package init(client: AWSClient) { self.client = client }

    /// How to invoke.
    package enum InvocationType: String, Sendable {
        /// Queued by Lambda and run later (with its retries and dead-letter queue); the answer is a 202.
        case event = "Event"
        /// Run now; the answer (200) carries the function's result.
        case requestResponse = "RequestResponse"
    }

    /// What an invocation answered.
    package struct Invocation: Sendable, Equatable {
        package var status: Int
        /// The function's result (or its error report); empty for `.event`.
        package var payload: [UInt8]
        /// `Unhandled` (or `Handled`) when the function failed: the invocation itself succeeded, so this is not
        /// thrown.
        package var functionError: String?
        package var executedVersion: String?

        package var failed: Bool { functionError != nil }
    }

    /// How long a synchronous invocation's answer may take: Lambda's longest function timeout (15 minutes) and a
    /// minute more. Under the transport's own limit (a minute) a longer run would time out and be retried, running
    /// the function again while the first run goes on.
    package static let synchronousAnswerTimeout: TimeInterval = 16 * 60

    /// Invokes `functionName` (a name, a name with `:qualifier`, or an ARN) with `payload`. An `.event` invocation
    /// retried after a lost answer may run twice: callers must be idempotent (Sluice's outputs overwrite).
    /// - Throws: `AWSServiceError` for Lambda's errors (`ResourceNotFoundException`; `TooManyRequestsException` once
    ///   retries run out), `AWSConfigurationError` for a payload over Lambda's limit (256 KB for `.event`, 6 MB
    ///   otherwise), before anything is sent.
    package func invoke(functionName: String, payload: [UInt8], invocationType: InvocationType) async throws
        -> Invocation
    {
        let limit = invocationType == .event ? 256 * 1024 : 6 * 1024 * 1024
        guard payload.count <= limit else {
            throw AWSConfigurationError(
                "a \(invocationType.rawValue) payload holds at most \(limit) bytes, not \(payload.count)")
        }
        guard !functionName.isEmpty else { throw AWSConfigurationError("no function name to invoke") }
        let path = "/2015-03-31/functions/\(AWSURIEncoding.encode(functionName))/invocations"
        let response = try await client.send(
            .init(
                operation: "Lambda.Invoke", method: "POST", path: path,
                headers: [
                    .init("Content-Type", "application/json"),
                    .init("X-Amz-Invocation-Type", invocationType.rawValue),
                ],
                body: payload, accepted: invocationType == .event ? [202] : [200],
                timeout: invocationType == .requestResponse ? Self.synchronousAnswerTimeout : nil))
        return Invocation(
            status: response.status, payload: response.body, functionError: response.header("x-amz-function-error"),
            executedVersion: response.header("x-amz-executed-version"))
    }
}
