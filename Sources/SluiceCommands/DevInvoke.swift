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
            Created event for the object, and prints what the function answered, alone on stdout (the \
            processor's own output, its logs and metric records, goes to stderr). The processor talks to the \
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
        let (declared, names) = try pipelineAndNames(named: pipeline, in: workspace)
        let root = URL(fileURLWithPath: project.root)
        guard
            let endpoint = endpoint ?? DevState.recorded(root)?.endpoint
        else {
            printError("error: no local endpoint: start one with `sluice dev up`, or pass --endpoint")
            throw ExitCode(1)
        }
        let executable = try processorExecutable(declared)
        let region = names.analyticsAccount.region
        let roleARN = ARN.role(names.processorRole, accountID: names.analyticsAccount.id).description
        let target = OperationsTarget(endpoint: endpoint, label: endpoint)
        let credentials = try blocking { try await target.assumeRole(roleARN, region: region) }

        let invoker = try LocalProcessorInvoker(
            LocalProcessorInvoker.settings(
                of: declared, names: names, executable: executable, endpoint: endpoint, credentials: credentials))
        defer { invoker.stop() }
        let event = Self.objectCreatedEvent(
            bucket: bucket ?? names.landingBucket, key: key, account: names.analyticsAccount.id, region: region)
        let outcome = try invoker.invoke(event, timeout: timeout)
        switch outcome {
        case .response(let body):
            print(String(decoding: body, as: UTF8.self))
            // Exit 3, as `sluice process` does, when the object was processed with damage.
            if outcome.damaged {
                printError(
                    "error: s3://\(bucket ?? names.landingBucket)/\(key) was processed with damage (see the quarantine)"
                )
                throw ExitCode(3)
            }
        case .failed(let detail):
            printError("error: \(detail)")
            throw ExitCode(1)
        }
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
