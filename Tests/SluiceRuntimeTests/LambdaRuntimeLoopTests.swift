import Foundation
import SluiceLocalRuntime
import Testing

@testable import SluiceRuntime

// Serialized: the loop sets the process-wide `_X_AMZN_TRACE_ID`, which one of the tests reads.
@Suite("The Lambda runtime loop against the local Runtime API server", .serialized)
struct LambdaRuntimeLoopTests {
    struct HandlerFailure: Error, CustomStringConvertible {
        var description: String { "the event was rejected" }
    }

    @Test("an echoing handler and a throwing one get their response and error recorded under their request ids")
    func echoAndThrow() throws {
        let server = try LocalRuntimeServer()
        defer { server.stop() }
        let echoed = server.enqueue(Array(#"{"n":1}"#.utf8))
        let rejected = server.enqueue(Array("reject".utf8))
        let third = server.enqueue(Array(#"{"n":3}"#.utf8))
        let client = try LambdaRuntimeClient(environment: ["AWS_LAMBDA_RUNTIME_API": server.runtimeAPI])
        let runtime = LambdaRuntime(client: client)
        var seen: [String] = []
        try runtime.run(maxInvocations: 3) { invocation, context in
            seen.append(context.requestID)
            if invocation.body == Array("reject".utf8) { throw HandlerFailure() }
            return invocation.body
        }
        #expect(seen == [echoed, rejected, third])
        #expect(server.waitForResult(echoed, timeout: 5) == .response(Array(#"{"n":1}"#.utf8)))
        #expect(server.waitForResult(third, timeout: 5) == .response(Array(#"{"n":3}"#.utf8)))
        guard case .error(let reported)? = server.waitForResult(rejected, timeout: 5) else {
            Issue.record("no error recorded for \(rejected)")
            return
        }
        #expect(reported.errorTypeHeader == "HandlerFailure")
        #expect(
            reported.report == LambdaErrorReport(errorMessage: "the event was rejected", errorType: "HandlerFailure"))
    }

    @Test("the invocation carries the request id, deadline, function ARN and trace id from the headers")
    func headers() throws {
        let server = try LocalRuntimeServer(functionARN: "arn:aws:lambda:eu-west-1:123456789012:function:f")
        defer { server.stop() }
        let before = Date()
        let requestID = server.enqueue(Array("{}".utf8), timeout: 30, traceID: "Root=1-abc;Sampled=1")
        var captured: (Invocation, LambdaContext)?
        try LambdaRuntime(client: LambdaRuntimeClient(host: "127.0.0.1", port: server.port)).run(maxInvocations: 1) {
            captured = ($0, $1)
            #expect(ProcessInfo.processInfo.environment["_X_AMZN_TRACE_ID"] == "Root=1-abc;Sampled=1")
            return []
        }
        let (invocation, context) = try #require(captured)
        #expect(invocation.requestID == requestID && context.requestID == requestID)
        #expect(invocation.invokedFunctionARN == "arn:aws:lambda:eu-west-1:123456789012:function:f")
        #expect(invocation.traceID == "Root=1-abc;Sampled=1")
        // Milliseconds on the wire, so allow for the rounding.
        let expected = before.addingTimeInterval(30)
        #expect(invocation.deadline >= expected.addingTimeInterval(-0.01))
        #expect(invocation.deadline <= Date().addingTimeInterval(30.01))
        #expect(context.remainingTime > 25 && context.remainingTime <= 30.01)
        #expect(server.waitForResult(requestID, timeout: 5) == .response([]))
    }

    @Test("a set-up that throws is reported as an init error and ends the run")
    func initError() throws {
        let server = try LocalRuntimeServer()
        defer { server.stop() }
        let runtime = LambdaRuntime(client: LambdaRuntimeClient(host: "127.0.0.1", port: server.port))
        let expected = LambdaErrorReport(errorMessage: "the event was rejected", errorType: "HandlerFailure")
        #expect(throws: LambdaRuntimeError.initializationFailed(expected)) {
            try runtime.run(maxInvocations: 1) { () throws -> LambdaRuntime.Handler in throw HandlerFailure() }
        }
        guard case .error(let reported)? = server.waitForInitError(timeout: 5) else {
            Issue.record("no init error recorded")
            return
        }
        #expect(reported.errorTypeHeader == "HandlerFailure")
        #expect(reported.report == expected)
    }

    @Test("a set-up that succeeds serves with the handler it built")
    func setUpSucceeds() throws {
        let server = try LocalRuntimeServer()
        defer { server.stop() }
        let requestID = server.enqueue(Array("abc".utf8))
        try LambdaRuntime(client: LambdaRuntimeClient(host: "127.0.0.1", port: server.port)).run(maxInvocations: 1) {
            let suffix = Array("!".utf8)
            return { invocation, _ in invocation.body + suffix }
        }
        #expect(server.waitForResult(requestID, timeout: 5) == .response(Array("abc!".utf8)))
        #expect(server.waitForInitError(timeout: 0) == nil)
    }

    @Test("chunked responses from the Runtime API are read, and the connection is kept for the next request")
    func chunkedResponses() throws {
        let next =
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nLambda-Runtime-Aws-Request-Id: r-1\r\n"
            + "Lambda-Runtime-Deadline-Ms: 1700000000123\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n"
        let accepted =
            "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "f\r\n{\"status\":\"OK\"}\r\n0\r\n\r\n"
        let fake = try ScriptedHTTPServer(responses: [next, accepted])
        defer { fake.stop() }
        try LambdaRuntime(client: LambdaRuntimeClient(host: "127.0.0.1", port: fake.port)).run(maxInvocations: 1) {
            invocation, _ in
            #expect(invocation.requestID == "r-1")
            #expect(invocation.deadline == Date(timeIntervalSince1970: 1_700_000_000.123))
            #expect(invocation.invokedFunctionARN == nil && invocation.traceID == nil)
            #expect(invocation.body == Array(#"{"a":1}"#.utf8))
            return Array("done".utf8)
        }
        let requests = fake.requests
        try #require(requests.count == 2)
        #expect(requests[0].method == "GET" && requests[0].target == "/2018-06-01/runtime/invocation/next")
        #expect(requests[1].method == "POST" && requests[1].target == "/2018-06-01/runtime/invocation/r-1/response")
        #expect(requests[1].body == Array("done".utf8))
    }

    @Test("a response the Runtime API refuses (413) is reported as the invocation's error, and the loop goes on")
    func refusedResponse() throws {
        let next =
            "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-2\r\n"
            + "Lambda-Runtime-Deadline-Ms: 1700000000000\r\nContent-Length: 0\r\n\r\n"
        let tooLarge = "HTTP/1.1 413 Payload Too Large\r\nContent-Length: 8\r\n\r\ntoo big!"
        let accepted = "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n"
        let fake = try ScriptedHTTPServer(responses: [next, tooLarge, accepted])
        defer { fake.stop() }
        try LambdaRuntime(client: LambdaRuntimeClient(host: "127.0.0.1", port: fake.port)).run(maxInvocations: 1) {
            _, _ in Array("huge".utf8)
        }
        let requests = fake.requests
        try #require(requests.count == 3)
        #expect(requests[2].target == "/2018-06-01/runtime/invocation/r-2/error")
        #expect(requests[2].header("Lambda-Runtime-Function-Error-Type") == "LambdaRuntimeError")
        let report = try #require(LambdaErrorReport.decode(requests[2].body))
        #expect(report.errorMessage.contains("413") && report.errorMessage.contains("too big!"))
    }

    @Test("a server error on a response ends the loop")
    func serverErrorEndsLoop() throws {
        let next =
            "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-3\r\n"
            + "Lambda-Runtime-Deadline-Ms: 1700000000000\r\nContent-Length: 0\r\n\r\n"
        let broken = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        let fake = try ScriptedHTTPServer(responses: [next, broken])
        defer { fake.stop() }
        let runtime = LambdaRuntime(client: LambdaRuntimeClient(host: "127.0.0.1", port: fake.port))
        let expected = LambdaRuntimeError.unexpectedStatus(
            path: "/2018-06-01/runtime/invocation/r-3/response", status: 500, body: "")
        #expect(throws: expected) { try runtime.run(maxInvocations: 5) { _, _ in [] } }
        #expect(fake.requests.count == 2)
    }

    @Test("a next response without a request id is an error, not an invocation")
    func missingRequestID() throws {
        let fake = try ScriptedHTTPServer(responses: ["HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"])
        defer { fake.stop() }
        #expect(throws: LambdaRuntimeError.missingHeader("Lambda-Runtime-Aws-Request-Id")) {
            try LambdaRuntimeClient(host: "127.0.0.1", port: fake.port).next()
        }
    }

    @Test("the Runtime API address must be host:port", arguments: [nil, "", "localhost", "host:", ":9001", "h:99999"])
    func invalidAddress(_ value: String?) {
        let environment = value.map { ["AWS_LAMBDA_RUNTIME_API": $0] } ?? [:]
        #expect(throws: LambdaRuntimeError.invalidRuntimeAPI(value)) {
            try LambdaRuntimeClient(environment: environment)
        }
    }

    @Test("an IPv6 address loses its brackets")
    func ipv6Address() throws {
        let client = try LambdaRuntimeClient(environment: ["AWS_LAMBDA_RUNTIME_API": "[::1]:9001"])
        #expect(client.host == "::1" && client.port == 9001)
    }
}
