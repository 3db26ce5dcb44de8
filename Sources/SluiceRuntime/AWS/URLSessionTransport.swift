import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// HTTP over URLSession (libcurl on Linux, with the system's TLS), which spares the Lambda image a TLS stack
/// of its own.
package final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
    private let timeout: TimeInterval
    private let lock = NSLock()
    private var created: URLSession?

    /// A transport whose requests give up after `timeout` seconds without progress. The session (and libcurl
    /// with it) starts at the first request, not here: a Lambda's set-up is on the clock of its cold start.
    package init(timeout: TimeInterval = 60) {
        self.timeout = timeout
    }

    private var session: URLSession {
        lock.withLock {
            if let created { return created }
            let configuration = URLSessionConfiguration.ephemeral
            configuration.timeoutIntervalForRequest = timeout
            configuration.httpMaximumConnectionsPerHost = 8
            configuration.urlCache = nil
            configuration.httpCookieStorage = nil
            let session = URLSession(configuration: configuration)
            created = session
            return session
        }
    }

    package func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        for header in request.headers { urlRequest.addValue(header.value, forHTTPHeaderField: header.name) }
        // Unsigned on purpose: asks for the bytes as stored, so an object saved with a Content-Encoding is not
        // inflated on the way (the processor inflates gzip itself, range by range).
        urlRequest.setValue("identity", forHTTPHeaderField: "Accept-Encoding")
        // A request that may wait longer than the session's limit says so itself; a shorter one keeps the limit.
        if let wait = request.timeout, wait > timeout { urlRequest.timeoutInterval = wait }
        if !request.body.isEmpty || request.method == "PUT" || request.method == "POST" {
            urlRequest.httpBody = Data(request.body)
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch {
            throw TransportError("\(request.method) \(request.url.host ?? ""): \(error.localizedDescription)")
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError("\(request.method) \(request.url.host ?? ""): not an HTTP response")
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return AWSHTTPResponse(status: http.statusCode, headers: headers, body: [UInt8](data))
    }
}
