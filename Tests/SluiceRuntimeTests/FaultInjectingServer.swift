import Foundation

@testable import SluiceRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A stand-in for an AWS endpoint on 127.0.0.1 that answers each request as the test's script says: with
/// throttling, 5xx, a dropped connection or a real answer. There is no way to make AWS (or moto) fail on
/// demand, so the clients' retries are tested against this double. Stop it with `stop()`.
final class FaultInjectingServer: @unchecked Sendable {
    /// What to do with one request.
    enum Reply {
        case respond(status: Int, headers: [String: String] = [:], body: String = "")
        /// Closes the connection without answering.
        case dropConnection
    }

    let port: UInt16
    var endpoint: AWSEndpoint { AWSEndpoint(base: URL(string: "http://127.0.0.1:\(port)")!, isOverride: true) }
    private let listener: POSIXSocket
    private let script: @Sendable (HTTPMessage, Int) -> Reply
    private let lock = NSCondition()
    private var stopping = false
    private var threads = 0
    private var received: [HTTPMessage] = []

    /// `script` gets each request and its number (from 0) in arrival order.
    init(_ script: @escaping @Sendable (HTTPMessage, Int) -> Reply) throws {
        self.script = script
        (listener, port) = try POSIXSocket.listeningOnLoopback()
        start { [self] in acceptLoop() }
    }

    var requests: [HTTPMessage] { lock.withLock { received } }

    func stop() {
        lock.lock()
        stopping = true
        while threads > 0 { lock.wait() }
        lock.unlock()
        listener.close()
    }

    private var isStopping: Bool { lock.withLock { stopping } }

    private func start(_ body: @escaping @Sendable () -> Void) {
        lock.withLock { threads += 1 }
        Thread { [self] in
            body()
            lock.lock()
            threads -= 1
            lock.broadcast()
            lock.unlock()
        }.start()
    }

    private func waitReadable(_ socket: POSIXSocket) -> Bool {
        waitUntilReadable(socket, unless: { isStopping })
    }

    private func acceptLoop() {
        while waitReadable(listener) {
            guard let connection = try? listener.accept() else { continue }
            // Handed over whole to the connection's thread, which alone uses it from here on.
            let handOver = UncheckedSocket(socket: connection)
            start { [self] in serve(handOver.socket) }
        }
    }

    private func serve(_ connection: POSIXSocket) {
        defer { connection.close() }
        let parser = HTTPMessageParser(kind: .request)
        var buffer: [UInt8] = []
        while waitReadable(connection) {
            guard let bytes = try? connection.receive(), !bytes.isEmpty else { return }
            buffer += bytes
            while case .complete(let request, let consumed)? = try? parser.parse(buffer) {
                buffer.removeFirst(consumed)
                let number = lock.withLock {
                    received.append(request)
                    return received.count - 1
                }
                switch script(request, number) {
                case .dropConnection:
                    return
                case .respond(let status, let headers, let body):
                    var head = "HTTP/1.1 \(status) Status\r\nContent-Length: \(body.utf8.count)\r\n"
                    for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
                    guard (try? connection.sendAll(Array((head + "\r\n" + body).utf8))) != nil else { return }
                }
            }
        }
    }
}

private struct UncheckedSocket: @unchecked Sendable {
    let socket: POSIXSocket
}
