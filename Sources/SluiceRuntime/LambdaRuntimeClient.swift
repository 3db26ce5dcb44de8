import Foundation

/// The function side of the Lambda Runtime API (version 2018-06-01): fetches invocations and posts their
/// outcomes, over a kept-alive plain-HTTP connection to the address in `AWS_LAMBDA_RUNTIME_API`.
package final class LambdaRuntimeClient: Sendable {
    /// The environment variable Lambda sets to the Runtime API's `host:port`.
    package static let environmentVariable = "AWS_LAMBDA_RUNTIME_API"

    /// The Runtime API's host.
    package let host: String
    /// The Runtime API's port.
    package let port: UInt16
    private let http: RuntimeHTTPClient
    private static let prefix = "/2018-06-01/runtime"

    /// A client for the Runtime API at `host:port`; nothing is connected until the first call.
    package init(host: String, port: UInt16) {
        self.host = host
        self.port = port
        http = RuntimeHTTPClient(host: host, port: port)
    }

    /// A client for the address in `AWS_LAMBDA_RUNTIME_API` (`host:port`, the host possibly a bracketed IPv6
    /// address).
    package convenience init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let value = environment[Self.environmentVariable]
        guard let value, let colon = value.lastIndex(of: ":"), let port = UInt16(value[value.index(after: colon)...]),
            port != 0
        else { throw LambdaRuntimeError.invalidRuntimeAPI(value) }
        var host = String(value[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw LambdaRuntimeError.invalidRuntimeAPI(value) }
        self.init(host: host, port: port)
    }

    /// Waits, for as long as it takes, for the next invocation.
    package func next() throws -> Invocation {
        let path = "\(Self.prefix)/invocation/next"
        let response = try send(.request(method: "GET", target: path), expecting: 200)
        guard let requestID = response.header("Lambda-Runtime-Aws-Request-Id"), !requestID.isEmpty else {
            throw LambdaRuntimeError.missingHeader("Lambda-Runtime-Aws-Request-Id")
        }
        guard let milliseconds = response.header("Lambda-Runtime-Deadline-Ms").flatMap({ Int64($0) }) else {
            throw LambdaRuntimeError.missingHeader("Lambda-Runtime-Deadline-Ms")
        }
        return Invocation(
            requestID: requestID,
            deadline: Date(timeIntervalSince1970: Double(milliseconds) / 1000),
            invokedFunctionARN: response.header("Lambda-Runtime-Invoked-Function-Arn"),
            traceID: response.header("Lambda-Runtime-Trace-Id"),
            body: response.body)
    }

    /// Posts the handler's result for an invocation.
    package func respond(requestID: String, body: [UInt8]) throws {
        let path = "\(Self.prefix)/invocation/\(requestID)/response"
        _ = try send(.request(method: "POST", target: path, body: body), expecting: 202)
    }

    /// Reports that an invocation failed with this error.
    package func fail(requestID: String, error: any Error) throws {
        try fail(requestID: requestID, report: LambdaErrorReport(error))
    }

    /// Reports that an invocation failed, with a report made by the caller.
    package func fail(requestID: String, report: LambdaErrorReport) throws {
        try postError(path: "\(Self.prefix)/invocation/\(requestID)/error", report: report)
    }

    /// Reports that the function could not initialize; Lambda then ends the environment.
    package func initError(_ error: any Error) throws {
        try initError(report: LambdaErrorReport(error))
    }

    /// Reports an init failure with a report made by the caller.
    package func initError(report: LambdaErrorReport) throws {
        try postError(path: "\(Self.prefix)/init/error", report: report)
    }

    private func postError(path: String, report: LambdaErrorReport) throws {
        let headers = [
            (name: "Content-Type", value: "application/json"),
            (name: "Lambda-Runtime-Function-Error-Type", value: report.errorType),
        ]
        _ = try send(.request(method: "POST", target: path, headers: headers, body: report.json), expecting: 202)
    }

    private func send(_ request: HTTPMessage, expecting status: Int) throws -> HTTPMessage {
        let response: HTTPMessage
        do {
            response = try http.send(request)
        } catch {
            throw LambdaRuntimeError.transport(String(describing: error))
        }
        guard response.status == status else {
            throw LambdaRuntimeError.unexpectedStatus(
                path: request.target, status: response.status, body: String(decoding: response.body, as: UTF8.self))
        }
        return response
    }
}
