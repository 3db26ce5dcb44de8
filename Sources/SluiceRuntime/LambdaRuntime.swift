import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The loop a custom-runtime Lambda runs: fetch an invocation, hand it to the handler, post the result or the
/// error, and go on.
///
/// Handlers are synchronous because a Lambda environment serves one invocation at a time: the thread has
/// nothing else to do while the handler works.
package struct LambdaRuntime: Sendable {
    /// Turns an invocation into the response body; a thrown error is reported as the invocation's error.
    package typealias Handler = (Invocation, LambdaContext) throws -> [UInt8]
    /// A handler that awaits (calls AWS); the loop still serves one invocation at a time.
    package typealias AsyncHandler = @Sendable (Invocation, LambdaContext) async throws -> [UInt8]

    /// The variable the X-Ray SDK reads the current trace header from; the runtime keeps it up to date.
    package static let traceEnvironmentVariable = "_X_AMZN_TRACE_ID"

    /// The Runtime API client the loop uses.
    package let client: LambdaRuntimeClient

    /// A runtime talking through this client.
    package init(client: LambdaRuntimeClient) {
        self.client = client
    }

    /// The entry point of a Lambda's `main`: connects to `AWS_LAMBDA_RUNTIME_API`, builds the handler, and serves
    /// invocations until the Runtime API fails. Exits with status 1 when set-up fails (after reporting an init
    /// error) or the Runtime API cannot be reached, which is how Lambda expects a runtime to give up.
    package static func main(setUp: () throws -> Handler) -> Never {
        do {
            try LambdaRuntime(client: LambdaRuntimeClient()).run(setUp: setUp)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
        }
        exit(1)
    }

    /// Builds the handler, then serves invocations; if `setUp` throws, reports it as an init error and throws
    /// ``LambdaRuntimeError/initializationFailed(_:)``.
    ///
    /// - Parameter maxInvocations: stop after this many invocations (for tests); nil serves until an error.
    package func run(maxInvocations: Int? = nil, setUp: () throws -> Handler) throws {
        let handler: Handler
        do {
            handler = try setUp()
        } catch {
            let report = LambdaErrorReport(error)
            try client.initError(report: report)
            throw LambdaRuntimeError.initializationFailed(report)
        }
        try run(maxInvocations: maxInvocations, handler: handler)
    }

    /// Serves invocations with `handler`. Handler errors are reported for their invocation and the loop goes
    /// on; Runtime API errors end it, because without the Runtime API there is nothing left to serve.
    ///
    /// - Parameter maxInvocations: stop after this many invocations (for tests); nil serves until an error.
    package func run(maxInvocations: Int? = nil, handler: Handler) throws {
        var served = 0
        while maxInvocations.map({ served < $0 }) ?? true {
            let invocation = try client.next()
            try serve(invocation, handler: handler)
            served += 1
        }
    }

    /// Serves invocations with an asynchronous handler (one that calls AWS), one at a time as Lambda sends them.
    ///
    /// - Parameter maxInvocations: stop after this many invocations (for tests); nil serves until an error.
    package func run(maxInvocations: Int? = nil, handler: AsyncHandler) async throws {
        var served = 0
        while maxInvocations.map({ served < $0 }) ?? true {
            let invocation = try client.next()
            Self.exposeTrace(of: invocation)
            let output: Result<[UInt8], any Error>
            do {
                output = .success(try await handler(invocation, LambdaContext(invocation)))
            } catch {
                output = .failure(error)
            }
            try deliver(output, for: invocation.requestID)
            served += 1
        }
    }

    private func serve(_ invocation: Invocation, handler: Handler) throws {
        Self.exposeTrace(of: invocation)
        try deliver(Result { try handler(invocation, LambdaContext(invocation)) }, for: invocation.requestID)
    }

    private static func exposeTrace(of invocation: Invocation) {
        if let traceID = invocation.traceID {
            setenv(traceEnvironmentVariable, traceID, 1)
        } else {
            unsetenv(traceEnvironmentVariable)
        }
    }

    private func deliver(_ output: Result<[UInt8], any Error>, for requestID: String) throws {
        let body: [UInt8]
        switch output {
        case .success(let bytes): body = bytes
        case .failure(let error):
            try client.fail(requestID: requestID, error: error)
            return
        }
        do {
            try client.respond(requestID: requestID, body: body)
        } catch LambdaRuntimeError.unexpectedStatus(let path, let status, let responseBody)
            where (400..<500).contains(status)
        {
            // The Runtime API refused this response (too large, say): the invocation failed, and saying so beats
            // leaving it to time out. A 5xx or a broken connection ends the loop instead.
            let refusal = LambdaRuntimeError.unexpectedStatus(path: path, status: status, body: responseBody)
            try client.fail(requestID: requestID, error: refusal)
        }
    }
}
