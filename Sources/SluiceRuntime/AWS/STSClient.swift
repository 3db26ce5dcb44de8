import Foundation

/// AssumeRole, for local runs that act as another account of a moto server (moto keys its resources by the
/// account of the credentials).
package struct STSClient: AWSServiceClient {
    package static let service = "sts"

    package let client: AWSClient

    package init(client: AWSClient) { self.client = client }

    /// Temporary credentials for `roleARN`.
    package func assumeRole(roleARN: String, sessionName: String) async throws -> AWSCredentials {
        let form = HTTPRequestParts.percentEncoded([
            .init("Action", "AssumeRole"), .init("RoleArn", roleARN), .init("RoleSessionName", sessionName),
            .init("Version", "2011-06-15"),
        ])
        let response = try await client.send(
            .init(
                operation: "STS.AssumeRole", method: "POST", path: "/",
                headers: [.init("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
                body: Array(form.utf8)))
        let text = String(decoding: response.body, as: UTF8.self)
        guard let keyID = XMLText.first("AccessKeyId", in: text),
            let secret = XMLText.first("SecretAccessKey", in: text)
        else {
            throw AWSServiceError(
                operation: "STS.AssumeRole", status: response.status, code: nil,
                message: "the answer has no credentials",
                requestID: response.header("x-amzn-requestid"))
        }
        return AWSCredentials(
            accessKeyID: keyID, secretAccessKey: secret, sessionToken: XMLText.first("SessionToken", in: text))
    }
}
