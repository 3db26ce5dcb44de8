import ArgumentParser
import Foundation
import SluiceModel
import SluiceRuntime

/// `--dev` and `--endpoint`: where `sluice status`, `replay` and `redrive` act.
struct TargetOptions: ParsableArguments {
    @Flag(name: .long, help: "Act on this project's `sluice dev up` moto server.")
    var dev = false

    @Option(name: .long, help: "Act on a local AWS endpoint (an http(s) URL) instead of AWS.")
    var endpoint: String?

    func validate() throws {
        if dev && endpoint != nil { throw ValidationError("give --dev or --endpoint, not both") }
        if let endpoint {
            guard let url = URL(string: endpoint), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ValidationError("--endpoint must be an http(s) URL, such as http://127.0.0.1:5000: \(endpoint)")
            }
        }
    }

    /// The target these options name; `root` holds the `sluice dev up` state.
    func resolve(root: URL) throws -> OperationsTarget {
        if let endpoint { return OperationsTarget(endpoint: endpoint, label: "local AWS endpoint \(endpoint)") }
        guard dev else {
            // Without credentials every request would fail the same way: say it once, before any.
            do {
                _ = try AWSCredentials.fromEnvironment()
            } catch {
                printError("error: target AWS: \(error); or give --dev or --endpoint URL for a local endpoint")
                throw ExitCode(1)
            }
            return OperationsTarget(endpoint: nil, label: "AWS")
        }
        guard let state = DevState.recorded(root), isAlive(state.pid)
        else {
            printError(
                "error: --dev: no `sluice dev up` server is running for this project: start one with `sluice dev up`")
            throw ExitCode(1)
        }
        return OperationsTarget(
            endpoint: state.endpoint,
            label: "local AWS endpoint \(state.endpoint) (the `sluice dev up` moto server, pid \(state.pid))")
    }
}

/// Where the operations commands send their requests, and as whom: AWS itself, with the caller's credentials from
/// the environment and a role assumed in each account, or a local endpoint (moto), where any credentials do and the
/// assumed role's account id chooses the account.
struct OperationsTarget {
    /// The local endpoint, or nil for AWS.
    var endpoint: String?
    /// What the first line printed says.
    var label: String

    /// Which of an account's roles a command assumes.
    enum RoleUse {
        /// The read-only `plan_role` (`sluice status`).
        case plan
        /// The `deploy_role` (`sluice replay`, `sluice redrive`).
        case deploy
    }

    /// `target: …`, the first line each command prints.
    var headline: String { "target: \(label)" }

    /// A short name for files keyed by target (the replay checkpoint).
    var slug: String {
        endpoint == nil ? "aws" : "local-\(URL(string: endpoint!)?.port.map(String.init) ?? "endpoint")"
    }

    /// Credentials in `account`: its plan or deploy role, assumed with the caller's credentials.
    func credentials(in account: Account, _ use: RoleUse) async throws -> AWSCredentials {
        try await assumeRole(use == .plan ? account.planRole : account.deployRole, region: account.region)
    }

    /// Credentials of `roleARN`, assumed with the caller's credentials (any, on a local endpoint).
    func assumeRole(_ roleARN: String, region: String) async throws -> AWSCredentials {
        let caller =
            endpoint == nil
            ? try AWSCredentials.fromEnvironment()
            : AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing")
        return try await client(STSClient.self, region: region, credentials: caller).assumeRole(
            roleARN: roleARN, sessionName: "sluice-operations")
    }

    /// A signed client of one service in `region`: at the local endpoint, or at AWS's (an `AWS_ENDPOINT_URL` in the
    /// shell is ignored, so that the target line stays true).
    func client<Client: AWSServiceClient>(
        _ type: Client.Type, region: String, credentials: AWSCredentials
    ) throws -> Client {
        try Client.explicit(
            credentials: credentials, region: region, endpoint: endpoint,
            // 20 s without progress, not the transport's default 60: a request dropped on a reused connection waits
            // out the whole limit (libcurl). Calls that wait by design (a long poll, a synchronous invocation)
            // carry their own longer limit.
            transport: URLSessionTransport(timeout: 20))
    }
}
