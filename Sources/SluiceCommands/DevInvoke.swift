import ArgumentParser
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

struct DevInvoke: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoke",
        abstract: "Invoke a pipeline's processor as Lambda would, on an object in the local endpoint's S3.",
        discussion: """
            Starts a Lambda Runtime API on 127.0.0.1, runs the processor's executable against it with an S3 Object \
            Created event for the object, and prints what the function answered. The processor talks to the \
            local endpoint (the `sluice dev up` server, or --endpoint) as the analytics account, with credentials \
            from that endpoint's STS. Exits 3 when the answer says the object was damaged.
            """)

    @OptionGroup var project: ProjectOptions

    @Option(name: .long, help: "The pipeline whose processor runs.")
    var pipeline: String

    @Option(name: .long, help: "The object's key (not URL-encoded).")
    var key: String

    @Option(name: .long, help: "The object's bucket; the pipeline's landing bucket when omitted.")
    var bucket: String?

    @Option(name: .long, help: "The local AWS endpoint; the `sluice dev up` server when omitted.")
    var endpoint: String?

    @Option(name: .long, help: "Seconds to wait for the function's answer.")
    var timeout: Double = 120

    func run() throws {
        let (workspace, _) = try loadGraph(project)
        let declared = try SluiceCommands.pipeline(named: pipeline, in: workspace)
        guard let names = workspace.project.flatMap({ Names(project: $0, pipeline: declared) }) else {
            throw ExitCode(1)
        }
        let root = URL(fileURLWithPath: project.root)
        guard
            let endpoint = endpoint
                ?? (try? JSONDecoder().decode(DevState.self, from: Data(contentsOf: DevState.file(root))))?.endpoint
        else {
            printError("error: no local endpoint: start one with `sluice dev up`, or pass --endpoint")
            throw ExitCode(1)
        }
        let executable = try processorExecutable(declared)
        let region = names.analyticsAccount.region
        let roleARN = ARN.role(names.processorRole, accountID: names.analyticsAccount.id).description
        let credentials = try blocking { try await Self.assumeRole(roleARN, endpoint: endpoint, region: region) }

        let server = try LocalRuntimeServer(
            functionARN: ARN.function(names.function, in: names.analyticsAccount).description)
        defer { server.stop() }
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in declared.processor.environment { environment[name] = value }
        environment["SLUICE_PIPELINE"] = declared.name
        environment[LambdaRuntimeClient.environmentVariable] = "127.0.0.1:\(server.port)"
        environment["AWS_ENDPOINT_URL"] = endpoint
        environment["AWS_REGION"] = region
        environment["AWS_ACCESS_KEY_ID"] = credentials.accessKeyID
        environment["AWS_SECRET_ACCESS_KEY"] = credentials.secretAccessKey
        environment["AWS_SESSION_TOKEN"] = credentials.sessionToken
        environment["AWS_LAMBDA_FUNCTION_NAME"] = names.function
        let process = Process()
        process.executableURL = executable
        process.environment = environment
        try process.run()
        defer {
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
        }
        let event = Self.objectCreatedEvent(
            bucket: bucket ?? names.landingBucket, key: key, account: names.analyticsAccount.id, region: region)
        let requestID = server.enqueue(Array(event.utf8), timeout: timeout)
        switch server.waitForResult(requestID, timeout: timeout) {
        case .response(let body)?:
            print(String(decoding: body, as: UTF8.self))
            // Exit 3, as `sluice process` does, when the object was processed with damage.
            if (try? JSONValue(parsing: body))?["damaged"] == .bool(true) {
                printError(
                    "error: s3://\(bucket ?? names.landingBucket)/\(key) was processed with damage (see the quarantine)"
                )
                throw ExitCode(3)
            }
        case .error(let reported)?:
            let detail =
                reported.report.map { "\($0.errorType): \($0.errorMessage)" }
                ?? String(decoding: reported.body, as: UTF8.self)
            printError("error: the function failed: \(detail)")
            throw ExitCode(1)
        case nil:
            let initError = server.waitForInitError(timeout: 0).map { "\($0)" } ?? "no answer"
            printError("error: the function did not answer within \(Int(timeout)) s (\(initError))")
            throw ExitCode(1)
        }
    }

    static func assumeRole(_ roleARN: String, endpoint: String, region: String) async throws -> AWSCredentials {
        let environment = ["AWS_ENDPOINT_URL": endpoint, "AWS_REGION": region]
        let signer = SigV4Signer(
            service: "sts", region: region,
            credentials: AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing"))
        let client = AWSClient(
            signer: signer, endpoint: try AWSEndpoint.resolve(service: "sts", region: region, environment: environment),
            transport: URLSessionTransport(), retry: RetryPolicy(maxAttempts: 2))
        return try await STSClient(client: client).assumeRole(roleARN: roleARN, sessionName: "sluice-dev-invoke")
    }

    /// An EventBridge S3 Object Created event as the rule delivers it (the key form-encoded, as S3 does).
    static func objectCreatedEvent(bucket: String, key: String, account: String, region: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~/")
        let encoded = (key.addingPercentEncoding(withAllowedCharacters: allowed) ?? key).replacingOccurrences(
            of: "%20", with: "+")
        let time = ISO8601DateFormatter().string(from: Date())
        let event: JSONValue = [
            "version": "0", "id": .string(UUID().uuidString.lowercased()), "detail-type": "Object Created",
            "source": "aws.s3", "account": .string(account), "time": .string(time), "region": .string(region),
            "resources": [.string(ARN.bucket(bucket).description)],
            "detail": [
                "version": "0", "bucket": ["name": .string(bucket)],
                "object": ["key": .string(encoded), "sequencer": "0"], "request-id": "local",
                "requester": .string(account), "reason": "PutObject",
            ],
        ]
        return event.compact()
    }
}

/// Runs async work from a synchronous command and waits for it.
func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

/// Carries a result from the task to the waiting thread; the semaphore orders the accesses.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
