import ArgumentParser
import Foundation
import SluiceJSON
import SluiceModel
import SluiceRuntime

/// `--local` and `--timeout`: how `sluice replay` and `sluice redrive` run the processor.
struct ProcessorOptions: ParsableArguments {
    @Flag(name: .long, help: "Run the processor executable here instead of invoking Lambda.")
    var local = false

    @Option(name: .long, help: "With --local: seconds to wait for each answer.")
    var timeout: Double = 120

    func validate() throws {
        guard timeout > 0, timeout <= 900 else {
            throw ValidationError("--timeout must be 1...900 seconds")
        }
    }
}

/// Where `sluice replay` and `sluice redrive` send an object: the deployed Lambda function, or with `--local` the
/// processor executable through `LocalProcessorInvoker`, as `sluice dev invoke` runs it.
final class OperationsProcessor {
    private let names: Names
    private let lambda: LambdaClient?
    private let localInvoker: LocalProcessorInvoker?
    private let timeout: TimeInterval

    /// What the commands print about where objects go.
    let description: String

    init(
        names: Names, declared: Pipeline, target: OperationsTarget, credentials: AWSCredentials,
        local: Bool,
        timeout: TimeInterval
    ) throws {
        self.names = names
        self.timeout = timeout
        let account = names.analyticsAccount
        if local {
            // On a local endpoint the processor acts as its own role, as on Lambda; on AWS that role trusts only
            // Lambda, so it acts with the deploy role's credentials.
            var processorCredentials = credentials
            if target.endpoint != nil {
                let role = ARN.role(names.processorRole, accountID: account.id).description
                processorCredentials = try blocking {
                    try await target.assumeRole(role, region: account.region)
                }
            }
            let executable = try processorExecutable(declared)
            localInvoker = try LocalProcessorInvoker(
                LocalProcessorInvoker.settings(
                    of: declared, names: names, executable: executable, endpoint: target.endpoint,
                    credentials: processorCredentials))
            lambda = nil
            description =
                "the local processor \(executable.lastPathComponent) (as `sluice dev invoke` runs it)"
        } else {
            lambda = try target.client(LambdaClient.self, region: account.region, credentials: credentials)
            localInvoker = nil
            description = "the Lambda function \(names.function)"
        }
    }

    deinit { localInvoker?.stop() }

    /// The processor of a command, or exit 1 after saying why it cannot start.
    static func start(
        names: Names, declared: Pipeline, target: OperationsTarget, credentials: AWSCredentials,
        options: ProcessorOptions
    ) throws -> OperationsProcessor {
        do {
            return try OperationsProcessor(
                names: names, declared: declared, target: target, credentials: credentials, local: options.local,
                timeout: options.timeout)
        } catch let error as ExitCode {
            throw error  // said already
        } catch {
            printError("error: cannot start the processor: \(error)")
            throw ExitCode(1)
        }
    }

    /// An Object Created event for `key` in the landing bucket, as EventBridge delivers it.
    func event(key: String) -> String {
        DevInvoke.objectCreatedEvent(
            bucket: names.landingBucket, key: key, account: names.analyticsAccount.id,
            region: names.analyticsAccount.region)
    }

    /// Hands `event` over without waiting for the processing (Lambda's asynchronous invocation: Lambda retries and
    /// dead-letters a failure); locally the processor runs it before this returns.
    func submit(_ event: String) throws {
        if let localInvoker {
            if case .failed(let detail) = try localInvoker.invoke(event, timeout: timeout) {
                throw OperationsProcessorError(detail)
            }
            return
        }
        try invoke(event, .event)
    }

    /// Processes `event` and waits for the answer; returns whether the object was processed with damage.
    /// - Throws: when the processor failed or did not answer.
    func process(_ event: String) throws -> Bool {
        if let localInvoker {
            let outcome = try localInvoker.invoke(event, timeout: timeout)
            if case .failed(let detail) = outcome { throw OperationsProcessorError(detail) }
            return outcome.damaged
        }
        let answer = try invoke(event, .requestResponse)
        return (try? JSONValue(parsing: answer))?["damaged"] == .bool(true)
    }

    @discardableResult
    private func invoke(_ event: String, _ type: LambdaClient.InvocationType) throws -> [UInt8] {
        guard let lambda else { return [] }
        let function = names.function
        let invocation = try blocking {
            try await lambda.invoke(
                functionName: function, payload: Array(event.utf8), invocationType: type)
        }
        if let error = invocation.functionError {
            throw OperationsProcessorError(
                "the function failed (\(error)): \(String(decoding: invocation.payload.prefix(500), as: UTF8.self))"
            )
        }
        return invocation.payload
    }
}

/// The processor did not process an object: what it said.
struct OperationsProcessorError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
