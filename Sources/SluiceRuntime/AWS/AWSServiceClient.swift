import Foundation
import Logging

/// A client of one AWS service built on `AWSClient`: what S3, Athena, STS, SQS, CloudWatch and Lambda share, so
/// that each is made the same two ways, from the environment (a processor in Lambda) or with credentials given in
/// full (a command that assumed a role per account).
package protocol AWSServiceClient: Sendable {
    /// The service's signing name and endpoint prefix (`s3`, `monitoring`).
    static var service: String { get }

    init(client: AWSClient)
}

extension AWSServiceClient {
    /// A client with the region, credentials, endpoint and retry settings the environment gives.
    package static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, transport: any HTTPTransport,
        logger: Logger
    ) throws -> Self {
        Self(
            client: try AWSClient.fromEnvironment(service: service, environment, transport: transport, logger: logger))
    }

    /// A client acting with `credentials` in `region`, at `endpoint` when set (a local stand-in such as moto).
    package static func explicit(
        credentials: AWSCredentials, region: String, endpoint: String? = nil, transport: any HTTPTransport,
        retry: RetryPolicy = RetryPolicy(), logger: Logger = JSONLogHandler.logger()
    ) throws -> Self {
        Self(
            client: try AWSClient.explicit(
                service: service, credentials: credentials, region: region, endpoint: endpoint,
                transport: transport, retry: retry, logger: logger))
    }
}
