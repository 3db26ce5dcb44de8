import Foundation
import Testing

@testable import SluiceRuntime

@Suite("Lambda client against a fault-injecting local server")
struct LambdaClientTests {
    @Test("an Event invocation posts the payload to the encoded function path, signed, and takes the 202")
    func eventInvocation() async throws {
        let server = try FaultInjectingServer { _, _ in .respond(status: 202) }
        defer { server.stop() }
        let lambda = LambdaClient(client: client("lambda", server))
        let payload = Array(#"{"detail":{"object":{"key":"a b"}}}"#.utf8)
        let invocation = try await lambda.invoke(
            functionName: "arn:aws:lambda:eu-west-1:123456789012:function:p-processor", payload: payload,
            invocationType: .event)
        #expect(invocation.status == 202 && invocation.payload.isEmpty && !invocation.failed)
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(
            request.target
                == "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Ap-processor/invocations"
        )
        #expect(request.header("X-Amz-Invocation-Type") == "Event" && request.body == payload)
        #expect(isSigned(request, service: "lambda"))
    }

    @Test("a RequestResponse invocation returns the payload, and a function error is reported, not thrown")
    func requestResponse() async throws {
        let server = try FaultInjectingServer { _, number in
            number == 0
                ? .respond(status: 200, headers: ["X-Amz-Executed-Version": "$LATEST"], body: #"{"rows":3}"#)
                : .respond(
                    status: 200, headers: ["X-Amz-Function-Error": "Unhandled"],
                    body: #"{"errorType":"DamagedObject","errorMessage":"bad gzip"}"#)
        }
        defer { server.stop() }
        let lambda = LambdaClient(client: client("lambda", server))
        let done = try await lambda.invoke(functionName: "p-processor", payload: [], invocationType: .requestResponse)
        #expect(
            done.payload == Array(#"{"rows":3}"#.utf8) && done.functionError == nil && done.executedVersion == "$LATEST"
        )
        let failed = try await lambda.invoke(functionName: "p-processor", payload: [], invocationType: .requestResponse)
        #expect(failed.failed && failed.functionError == "Unhandled")
        #expect(String(decoding: failed.payload, as: UTF8.self).contains("bad gzip"))
        #expect(server.requests.allSatisfy { $0.header("X-Amz-Invocation-Type") == "RequestResponse" })
    }

    @Test("a RequestResponse answer may take longer than the transport's limit: the function is not run again")
    func slowRequestResponse() async throws {
        // The function runs longer than the transport waits for a request (1 s here, a minute by default, under
        // Lambda's 15): timing out would retry the invocation and run the function a second time.
        let server = try FaultInjectingServer { _, _ in
            Thread.sleep(forTimeInterval: 2)
            return .respond(status: 200, body: #"{"rows":3}"#)
        }
        defer { server.stop() }
        let signer = SigV4Signer(
            service: "lambda", region: "eu-west-1",
            credentials: AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret"))
        let lambda = LambdaClient(
            client: AWSClient(
                signer: signer, endpoint: server.endpoint, transport: URLSessionTransport(timeout: 1),
                retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.001, maxDelay: 0.01)))
        let done = try await lambda.invoke(functionName: "p-processor", payload: [], invocationType: .requestResponse)
        #expect(done.payload == Array(#"{"rows":3}"#.utf8))
        #expect(server.requests.count == 1)
    }

    @Test("TooManyRequestsException, 5xx and a dropped connection are retried, then the 202 is taken")
    func retries() async throws {
        let server = try FaultInjectingServer { _, number in
            // The drop comes first, on a fresh connection: a POST dropped on a reused keep-alive connection makes
            // libcurl resend it on a new one, and corelibs-foundation then waits for the body until the request
            // timeout (10 s here) before failing; the retry after that succeeds, but slowly.
            switch number {
            case 0: .dropConnection
            case 1:
                .respond(
                    status: 429, headers: ["x-amzn-ErrorType": "TooManyRequestsException"],
                    body:
                        #"{"Type":"User","message":"Rate Exceeded.","Reason":"ReservedFunctionConcurrentInvocationLimitExceeded"}"#
                )
            case 2: .respond(status: 502, headers: ["x-amzn-ErrorType": "ServiceException"], body: "{}")
            default: .respond(status: 202)
            }
        }
        defer { server.stop() }
        let log = LogLines()
        let lambda = LambdaClient(client: client("lambda", server, attempts: 5, log: log))
        let invocation = try await lambda.invoke(functionName: "f", payload: [1], invocationType: .event)
        #expect(invocation.status == 202)
        #expect(server.requests.count == 4)
        #expect(log.lines.filter { $0.contains("retrying Lambda.Invoke") }.count == 3)
        #expect(log.lines.contains { $0.contains("TooManyRequestsException") })
    }

    @Test("a missing function is a decoded ResourceNotFoundException, not retried")
    func missingFunction() async throws {
        let server = try FaultInjectingServer { _, _ in
            .respond(
                status: 404, headers: ["X-Amzn-ErrorType": "ResourceNotFoundException:http://internal.amazon.com/x"],
                body: #"{"Type":"User","Message":"Function not found: arn:aws:lambda:eu-west-1:1:function:f"}"#)
        }
        defer { server.stop() }
        await #expect {
            _ = try await LambdaClient(client: client("lambda", server)).invoke(
                functionName: "f", payload: [], invocationType: .event)
        } throws: { error in
            (error as? AWSServiceError).map {
                $0.code == "ResourceNotFoundException" && $0.message?.hasPrefix("Function not found") == true
                    && $0.attempts == 1 && $0.operation == "Lambda.Invoke"
            } ?? false
        }
        #expect(server.requests.count == 1)
    }

    @Test("a 200 to an Event invocation, or a payload over Lambda's limit, is an error")
    func unexpectedAnswersAndLimits() async throws {
        let server = try FaultInjectingServer { _, _ in .respond(status: 200, body: "not json") }
        defer { server.stop() }
        let lambda = LambdaClient(client: client("lambda", server))
        await #expect(throws: AWSServiceError.self) {
            _ = try await lambda.invoke(functionName: "f", payload: [], invocationType: .event)
        }
        await #expect(throws: AWSConfigurationError.self) {
            _ = try await lambda.invoke(
                functionName: "f", payload: [UInt8](repeating: 0x20, count: 256 * 1024 + 1), invocationType: .event)
        }
        await #expect(throws: AWSConfigurationError.self) {
            _ = try await lambda.invoke(functionName: "", payload: [], invocationType: .event)
        }
        #expect(server.requests.count == 1)
    }
}
