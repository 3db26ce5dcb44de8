import Foundation
import Logging

/// Signs, sends and retries requests to one AWS service: what the S3 and Athena clients share.
package struct AWSClient: Sendable {
    package let signer: SigV4Signer
    package let endpoint: AWSEndpoint
    package let transport: any HTTPTransport
    package let retry: RetryPolicy
    package let logger: Logger

    package init(
        signer: SigV4Signer, endpoint: AWSEndpoint, transport: any HTTPTransport, retry: RetryPolicy = RetryPolicy(),
        logger: Logger = JSONLogHandler.logger()
    ) {
        self.signer = signer
        self.endpoint = endpoint
        self.transport = transport
        self.retry = retry
        self.logger = logger
    }

    /// A client of `service` (its signing name and endpoint prefix: `s3`, `athena`, `sts`) with the region,
    /// credentials, endpoint and retry settings the environment gives.
    package static func fromEnvironment(
        service: String, _ environment: [String: String] = ProcessInfo.processInfo.environment,
        transport: any HTTPTransport, logger: Logger
    ) throws -> AWSClient {
        let region = try AWSEndpoint.region(environment)
        let credentials = try AWSCredentials.fromEnvironment(environment)
        return AWSClient(
            signer: SigV4Signer(service: service, region: region, credentials: credentials),
            endpoint: try AWSEndpoint.resolve(service: service, region: region, environment: environment),
            transport: transport, retry: .fromEnvironment(environment), logger: logger)
    }

    /// One request to the service.
    package struct Request: Sendable {
        package var operation: String
        package var method: String
        /// The host, when it is not the endpoint's own (S3's virtual-hosted buckets).
        package var host: String?
        /// The path, percent-encoded as sent.
        package var path: String
        package var query: [HTTPRequestParts.QueryItem]
        package var headers: [HTTPRequestParts.Header]
        package var body: [UInt8]
        /// Statuses that are answers, not errors (S3's 206 for a range).
        package var accepted: Set<Int>
        /// How long the answer may take, when longer than the transport's limit (`AWSHTTPRequest.timeout`).
        package var timeout: TimeInterval?

        package init(
            operation: String, method: String, host: String? = nil, path: String,
            query: [HTTPRequestParts.QueryItem] = [], headers: [HTTPRequestParts.Header] = [], body: [UInt8] = [],
            accepted: Set<Int> = [200], timeout: TimeInterval? = nil
        ) {
            self.operation = operation
            self.method = method
            self.host = host
            self.path = path
            self.query = query
            self.headers = headers
            self.body = body
            self.accepted = accepted
            self.timeout = timeout
        }
    }

    /// Sends `request`, signing each attempt anew (a retry may come after the signature's clock skew window),
    /// and retries throttling, 5xx and broken connections as the policy says.
    /// - Throws: `AWSServiceError` for an error answer, `TransportError` when no answer came.
    package func send(_ request: Request) async throws -> AWSHTTPResponse {
        let host = request.host ?? endpoint.hostHeader
        var components = URLComponents()
        components.scheme = endpoint.base.scheme
        components.percentEncodedHost = host.split(separator: ":").first.map(String.init) ?? host
        components.port = endpoint.base.port
        components.percentEncodedPath = request.path
        let parts = HTTPRequestParts(
            method: request.method, path: request.path, queryItems: request.query,
            headers: [.init("Host", host)] + request.headers, payload: .bytes(request.body))
        if !request.query.isEmpty { components.percentEncodedQuery = parts.percentEncodedQuery }
        guard let url = components.url else {
            throw AWSConfigurationError("cannot make a URL of host \(host) and path \(request.path)")
        }
        var attempt = 0
        while true {
            attempt += 1
            let signed = signer.sign(parts)
            // URLSession sets Host from the URL itself; sending it twice would confuse some servers.
            let headers = signed.request.headers.filter { $0.name.lowercased() != "host" }
            let error: any Error
            do {
                let response = try await transport.send(
                    AWSHTTPRequest(
                        method: request.method, url: url, headers: headers, body: request.body,
                        timeout: request.timeout))
                if request.accepted.contains(response.status) { return response }
                var failure = AWSServiceError.fromResponse(operation: request.operation, response)
                failure.attempts = attempt
                error = failure
            } catch let failure as TransportError {
                error = failure
            }
            // A broken connection is always worth another try; an answer only when it says so.
            let retryable = (error as? AWSServiceError).map(retry.isRetryable) ?? true
            guard retryable, attempt < retry.maxAttempts else { throw error }
            let delay = retry.delay(beforeRetry: attempt)
            logger.warning(
                "retrying \(request.operation)",
                metadata: [
                    "attempt": .stringConvertible(attempt), "error": "\(error)",
                    "delay_ms": .stringConvertible(Int(delay * 1000)),
                ])
            try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
        }
    }
}
