import Foundation

/// A request on its way to AWS, after signing.
public struct AWSHTTPRequest: Sendable {
    public var method: String
    /// The full URL, query string included, encoded exactly as signed.
    public var url: URL
    public var headers: [HTTPRequestParts.Header]
    public var body: [UInt8]

    public init(method: String, url: URL, headers: [HTTPRequestParts.Header], body: [UInt8]) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// What AWS answered.
public struct AWSHTTPResponse: Sendable {
    public var status: Int
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A header's value, by name in any case.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Sends one HTTP request and returns the whole response. The clients above it sign and retry; a transport
/// only moves bytes, so tests and other HTTP stacks can stand in for URLSession.
public protocol HTTPTransport: Sendable {
    func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse
}

/// Why a request never got an HTTP answer: a refused or broken connection, a timeout.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
