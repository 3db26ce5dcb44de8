import Foundation

/// A request on its way to AWS, after signing.
package struct AWSHTTPRequest: Sendable {
    package var method: String
    /// The full URL, query string included, encoded exactly as signed.
    package var url: URL
    package var headers: [HTTPRequestParts.Header]
    package var body: [UInt8]
    /// How long the answer may take without progress, when the transport's own limit is too short for it (a
    /// synchronous Lambda invocation answers only when the function ends).
    package var timeout: TimeInterval?

    package init(
        method: String, url: URL, headers: [HTTPRequestParts.Header], body: [UInt8], timeout: TimeInterval? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// What AWS answered.
package struct AWSHTTPResponse: Sendable {
    package var status: Int
    /// Header names in lower case.
    package var headers: [String: String]
    package var body: [UInt8]

    package init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A header's value, by name in any case.
    package func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Sends one HTTP request and returns the whole response. The clients above it sign and retry; a transport
/// only moves bytes, so tests and other HTTP stacks can stand in for URLSession.
package protocol HTTPTransport: Sendable {
    func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse
}

/// Why a request never got an HTTP answer: a refused or broken connection, a timeout.
package struct TransportError: Error, Sendable, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
