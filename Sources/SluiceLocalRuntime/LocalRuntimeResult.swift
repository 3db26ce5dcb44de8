import SluiceRuntime

/// What a function posted for one invocation (or for its initialization) to a ``LocalRuntimeServer``.
package enum LocalRuntimeResult: Sendable, Equatable {
    /// A `…/response` post, with its body.
    case response([UInt8])
    /// An `…/error` or `init/error` post.
    case error(ReportedError)

    /// An error post as it arrived.
    package struct ReportedError: Sendable, Equatable {
        /// The `Lambda-Runtime-Function-Error-Type` header, if sent.
        package var errorTypeHeader: String?
        /// The body as sent.
        package var body: [UInt8]

        /// An error post from its header and body.
        package init(errorTypeHeader: String?, body: [UInt8]) {
            self.errorTypeHeader = errorTypeHeader
            self.body = body
        }

        /// The body read as the Runtime API's error JSON, or nil if it is not.
        package var report: LambdaErrorReport? { LambdaErrorReport.decode(body) }
    }
}
