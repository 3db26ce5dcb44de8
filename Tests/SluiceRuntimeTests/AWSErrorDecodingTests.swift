import Testing

@testable import SluiceRuntime

private func decode(_ status: Int, _ headers: [String: String] = [:], _ body: String) -> AWSServiceError {
    var lowered: [String: String] = [:]
    for (name, value) in headers { lowered[name.lowercased()] = value }
    return AWSServiceError.fromResponse(
        operation: "Op", AWSHTTPResponse(status: status, headers: lowered, body: Array(body.utf8)))
}

@Suite("AWS error answers of every protocol, and which are retried")
struct AWSErrorDecodingTests {
    @Test("code and message from JSON 1.0, the query error header, query XML and REST-JSON")
    func decoding() {
        let json = decode(400, [:], #"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"gone"}"#)
        #expect(json.code == "QueueDoesNotExist" && json.message == "gone" && json.queryErrorCode == nil)
        let both = decode(
            400, ["x-amzn-query-error": "AWS.SimpleQueueService.NonExistentQueue;Sender"],
            #"{"__type":"com.amazonaws.sqs#QueueDoesNotExist"}"#)
        #expect(both.code == "QueueDoesNotExist" && both.queryErrorCode == "AWS.SimpleQueueService.NonExistentQueue")
        let headerOnly = decode(400, ["x-amzn-query-error": "RequestThrottled;Sender"], "")
        #expect(headerOnly.code == "RequestThrottled" && headerOnly.message == nil)
        let xml = decode(
            400, [:],
            "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message>"
                + "</Error><RequestId>R</RequestId></ErrorResponse>")
        #expect(xml.code == "Throttling" && xml.message == "Rate exceeded")
        let rest = decode(
            404, ["X-Amzn-ErrorType": "ResourceNotFoundException:http://internal.amazon.com/"],
            #"{"Type":"User","Message":"Function not found"}"#)
        #expect(rest.code == "ResourceNotFoundException" && rest.message == "Function not found")
        let garbage = decode(502, [:], "<html>Bad Gateway")
        #expect(garbage.code == nil && garbage.status == 502)
    }

    @Test("throttling of SQS, CloudWatch and Lambda is retried whatever the status; other client errors are not")
    func retryable() {
        let policy = RetryPolicy()
        let retried = [
            decode(400, [:], #"{"__type":"com.amazonaws.sqs#RequestThrottled"}"#),
            decode(400, [:], #"{"__type":"com.amazonaws.sqs#ThrottlingException"}"#),
            decode(400, ["x-amzn-query-error": "RequestThrottled;Sender"], #"{"__type":"com.amazonaws.sqs#New"}"#),
            decode(400, [:], #"{"__type":"com.amazonaws.sqs#KmsThrottled"}"#),
            decode(400, [:], "<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>"),
            decode(400, [:], #"{"__type":"GraniteServiceVersion20100801#Throttling"}"#),
            decode(429, ["x-amzn-ErrorType": "TooManyRequestsException"], "{}"),
            decode(409, ["x-amzn-ErrorType": "ResourceConflictException"], #"{"Type":"User"}"#),
            decode(503, [:], ""),
        ]
        for error in retried { #expect(policy.isRetryable(error), "\(error)") }
        let refused = [
            decode(400, [:], #"{"__type":"com.amazonaws.sqs#QueueDoesNotExist"}"#),
            decode(400, [:], #"{"__type":"com.amazonaws.sqs#ReceiptHandleIsInvalid"}"#),
            decode(404, [:], #"{"__type":"GraniteServiceVersion20100801#ResourceNotFound"}"#),
            decode(400, [:], "<ErrorResponse><Error><Code>InvalidParameterValue</Code></Error></ErrorResponse>"),
            decode(404, ["x-amzn-ErrorType": "ResourceNotFoundException"], "{}"),
            decode(413, ["x-amzn-ErrorType": "RequestTooLargeException"], "{}"),
            decode(403, [:], "<Error><Code>AccessDenied</Code></Error>"),
        ]
        for error in refused { #expect(!policy.isRetryable(error), "\(error)") }
    }
}
