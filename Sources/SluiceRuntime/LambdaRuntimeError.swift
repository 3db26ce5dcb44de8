/// Why talking to the Runtime API failed.
package enum LambdaRuntimeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `AWS_LAMBDA_RUNTIME_API` is unset, or is not `host:port`.
    case invalidRuntimeAPI(String?)
    /// The Runtime API answered with an unexpected status; the body usually says why.
    case unexpectedStatus(path: String, status: Int, body: String)
    /// A `next` response lacked a header the runtime cannot do without.
    case missingHeader(String)
    /// The handler's set-up threw; its error was reported as an init error.
    case initializationFailed(LambdaErrorReport)
    /// The connection to the Runtime API failed.
    case transport(String)

    /// A message naming what failed.
    package var description: String {
        switch self {
        case .invalidRuntimeAPI(let value?):
            return "AWS_LAMBDA_RUNTIME_API is \"\(value)\", not host:port"
        case .invalidRuntimeAPI(nil):
            return "AWS_LAMBDA_RUNTIME_API is not set: the Lambda Runtime API address comes from it"
        case .unexpectedStatus(let path, let status, let body):
            return "Runtime API \(path) answered \(status): \(body)"
        case .missingHeader(let name):
            return "Runtime API next response has no \(name) header"
        case .initializationFailed(let report):
            return "handler set-up failed (\(report.errorType)): \(report.errorMessage)"
        case .transport(let message):
            return "Runtime API connection failed: \(message)"
        }
    }
}
