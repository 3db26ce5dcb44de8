import Foundation
import SluiceLocalRuntime
import Testing

@testable import SluiceRuntime

@Suite("The local Runtime API server")
struct LocalRuntimeServerTests {
    /// Sends raw bytes on a fresh connection and reads until the server closes it (or 5 s pass).
    private func exchange(_ bytes: [UInt8], port: UInt16, thenClose: Bool = false) throws -> String {
        let socket = try POSIXSocket.connected(toHost: "127.0.0.1", port: port)
        defer { socket.close() }
        try socket.sendAll(bytes)
        if thenClose { return "" }
        var received: [UInt8] = []
        let deadline = Date(timeIntervalSinceNow: 5)
        while Date() < deadline {
            let chunk = try socket.receive()
            if chunk.isEmpty { break }
            received += chunk
        }
        return String(decoding: received, as: UTF8.self)
    }

    private func serverStillServes(_ server: LocalRuntimeServer) throws {
        let requestID = server.enqueue(Array("ok".utf8))
        let client = LambdaRuntimeClient(host: "127.0.0.1", port: server.port)
        let invocation = try client.next()
        #expect(invocation.requestID == requestID && invocation.body == Array("ok".utf8))
        try client.respond(requestID: requestID, body: Array("fine".utf8))
        #expect(server.waitForResult(requestID, timeout: 5) == .response(Array("fine".utf8)))
    }

    @Test("garbage gets a 400 and a closed connection, and the server goes on serving")
    func garbage() throws {
        let server = try LocalRuntimeServer()
        defer { server.stop() }
        let answer = try exchange(Array("\u{1}\u{2}GARBAGE \u{7f}\r\n\r\n".utf8), port: server.port)
        #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
        #expect(answer.contains("Connection: close"))
        let tooLong = [UInt8](repeating: UInt8(ascii: "x"), count: HTTPMessageParser.maximumHeadSize + 10)
        #expect(try exchange(tooLong, port: server.port).hasPrefix("HTTP/1.1 400 "))
        let badLength = "POST /2018-06-01/runtime/init/error HTTP/1.1\r\nContent-Length: abc\r\n\r\n"
        #expect(try exchange(Array(badLength.utf8), port: server.port).hasPrefix("HTTP/1.1 400 "))
        // Half a request, then a hang-up; and random bytes without any line end.
        _ = try exchange(
            Array("POST /2018-06-01/runtime/init/error HTTP/1.1\r\nContent-Length: 10\r\n\r\nab".utf8),
            port: server.port, thenClose: true)
        _ = try exchange((0..<4096).map { _ in UInt8.random(in: 0...255) }, port: server.port, thenClose: true)
        try serverStillServes(server)
    }

    @Test("unknown paths, wrong methods and unknown or repeated request ids are refused")
    func refusals() throws {
        let server = try LocalRuntimeServer()
        defer { server.stop() }
        let client = RuntimeHTTPClient(host: "127.0.0.1", port: server.port)
        defer { client.close() }
        #expect(try client.send(.request(method: "GET", target: "/nope")).status == 404)
        #expect(try client.send(.request(method: "POST", target: "/2018-06-01/runtime/invocation/next")).status == 405)
        let unknown = HTTPMessage.request(method: "POST", target: "/2018-06-01/runtime/invocation/nobody/response")
        #expect(try client.send(unknown).status == 400)
        let requestID = server.enqueue([])
        let runtime = LambdaRuntimeClient(host: "127.0.0.1", port: server.port)
        _ = try runtime.next()
        try runtime.respond(requestID: requestID, body: [])
        #expect(throws: LambdaRuntimeError.self) { try runtime.respond(requestID: requestID, body: []) }
        #expect(throws: LambdaRuntimeError.self) {
            try runtime.fail(requestID: "other", report: LambdaErrorReport(errorMessage: "m", errorType: "T"))
        }
        // The refusals did not cost the kept-alive connection.
        let second = server.enqueue([])
        #expect(try runtime.next().requestID == second)
        try runtime.fail(requestID: second, report: LambdaErrorReport(errorMessage: "m", errorType: "T"))
        let body = Array(#"{"errorMessage":"m","errorType":"T"}"#.utf8)
        let expected = LocalRuntimeResult.ReportedError(errorTypeHeader: "T", body: body)
        #expect(server.waitForResult(second, timeout: 5) == .error(expected))
    }

    @Test("a waiting next gets the event enqueued later, while other connections are served meanwhile")
    func nextWaits() throws {
        let server = try LocalRuntimeServer()
        defer { server.stop() }
        let client = LambdaRuntimeClient(host: "127.0.0.1", port: server.port)
        let outcome = Outcome()
        let thread = Thread {
            outcome.set(Result { try client.next().requestID })
        }
        thread.start()
        Thread.sleep(forTimeInterval: 0.2)
        #expect(outcome.value(timeout: 0) == nil)
        let other = RuntimeHTTPClient(host: "127.0.0.1", port: server.port)
        defer { other.close() }
        #expect(try other.send(.request(method: "GET", target: "/nope")).status == 404)
        let requestID = server.enqueue(Array("late".utf8))
        #expect(try outcome.value(timeout: 5)?.get() == requestID)
    }

    @Test("stop ends a next that is waiting for an event, and can be called again")
    func stopUnblocksNext() throws {
        let server = try LocalRuntimeServer()
        defer { server.stop() }
        let client = LambdaRuntimeClient(host: "127.0.0.1", port: server.port)
        let outcome = Outcome()
        Thread { outcome.set(Result { try client.next().requestID }) }.start()
        Thread.sleep(forTimeInterval: 0.2)
        server.stop()
        let result = try #require(outcome.value(timeout: 5))
        #expect(throws: LambdaRuntimeError.self) { try result.get() }
        #expect(throws: LambdaRuntimeError.self) { try client.next() }
    }
}

/// A result one thread sets and another waits for.
private final class Outcome: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<String, any Error>?

    func set(_ result: Result<String, any Error>) {
        condition.lock()
        self.result = result
        condition.broadcast()
        condition.unlock()
    }

    func value(timeout: TimeInterval) -> Result<String, any Error>? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while result == nil, condition.wait(until: deadline) {}
        return result
    }
}
