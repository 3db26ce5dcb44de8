import Foundation
import Testing

@testable import SluiceRuntime

private let queue = "http://127.0.0.1/123456789012/dlq"

@Suite("SQS client against a fault-injecting local server")
struct SQSClientTests {
    @Test("each call sends its JSON 1.0 request, signed for sqs, and decodes the answer")
    func requestsAndAnswers() async throws {
        let server = try FaultInjectingServer { request, _ in
            switch targetAction(request) {
            case "GetQueueUrl": jsonAnswer(["QueueUrl": queue])
            case "GetQueueAttributes":
                jsonAnswer([
                    "Attributes": [
                        "ApproximateNumberOfMessages": "3", "ApproximateNumberOfMessagesNotVisible": "1",
                        "ApproximateNumberOfMessagesDelayed": "0",
                    ]
                ])
            case "ReceiveMessage":
                jsonAnswer([
                    "Messages": [
                        [
                            "MessageId": "m-1", "ReceiptHandle": "rh-1", "Body": "{\"detail\":{}}",
                            "Attributes": ["ApproximateReceiveCount": "2", "SentTimestamp": "1700000000000"],
                            "MessageAttributes": [
                                "ErrorCode": ["DataType": "String", "StringValue": "200"],
                                "Binary": ["DataType": "Binary", "BinaryValue": "AAE="],
                            ],
                        ]
                    ]
                ])
            case "SendMessage": jsonAnswer(["MessageId": "m-2", "MD5OfMessageBody": "x"])
            default: .respond(status: 200, body: "")
            }
        }
        defer { server.stop() }
        let sqs = SQSClient(client: client("sqs", server))
        #expect(try await sqs.queueURL(name: "p-dlq", ownerAccountID: "123456789012") == queue)
        #expect(try await sqs.approximateMessages(queueURL: queue) == .init(visible: 3, inFlight: 1, delayed: 0))
        let messages = try await sqs.receiveMessages(
            queueURL: queue, maxMessages: 5, waitSeconds: 1, visibilityTimeout: 60)
        #expect(
            messages == [
                .init(
                    messageID: "m-1", receiptHandle: "rh-1", body: "{\"detail\":{}}",
                    attributes: ["ApproximateReceiveCount": "2", "SentTimestamp": "1700000000000"],
                    messageAttributes: ["ErrorCode": "200"])
            ])
        #expect(messages.first?.receiveCount == 2)
        try await sqs.deleteMessage(queueURL: queue, receiptHandle: "rh-1")
        #expect(try await sqs.sendMessage(queueURL: queue, body: "hello") == "m-2")
        try await sqs.changeMessageVisibility(queueURL: queue, receiptHandle: "rh-1", timeout: 0)

