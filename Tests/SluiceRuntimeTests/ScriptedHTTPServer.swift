import Foundation

@testable import SluiceRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fake server on 127.0.0.1 that answers each request it reads with the next canned response, byte for byte,
/// so a test can send framings the local runtime server never produces. Stop it with `stop()`.
final class ScriptedHTTPServer: @unchecked Sendable {
    let port: UInt16
    private let listener: POSIXSocket
    private let responses: [[UInt8]]
    private let condition = NSCondition()
    private var stopping = false
    private var finished = false
    private var received: [HTTPMessage] = []

    init(responses: [String]) throws {
        self.responses = responses.map { Array($0.utf8) }
        (listener, port) = try POSIXSocket.listeningOnLoopback()
        Thread { [self] in serve() }.start()
    }

    /// The requests read so far.
    var requests: [HTTPMessage] {
        condition.lock()
        defer { condition.unlock() }
        return received
    }

    func stop() {
        condition.lock()
        stopping = true
        while !finished { condition.wait() }
        condition.unlock()
    }

    private var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    private func waitReadable(_ socket: POSIXSocket) -> Bool {
        waitUntilReadable(socket, unless: { isStopping })
    }

    private func serve() {
        defer {
            listener.close()
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        guard waitReadable(listener), let connection = try? listener.accept() else { return }
        defer { connection.close() }
        let parser = HTTPMessageParser(kind: .request)
        var buffer: [UInt8] = []
        var next = responses.makeIterator()
        while waitReadable(connection) {
            guard let bytes = try? connection.receive(), !bytes.isEmpty else { return }
            buffer += bytes
            while case .complete(let request, let consumed)? = try? parser.parse(buffer) {
                buffer.removeFirst(consumed)
                condition.lock()
                received.append(request)
                condition.unlock()
                guard let response = next.next() else { return }
                try? connection.sendAll(response)
            }
        }
    }
}

/// Waits until `socket` has bytes (or a connection) to read; false once `stopping` says so. Polls with a short
/// timeout so a test server's `stop()` is noticed even while nobody connects or sends.
func waitUntilReadable(_ socket: POSIXSocket, unless stopping: () -> Bool) -> Bool {
    while !stopping() {
        var fd = pollfd(fd: socket.descriptor, events: Int16(POLLIN), revents: 0)
        if poll(&fd, 1, 50) > 0 { return true }
    }
    return false
}
