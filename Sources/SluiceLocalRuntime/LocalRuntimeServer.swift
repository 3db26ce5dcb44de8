import Foundation
import SluiceRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The Lambda side of the Runtime API, for tests and local runs: an HTTP/1.1 server on 127.0.0.1 that hands out
/// queued events on `next` and records what the function posts back.
///
/// One background thread serves every connection through `poll`, so a `next` waiting for an event does not hold
/// up other connections. Call ``stop()`` when done (tests: in a `defer`): it closes the listener and every
/// connection, which makes a blocked `next` fail rather than hang.
package final class LocalRuntimeServer: @unchecked Sendable {
    /// The port the kernel picked.
    package let port: UInt16
    /// The value for `AWS_LAMBDA_RUNTIME_API`.
    package var runtimeAPI: String { "127.0.0.1:\(port)" }
    /// The ARN sent as `Lambda-Runtime-Invoked-Function-Arn`.
    package let functionARN: String

    private struct QueuedEvent {
        var requestID: String
        var body: [UInt8]
        var timeout: TimeInterval
        var traceID: String?
    }

    // Everything below is guarded by `condition`, which is also what `waitFor…` sleep on.
    private let condition = NSCondition()
    private var queue: [QueuedEvent] = []
    private var inFlight: Set<String> = []
    private var results: [String: LocalRuntimeResult] = [:]
    private var initResult: LocalRuntimeResult?
    private var stopping = false
    private var finished = false

    private let listener: POSIXSocket
    // The loop sleeps in `poll`; a byte down this pipe wakes it to look at the queue or at `stopping`.
    private let wakeRead: Int32
    private let wakeWrite: Int32

    /// Starts listening and serving on a background thread.
    package init(functionARN: String = "arn:aws:lambda:us-east-1:000000000000:function:local") throws {
        self.functionARN = functionARN
        (listener, port) = try POSIXSocket.listeningOnLoopback()
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw POSIXSocketError("pipe") }
        (wakeRead, wakeWrite) = (fds[0], fds[1])
        // A wake-up only has to make the pipe readable: once it is full, `enqueue` must not block on it.
        _ = fcntl(wakeWrite, F_SETFL, fcntl(wakeWrite, F_GETFL) | O_NONBLOCK)
        let thread = Thread { [self] in serve() }
        thread.name = "LocalRuntimeServer"
        thread.start()
    }

    /// Queues an event for the next `next` call and returns the request id it will carry.
    ///
    /// - Parameters:
    ///   - timeout: seconds from when the event is handed out to the deadline sent with it.
    ///   - traceID: sent as `Lambda-Runtime-Trace-Id` when given.
    @discardableResult
    package func enqueue(_ event: [UInt8], timeout: TimeInterval = 60, traceID: String? = nil) -> String {
        let requestID = UUID().uuidString.lowercased()
        condition.lock()
        queue.append(QueuedEvent(requestID: requestID, body: event, timeout: timeout, traceID: traceID))
        condition.unlock()
        wake()
        return requestID
    }

    /// Waits up to `timeout` seconds for the function to post a response or an error for `requestID`.
    package func waitForResult(_ requestID: String, timeout: TimeInterval) -> LocalRuntimeResult? {
        waitFor(timeout: timeout) { $0.results[requestID] }
    }

    /// Waits up to `timeout` seconds for the function to post an init error.
    package func waitForInitError(timeout: TimeInterval) -> LocalRuntimeResult? {
        waitFor(timeout: timeout) { $0.initResult }
    }

    /// Stops serving, closes the listener and every connection, and waits for the thread to end. Idempotent.
    package func stop() {
        condition.lock()
        stopping = true
        condition.unlock()
        wake()
        condition.lock()
        while !finished { condition.wait() }
        condition.unlock()
    }

    deinit {
        close(wakeRead)
        close(wakeWrite)
    }

    private func waitFor(timeout: TimeInterval, _ value: (LocalRuntimeServer) -> LocalRuntimeResult?)
        -> LocalRuntimeResult?
    {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let result = value(self) { return result }
            guard condition.wait(until: deadline) else { return value(self) }
        }
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    // MARK: - The serving thread

    private final class Connection {
        let socket: POSIXSocket
        var buffer: [UInt8] = []
        /// Set while a `next` waits for an event; further requests wait behind it, as HTTP/1.1 orders them.
        var waitingForEvent = false

        init(socket: POSIXSocket) {
            self.socket = socket
            // A client that stops reading must not stall every other connection behind a blocked write.
            socket.setSendTimeout(seconds: 5)
        }
    }

    private func serve() {
        var connections: [Connection] = []
        while !isStopping() {
            var fds = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            fds.append(pollfd(fd: listener.descriptor, events: Int16(POLLIN), revents: 0))
            fds += connections.map { pollfd(fd: $0.socket.descriptor, events: Int16(POLLIN), revents: 0) }
            guard poll(&fds, nfds_t(fds.count), -1) >= 0 || errno == EINTR else { break }
            if fds[0].revents != 0 { drainWakePipe() }
            for (index, connection) in connections.enumerated() where fds[index + 2].revents != 0 {
                read(connection)
            }
            if fds[1].revents != 0, let accepted = try? listener.accept() {
                connections.append(Connection(socket: accepted))
            }
            for connection in connections where connection.socket.descriptor >= 0 {
                process(connection)
            }
            connections.removeAll { $0.socket.descriptor < 0 }
        }
        for connection in connections { connection.socket.close() }
        listener.close()
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func isStopping() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    private func drainWakePipe() {
        var bytes = [UInt8](repeating: 0, count: 64)
        _ = systemRead(wakeRead, &bytes, bytes.count)
    }

    private func read(_ connection: Connection) {
        guard let bytes = try? connection.socket.receive(), !bytes.isEmpty else {
            connection.socket.close()
            return
        }
        connection.buffer += bytes
    }

    /// Answers every complete request in the connection's buffer, stopping at a `next` that has to wait.
    private func process(_ connection: Connection) {
        let parser = HTTPMessageParser(kind: .request)
        while connection.socket.descriptor >= 0 {
            if connection.waitingForEvent {
                guard let event = takeEvent() else { return }
                connection.waitingForEvent = false
                send(eventResponse(event), on: connection)
                continue
            }
            let request: HTTPMessage
            do {
                guard case .complete(let parsed, let consumed) = try parser.parse(connection.buffer) else { return }
                connection.buffer.removeFirst(consumed)
                request = parsed
            } catch {
                // Past a malformed request the stream's framing is lost, so the connection cannot go on.
                let body = LambdaErrorReport(errorMessage: "\(error)", errorType: "InvalidRequest").json
                send(
                    .response(status: 400, reason: "Bad Request", headers: [("Connection", "close")], body: body),
                    on: connection)
                connection.socket.close()
                return
            }
            if let response = respond(to: request) {
                send(response, on: connection)
            } else {
                connection.waitingForEvent = true
            }
            if request.closesConnection, !connection.waitingForEvent { connection.socket.close() }
        }
    }

    private func send(_ response: HTTPMessage, on connection: Connection) {
        do {
            try connection.socket.sendAll(response.serialized)
        } catch {
            connection.socket.close()
        }
    }

    /// The answer to one request, or nil for a `next` that must wait for an event.
    private func respond(to request: HTTPMessage) -> HTTPMessage? {
        let prefix = "/2018-06-01/runtime/"
        guard request.target.hasPrefix(prefix) else { return Self.status(404, "Not Found", "Unknown path") }
        let parts = request.target.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
        switch (request.method, parts.count, parts.first, parts.last) {
        case ("GET", 2, "invocation", "next"):
            guard let event = takeEvent() else { return nil }
            return eventResponse(event)
        case ("POST", 3, "invocation", "response"):
            return record(.response(request.body), for: String(parts[1]))
        case ("POST", 3, "invocation", "error"):
            return record(.error(Self.reportedError(request)), for: String(parts[1]))
        case ("POST", 2, "init", "error"):
            condition.lock()
            initResult = .error(Self.reportedError(request))
            condition.broadcast()
            condition.unlock()
            return Self.status(202, "Accepted", nil)
        case (_, 2, "invocation", "next"), (_, 3, "invocation", "response"), (_, 3, "invocation", "error"),
            (_, 2, "init", "error"):
            return Self.status(405, "Method Not Allowed", "Method not allowed")
        default:
            return Self.status(404, "Not Found", "Unknown path")
        }
    }

    private func takeEvent() -> QueuedEvent? {
        condition.lock()
        defer { condition.unlock() }
        guard !queue.isEmpty else { return nil }
        let event = queue.removeFirst()
        inFlight.insert(event.requestID)
        return event
    }

    private func eventResponse(_ event: QueuedEvent) -> HTTPMessage {
        let deadline = Int64((Date().timeIntervalSince1970 + event.timeout) * 1000)
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/json"),
            ("Lambda-Runtime-Aws-Request-Id", event.requestID),
            ("Lambda-Runtime-Deadline-Ms", String(deadline)),
            ("Lambda-Runtime-Invoked-Function-Arn", functionARN),
        ]
        if let traceID = event.traceID { headers.append(("Lambda-Runtime-Trace-Id", traceID)) }
        return .response(status: 200, reason: "OK", headers: headers, body: event.body)
    }

    private func record(_ result: LocalRuntimeResult, for requestID: String) -> HTTPMessage {
        condition.lock()
        defer { condition.unlock() }
        // Like Lambda, take one outcome per handed-out invocation, so a runtime that answers twice, or for an id
        // it never got, fails its test.
        guard inFlight.remove(requestID) != nil else {
            return Self.status(400, "Bad Request", "Invalid request ID: \(requestID)", type: "InvalidRequestID")
        }
        results[requestID] = result
        condition.broadcast()
        return Self.status(202, "Accepted", nil)
    }

    private static func reportedError(_ request: HTTPMessage) -> LocalRuntimeResult.ReportedError {
        .init(errorTypeHeader: request.header("Lambda-Runtime-Function-Error-Type"), body: request.body)
    }

    private static func status(_ code: Int, _ reason: String, _ message: String?, type: String? = nil)
        -> HTTPMessage
    {
        let body =
            message.map { LambdaErrorReport(errorMessage: $0, errorType: type ?? reason).json }
            ?? Array(#"{"status":"OK"}"#.utf8)
        return .response(status: code, reason: reason, headers: [("Content-Type", "application/json")], body: body)
    }
}

// At file scope, because inside the server its own `read(_:)` shadows the C function.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