        let requests = server.requests
        #expect(
            requests.map { $0.header("X-Amz-Target") ?? "" } == [
                "AmazonSQS.GetQueueUrl", "AmazonSQS.GetQueueAttributes", "AmazonSQS.ReceiveMessage",
                "AmazonSQS.DeleteMessage", "AmazonSQS.SendMessage", "AmazonSQS.ChangeMessageVisibility",
            ])
        #expect(requests.allSatisfy { $0.method == "POST" && $0.target == "/" })
        #expect(requests.allSatisfy { $0.header("Content-Type") == "application/x-amz-json-1.0" })
        #expect(requests.allSatisfy { isSigned($0, service: "sqs") })
        let urlInput = jsonInput(requests[0])
        #expect(
            urlInput["QueueName"] as? String == "p-dlq"
                && urlInput["QueueOwnerAWSAccountId"] as? String == "123456789012")
        #expect(
            jsonInput(requests[1])["AttributeNames"] as? [String] == [
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                "ApproximateNumberOfMessagesDelayed",
            ])
        let receive = jsonInput(requests[2])
        #expect(receive["QueueUrl"] as? String == queue && receive["MaxNumberOfMessages"] as? Int == 5)
        #expect(receive["WaitTimeSeconds"] as? Int == 1 && receive["VisibilityTimeout"] as? Int == 60)
        #expect(receive["MessageAttributeNames"] as? [String] == ["All"])
        #expect(jsonInput(requests[3])["ReceiptHandle"] as? String == "rh-1")
        #expect(jsonInput(requests[4])["MessageBody"] as? String == "hello")
        let visibility = jsonInput(requests[5])
        #expect(visibility["VisibilityTimeout"] as? Int == 0 && visibility["ReceiptHandle"] as? String == "rh-1")
    }

    @Test("an empty queue receives no messages")
    func emptyReceive() async throws {
        let server = try FaultInjectingServer { _, _ in jsonAnswer([:]) }
        defer { server.stop() }
        #expect(try await SQSClient(client: client("sqs", server)).receiveMessages(queueURL: queue).isEmpty)
    }

    @Test("a long poll may take longer than the transport's limit: no second receive hides another batch")
    func longPollPastTheTransportLimit() async throws {
        let server = try FaultInjectingServer { _, _ in
            Thread.sleep(forTimeInterval: 1.5)
            return jsonAnswer(["Messages": [["MessageId": "m-1", "ReceiptHandle": "r-1", "Body": "{}"]]])
        }
        defer { server.stop() }
        let signer = SigV4Signer(
            service: "sqs", region: "eu-west-1",
            credentials: AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret"))
        let sqs = SQSClient(
            client: AWSClient(
                signer: signer, endpoint: server.endpoint, transport: URLSessionTransport(timeout: 1),
                retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.001, maxDelay: 0.01)))
        let messages = try await sqs.receiveMessages(queueURL: queue, waitSeconds: 2)
        #expect(messages.map(\.receiptHandle) == ["r-1"])
        #expect(server.requests.count == 1)
    }

    @Test("throttling (JSON code and query code), 5xx and a dropped connection are retried, then the answer is read")
    func retries() async throws {
        let server = try FaultInjectingServer { _, number in
            // The drop comes first, on a fresh connection: a POST dropped on a reused keep-alive connection makes
            // libcurl resend it on a new one, and corelibs-foundation then waits for the body until the request
            // timeout (10 s here) before failing; the retry after that succeeds, but slowly.
            switch number {
            case 0: .dropConnection
            case 1:
                .respond(
                    status: 400, headers: ["x-amzn-query-error": "RequestThrottled;Sender"],
                    body: #"{"__type":"com.amazonaws.sqs#SomethingNew","message":"slow"}"#)
            case 2: .respond(status: 400, body: #"{"__type":"com.amazonaws.sqs#ThrottlingException"}"#)
            case 3: .respond(status: 500, body: #"{"__type":"com.amazonaws.sqs#InternalError"}"#)
            default: jsonAnswer(["MessageId": "m-9"])
            }
        }
        defer { server.stop() }
        let sqs = SQSClient(client: client("sqs", server, attempts: 6))
        #expect(try await sqs.sendMessage(queueURL: queue, body: "b") == "m-9")
        #expect(server.requests.count == 5)
        #expect(server.requests.allSatisfy { jsonInput($0)["MessageBody"] as? String == "b" })
    }

    @Test("a client error is not retried and keeps SQS's code, message and query code")
    func noRetryOnClientError() async throws {
        let server = try FaultInjectingServer { _, _ in
            .respond(
                status: 400,
                headers: [
                    "x-amzn-query-error": "AWS.SimpleQueueService.NonExistentQueue;Sender",
                    "x-amzn-RequestId": "R-1",
                ],
                body:
                    #"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}"#
            )
        }
        defer { server.stop() }
        await #expect {
            _ = try await SQSClient(client: client("sqs", server)).queueURL(name: "missing")
        } throws: { error in
            guard let failure = error as? AWSServiceError else { return false }
            return failure.code == "QueueDoesNotExist"
                && failure.queryErrorCode == "AWS.SimpleQueueService.NonExistentQueue"
                && failure.message == "The specified queue does not exist." && failure.attempts == 1
                && failure.requestID == "R-1" && failure.operation == "SQS.GetQueueUrl"
        }
        #expect(server.requests.count == 1)
    }

    @Test("malformed answers are clear errors: not JSON, no QueueUrl, a count that is not a number, no ReceiptHandle")
    func malformedAnswers() async throws {
        let server = try FaultInjectingServer { request, _ in
            switch targetAction(request) {
            case "GetQueueUrl": jsonAnswer(["Other": 1])
            case "GetQueueAttributes": jsonAnswer(["Attributes": ["ApproximateNumberOfMessages": "many"]])
            case "ReceiveMessage": jsonAnswer(["Messages": [["MessageId": "m"]]])
            default: .respond(status: 200, body: "<html>not json")
            }
        }
        defer { server.stop() }
        let sqs = SQSClient(client: client("sqs", server))
        await #expect(throws: AWSMalformedAnswerError(operation: "SQS.GetQueueUrl", detail: "no QueueUrl")) {
            _ = try await sqs.queueURL(name: "q")
        }
        await #expect(throws: AWSMalformedAnswerError.self) { _ = try await sqs.approximateMessages(queueURL: queue) }
        await #expect(throws: AWSMalformedAnswerError.self) { _ = try await sqs.receiveMessages(queueURL: queue) }
        await #expect {
            _ = try await sqs.sendMessage(queueURL: queue, body: "b")
        } throws: { error in
            (error as? AWSMalformedAnswerError).map {
                $0.operation == "SQS.SendMessage" && "\($0)".contains("SQS.SendMessage")
            }
                ?? false
        }
    }

    @Test("arguments out of SQS's ranges are refused before anything is sent")
    func argumentRanges() async throws {
        let server = try FaultInjectingServer { _, _ in jsonAnswer([:]) }
        defer { server.stop() }
        let sqs = SQSClient(client: client("sqs", server))
        await #expect(throws: SQSArgumentError(argument: "maxMessages", value: 11, range: 1...10)) {
            _ = try await sqs.receiveMessages(queueURL: queue, maxMessages: 11)
        }
        await #expect(throws: SQSArgumentError(argument: "maxMessages", value: 0, range: 1...10)) {
            _ = try await sqs.receiveMessages(queueURL: queue, maxMessages: 0)
        }
        await #expect(throws: SQSArgumentError(argument: "waitSeconds", value: 21, range: 0...20)) {
            _ = try await sqs.receiveMessages(queueURL: queue, waitSeconds: 21)
        }
        await #expect(throws: SQSArgumentError(argument: "visibilityTimeout", value: -1, range: 0...43200)) {
            _ = try await sqs.receiveMessages(queueURL: queue, visibilityTimeout: -1)
        }
        await #expect(throws: SQSArgumentError(argument: "timeout", value: 43201, range: 0...43200)) {
            try await sqs.changeMessageVisibility(queueURL: queue, receiptHandle: "r", timeout: 43201)
        }
        #expect(
            "\(SQSArgumentError(argument: "waitSeconds", value: 21, range: 0...20))"
                == "SQS waitSeconds must be in 0...20, not 21")
        #expect(server.requests.isEmpty)
    }

    @Test("a client built from explicit credentials signs with them, for its region, at its endpoint")
    func explicitCredentials() async throws {
        let server = try FaultInjectingServer { _, _ in jsonAnswer(["QueueUrl": queue]) }
        defer { server.stop() }
        let sqs = try SQSClient.explicit(
            credentials: AWSCredentials(accessKeyID: "ASIAROLE", secretAccessKey: "s", sessionToken: "token-1"),
            region: "us-east-2", endpoint: "http://127.0.0.1:\(server.port)",
            transport: URLSessionTransport(timeout: 10))
        _ = try await sqs.queueURL(name: "q")
        let request = try #require(server.requests.first)
        #expect(request.header("Authorization")?.contains("Credential=ASIAROLE/") == true)
        #expect(request.header("Authorization")?.contains("/us-east-2/sqs/aws4_request") == true)
        #expect(request.header("X-Amz-Security-Token") == "token-1")
        #expect(throws: AWSConfigurationError.self) {
            try SQSClient.explicit(
                credentials: AWSCredentials(accessKeyID: "a", secretAccessKey: "b"), region: "r", endpoint: "nowhere",
                transport: URLSessionTransport())
        }
        let onAWS = try SQSClient.explicit(
            credentials: AWSCredentials(accessKeyID: "a", secretAccessKey: "b"), region: "eu-west-1",
            transport: URLSessionTransport())
        #expect(onAWS.rpc.client.endpoint.base.absoluteString == "https://sqs.eu-west-1.amazonaws.com")
    }
}
