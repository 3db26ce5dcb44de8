import Foundation
import SluiceJSON

/// AWS's JSON 1.0 protocol (SQS, CloudWatch): every call a POST to `/` whose `X-Amz-Target` names the action and
/// whose body and answer are JSON objects.
package struct AWSJSONProtocol: Sendable {
    package let client: AWSClient
    /// What operation names in errors and logs start with: `SQS`, `CloudWatch`.
    package let serviceLabel: String
    /// The target's service part: `AmazonSQS`, `GraniteServiceVersion20100801`.
    package let targetPrefix: String

    package init(client: AWSClient, serviceLabel: String, targetPrefix: String) {
        self.client = client
        self.serviceLabel = serviceLabel
        self.targetPrefix = targetPrefix
    }

    /// Sends `input` to `action` and returns the answer's members.
    /// - Throws: `AWSServiceError` for an error answer, `TransportError` when none came,
    ///   `AWSMalformedAnswerError` when the answer is not a JSON object.
    /// `timeout`: how long the answer may take when longer than the transport's limit (SQS's long polling).
    package func call(
        _ action: String, _ input: [String: JSONValue], timeout: TimeInterval? = nil
    ) async throws -> [String: JSONValue] {
        let operation = "\(serviceLabel).\(action)"
        let response = try await client.send(
            .init(
                operation: operation, method: "POST", path: "/",
                headers: [
                    .init("Content-Type", "application/x-amz-json-1.0"),
                    .init("X-Amz-Target", "\(targetPrefix).\(action)"),
                ],
                body: Array(JSONValue.object(input).compact().utf8), timeout: timeout))
        // An empty body is an empty answer (moto answers some calls that have no output so).
        if response.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return [:] }
        do {
            return try JSONValueReader.object(response.body)
        } catch {
            throw AWSMalformedAnswerError(operation: operation, detail: "\(error)")
        }
    }
}
