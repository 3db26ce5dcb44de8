import Foundation
import Logging

extension AWSClient {
    /// A client of `service` (its signing name and endpoint prefix) with credentials and a region given in full,
    /// as a command has them after assuming a role per account: AWS's regional endpoint, or `endpoint` (a local
    /// stand-in such as moto) when it is set.
    /// - Throws: `AWSConfigurationError` when `endpoint` is not an http(s) URL.
    package static func explicit(
        service: String, credentials: AWSCredentials, region: String, endpoint: String? = nil,
        transport: any HTTPTransport, retry: RetryPolicy = RetryPolicy(), logger: Logger = JSONLogHandler.logger()
    ) throws -> AWSClient {
        let environment = endpoint.map { ["AWS_ENDPOINT_URL": $0] } ?? [:]
        return AWSClient(
            signer: SigV4Signer(service: service, region: region, credentials: credentials),
            endpoint: try AWSEndpoint.resolve(service: service, region: region, environment: environment),
            transport: transport, retry: retry, logger: logger)
    }
}
