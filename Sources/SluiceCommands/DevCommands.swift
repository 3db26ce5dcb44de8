import ArgumentParser
import Foundation
import SluiceCloud
import SluiceDeploy
import SluiceModel

#if canImport(Glibc)
    import Glibc
#endif

struct Dev: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Try the pipelines against a local AWS endpoint (a moto server on 127.0.0.1), with no AWS account.",
        subcommands: [DevUp.self, DevDown.self, DevInvoke.self])
}

/// Where `sluice dev` keeps its server's details and the local state.
struct DevState: Codable {
    var pid: Int32
    var port: Int
    var endpoint: String { "http://127.0.0.1:\(port)" }

    static func file(_ root: URL) -> URL { root.appendingPathComponent(".sluice/dev/server.json") }
}

struct DevUp: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start a moto server on 127.0.0.1 and plan and apply every stack there (QuickSight stacks skipped).")

    @OptionGroup var project: ProjectOptions

    @Option(name: .long, help: "The port for the server; a free one when omitted.")
    var port: Int?

    func run() throws {
        let (workspace, graph) = try loadGraph(project)
        let root = URL(fileURLWithPath: project.root)
        let state: DevState
        if let running = try? JSONDecoder().decode(DevState.self, from: Data(contentsOf: DevState.file(root))),
            kill(running.pid, 0) == 0
        {
            state = running
            printError("using the moto server already running at \(state.endpoint) (pid \(state.pid))")
        } else {
            state = try startServer(root: root)
        }
        var options = Orchestrator.Options(plansDirectory: root.appendingPathComponent(".sluice/local/plans"))
        options.local = LocalTarget(endpoint: state.endpoint)
        options.variables = placeholderImages(workspace, graph)
        let orchestrator = Orchestrator(root: root, graph: graph, runner: TerraformRunner())
        print("target: \(options.local!.description)\n")
        do {
            let plans = try orchestrator.plan(options, progress: progressPrinter())
            for plan in plans { print(plan.summary.text()) }
            try orchestrator.apply(options, progress: progressPrinter())
        } catch let error as DeployError {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        print("dev: applied to \(state.endpoint); stop it with `sluice dev down`")
    }

    /// A well-formed image reference per processor: moto never pulls the image.
    func placeholderImages(_ workspace: Workspace, _ graph: CloudGraph) -> [String: String] {
        var variables: [String: String] = [:]
        for pipeline in workspace.pipelines {
            guard let names = Names(project: graph.project, pipeline: pipeline) else { continue }
            let account = names.analyticsAccount
            variables[names.imageVariable] =
                "\(account.id).dkr.ecr.\(account.region).amazonaws.com/\(names.repository)@sha256:"
                + String(repeating: "0", count: 64)
        }
        return variables
    }

    func startServer(root: URL) throws -> DevState {
        let executable = try motoExecutable(root)
        let port = try self.port ?? freePort()
        let directory = root.appendingPathComponent(".sluice/dev")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let log = directory.appendingPathComponent("moto.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let state = DevState(pid: process.processIdentifier, port: port)
        try JSONEncoder().encode(state).write(to: DevState.file(root))
        for _ in 0..<100 {
            if canConnect(port: port) {
                printError("moto server started at \(state.endpoint) (pid \(state.pid), log \(log.path))")
                return state
            }
            guard process.isRunning else { break }
            usleep(100_000)
        }
        process.terminate()
        throw ValidationError("the moto server did not start on port \(port); see \(log.path)")
    }

    func motoExecutable(_ root: URL) throws -> String {
        if let configured = ProcessInfo.processInfo.environment["SLUICE_MOTO_SERVER"] { return configured }
        let venv = root.appendingPathComponent(".venv-moto/bin/moto_server").path
        if FileManager.default.isExecutableFile(atPath: venv) { return venv }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/moto_server"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw ValidationError(
            "no moto_server found: run scripts/tools.sh (it installs moto into .venv-moto) or set SLUICE_MOTO_SERVER")
    }
}

struct DevDown: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down", abstract: "Stop the local moto server and forget its state.")

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let root = URL(fileURLWithPath: project.root)
        if let state = try? JSONDecoder().decode(DevState.self, from: Data(contentsOf: DevState.file(root))) {
            if kill(state.pid, SIGTERM) == 0 { printError("stopped the moto server (pid \(state.pid))") }
            try? FileManager.default.removeItem(at: DevState.file(root))
        } else {
            printError("no moto server was started by `sluice dev up` here")
        }
        // The local state describes the server's contents, which are gone with it.
        try? FileManager.default.removeItem(at: root.appendingPathComponent(".sluice/local"))
    }
}

/// A TCP port on 127.0.0.1 that nothing listens on now.
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw ValidationError("cannot open a socket to find a free port") }
    defer { close(fd) }
    var address = loopback(port: 0)
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw ValidationError("cannot bind a socket to find a free port") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Whether something accepts connections on 127.0.0.1:port.
func canConnect(port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = loopback(port: port)
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
        }
    }
}

private func loopback(port: Int) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return address
}
