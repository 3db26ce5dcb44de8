import Foundation
import SluiceJSON
import SluiceLocalRuntime
import SluiceModel
import SluiceRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A pipeline's processor executable run as Lambda runs it: a Lambda Runtime API of our own on 127.0.0.1 hands it
/// events one at a time and collects its answers. What `sluice dev invoke`, `sluice replay --local` and
/// `sluice redrive --local` share, so the three run the same code path.
///
/// The processor's stdout (its JSON logs and its per-invocation metrics record, as on Lambda) goes to our stderr:
/// the command's stdout keeps only what the command itself prints. One executable serves every invocation, as a
/// warm Lambda environment does; if it exits, the next invocation starts it again, as Lambda starts a new one.
final class LocalProcessorInvoker {
    /// Where and as whom the processor runs.
    struct Settings {
        var executable: URL
        /// The pipeline's declared name (`SLUICE_PIPELINE`).
        var pipeline: String
        /// The manifest's `processor.environment`.
        var declaredEnvironment: [String: String]
        var functionName: String
        var functionARN: String
        var region: String
        /// A local AWS endpoint, or nil for AWS itself.
        var endpoint: String?
        var credentials: AWSCredentials
    }

    /// The settings of `declared`'s processor (`executable`) acting as its function of the analytics account.
    static func settings(
        of declared: Pipeline, names: Names, executable: URL, endpoint: String?, credentials: AWSCredentials
    ) -> Settings {
        let account = names.analyticsAccount
        return Settings(
            executable: executable, pipeline: declared.name, declaredEnvironment: declared.processor.environment,
            functionName: names.function, functionARN: ARN.function(names.function, in: account).description,
            region: account.region, endpoint: endpoint, credentials: credentials)
    }

    /// How one invocation ended.
    enum Outcome {
        /// The function answered: its response body.
        case response([UInt8])
        /// The function reported an error, or never answered: what happened.
        case failed(String)

        /// Whether the answer says the object was processed with damage (the quarantine holds what was lost).
        var damaged: Bool {
            guard case .response(let body) = self else { return false }
            return (try? JSONValue(parsing: body))?["damaged"] == .bool(true)
        }
    }

    private let settings: Settings
    private let server: LocalRuntimeServer
    private var process: Process?

    init(_ settings: Settings) throws {
        self.settings = settings
        server = try LocalRuntimeServer(functionARN: settings.functionARN)
    }

    deinit { stop() }

    /// Hands `event` to the processor and waits up to `timeout` seconds for its answer.
    func invoke(_ event: String, timeout: TimeInterval) throws -> Outcome {
        let process = try running()
        let requestID = server.enqueue(Array(event.utf8), timeout: timeout)
        let deadline = Date().addingTimeInterval(timeout)
        // Waits in slices, so that a processor that died is noticed now rather than at the deadline.
        while true {
            let slice = min(0.5, max(deadline.timeIntervalSinceNow, 0))
            switch server.waitForResult(requestID, timeout: slice) {
            case .response(let body)?:
                return .response(body)
            case .error(let reported)?:
                let detail =
                    reported.report.map { "\($0.errorType): \($0.errorMessage)" }
                    ?? String(decoding: reported.body, as: UTF8.self)
                return .failed("the function failed: \(detail)")
            case nil:
                if !process.isRunning {
                    self.process = nil
                    let initError = server.waitForInitError(timeout: 0).map { " (\($0))" } ?? ""
                    return .failed(
                        "the processor exited (status \(process.terminationStatus)) without answering\(initError)")
                }
                if deadline.timeIntervalSinceNow <= 0 {
                    let initError = server.waitForInitError(timeout: 0).map { "\($0)" } ?? "no answer"
                    return .failed("the function did not answer within \(Int(timeout)) s (\(initError))")
                }
            }
        }
    }

    /// Stops the processor and the Runtime API.
    func stop() {
        if let process, process.isRunning {
            process.terminate()
            // A processor that ignores SIGTERM (one started with it ignored, which exec keeps) is killed.
            for _ in 0..<20 where process.isRunning { usleep(100_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        process = nil
        server.stop()
    }

    /// The processor, started when it is not running.
    private func running() throws -> Process {
        if let process, process.isRunning { return process }
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in settings.declaredEnvironment { environment[name] = value }
        environment["SLUICE_PIPELINE"] = settings.pipeline
        environment[LambdaRuntimeClient.environmentVariable] = server.runtimeAPI
        if let endpoint = settings.endpoint { environment["AWS_ENDPOINT_URL"] = endpoint }
        environment["AWS_REGION"] = settings.region
        environment["AWS_ACCESS_KEY_ID"] = settings.credentials.accessKeyID
        environment["AWS_SECRET_ACCESS_KEY"] = settings.credentials.secretAccessKey
        environment["AWS_SESSION_TOKEN"] = settings.credentials.sessionToken
        environment["AWS_LAMBDA_FUNCTION_NAME"] = settings.functionName
        let process = Process()
        process.executableURL = settings.executable
        process.environment = environment
        // Lambda sends a function's stdout to its log stream; here it joins our stderr, off the answer's stdout.
        process.standardOutput = FileHandle.standardError
        try process.run()
        self.process = process
        return process
    }
}
