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
        subcommands: [DevUp.self, DevDown.self, DevInvoke.self, DevParquetWrite.self])
}

/// Where `sluice dev` keeps its server's details and the local state.
struct DevState: Codable {
    var pid: Int32
    var port: Int
    var endpoint: String { "http://127.0.0.1:\(port)" }

    static func file(_ root: URL) -> URL { root.appendingPathComponent(".sluice/dev/server.json") }

    /// What `sluice dev up` recorded under `root`, or nil when it recorded nothing (or nothing readable).
    static func recorded(_ root: URL) -> DevState? {
        try? JSONDecoder().decode(DevState.self, from: Data(contentsOf: file(root)))
    }
}

struct DevUp: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start a moto server on 127.0.0.1 and plan and apply every stack there (QuickSight stacks skipped).")

    @OptionGroup var project: ProjectOptions

    @Option(name: .long, help: "The port for the server; a free one when omitted.")
    var port: Int?

    @OptionGroup var terraformOutput: TerraformOutputOptions

    func run() throws {
        let (workspace, graph) = try loadGraph(project)
        let root = URL(fileURLWithPath: project.root)
        let state: DevState
        if let running = DevState.recorded(root), isAlive(running.pid) {
            state = running
            printError("using the moto server already running at \(state.endpoint) (pid \(state.pid))")
        } else {
            state = try startServer(root: root)
        }
        do {
            try deploy(state: state, root: root, workspace: workspace, graph: graph)
        } catch {
            // Whatever failed (the error is printed already), the server stays for inspection: say so, and how
            // to stop it.
            printError(
                "the moto server is still running at \(state.endpoint) (pid \(state.pid)); stop it with "
                    + "`\(downCommand)`")
            throw error
        }
        print("dev: applied to \(state.endpoint) (moto server, pid \(state.pid)); stop it with `\(downCommand)`")
    }

    /// Plans every stack, prints the brief summaries, applies.
    private func deploy(state: DevState, root: URL, workspace: Workspace, graph: CloudGraph) throws {
        let plansDirectory = root.appendingPathComponent(".sluice/local/plans")
        var options = Orchestrator.Options(plansDirectory: plansDirectory)
        let local = LocalTarget(endpoint: state.endpoint)
        options.local = local
        options.variables = LocalTarget.placeholderImages(project: graph.project, pipelines: workspace.pipelines)
        print("target: \(local.description)")
        for (name, value) in options.variables.sorted(by: { $0.key < $1.key }) {
            print("local setting: \(placeholderSetting(name, value))")
        }
        print()
        fflush(nil)  // before the progress on stderr, when both streams go to one file
        let console = DeployConsole(command: "dev-up", root: root, verbose: terraformOutput.verbose)
        let orchestrator = Orchestrator(root: root, graph: graph, runner: console.runner)
        do {
            let plans = try orchestrator.plan(options, progress: console.progress)
            print()
            for plan in plans { print(plan.summary.brief()) }
            print("full summaries: \(DeployConsole.shown(plansDirectory))/<stack>.txt\n")
            fflush(nil)  // the summaries before the apply's progress, when both streams go to one file
            try orchestrator.apply(options, progress: console.progress)
        } catch let error as DeployError {
            throw console.fail(error)
        }
    }

    /// `sluice dev down`, with `--root` when the root is not the current directory.
    private var downCommand: String {
        let root = URL(fileURLWithPath: project.root).standardizedFileURL.path
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        return root == current ? "sluice dev down" : "sluice dev down --root \(root)"
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
        if let state = DevState.recorded(root) {
            if isAlive(state.pid), kill(state.pid, SIGTERM) == 0 {
                // Waits for it to go, so that a `dev up` right after does not find the old one.
                for _ in 0..<50 where isAlive(state.pid) { usleep(100_000) }
                if isAlive(state.pid) { kill(state.pid, SIGKILL) }
                printError("stopped the moto server at \(state.endpoint) (pid \(state.pid))")
            } else {
                printError("the moto server of \(state.endpoint) (pid \(state.pid)) was not running any more")
            }
            try? FileManager.default.removeItem(at: DevState.file(root))
        } else {
            printError("no moto server was started by `sluice dev up` here")
        }
        // The local state describes the server's contents, which are gone with it.
        try? FileManager.default.removeItem(at: root.appendingPathComponent(".sluice/local"))
    }
}

/// Whether the process exists and is not a zombie (one whose parent, gone, left it to an init that does not reap).
func isAlive(_ pid: Int32) -> Bool {
    guard pid > 0, kill(pid, 0) == 0 else { return false }
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
    else { return true }
    return !stat[close...].hasPrefix(") Z")
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
