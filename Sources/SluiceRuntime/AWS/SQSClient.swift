import Foundation
import Logging
import SluiceJSON

/// The SQS calls `sluice status` and `sluice redrive` make on the dead-letter queues, over AWS's JSON 1.0 protocol
/// (which SQS and moto both answer).
package struct SQSClient: AWSServiceClient {
    package static let service = "sqs"

    package let rpc: AWSJSONProtocol

    package init(client: AWSClient) {
        rpc = AWSJSONProtocol(client: client, serviceLabel: "SQS", targetPrefix: "AmazonSQS")
    }

    /// How many messages a queue holds, by state (SQS's approximate counts).
    package struct QueueDepth: Sendable, Equatable {
        /// Ready to be received.
        package var visible: Int
        /// Received and not yet deleted or returned.
        package var inFlight: Int
        /// Sent with a delay that has not passed.
        package var delayed: Int

        package init(visible: Int, inFlight: Int, delayed: Int) {
            self.visible = visible
            self.inFlight = inFlight
            self.delayed = delayed
        }

        /// Every message the queue holds, whatever its state.
        package var total: Int { visible + inFlight + delayed }
    }

    /// One received message.
    package struct Message: Sendable, Equatable {
        package var messageID: String
        /// What deletes the message or changes its visibility; valid only for this receive.
        package var receiptHandle: String
        package var body: String
        /// System attributes: `ApproximateReceiveCount`, `SentTimestamp` (epoch milliseconds)...
        package var attributes: [String: String]
        /// The sender's string attributes: a Lambda dead-letter message carries `RequestID`, `ErrorCode` and
        /// `ErrorMessage`; an EventBridge one `ERROR_CODE`, `ERROR_MESSAGE`, `RULE_ARN`, `TARGET_ARN`.
        package var messageAttributes: [String: String]

        package init(
            messageID: String, receiptHandle: String, body: String, attributes: [String: String] = [:],
            messageAttributes: [String: String] = [:]
        ) {
            self.messageID = messageID
            self.receiptHandle = receiptHandle
            self.body = body
            self.attributes = attributes
            self.messageAttributes = messageAttributes
        }

        /// How many times the message was received, this time included.
        package var receiveCount: Int? { attributes["ApproximateReceiveCount"].flatMap { Int($0) } }
    }

    /// The URL of queue `name`, in `ownerAccountID`'s account when it is not the caller's.
    /// - Throws: `AWSServiceError` with code `QueueDoesNotExist` when there is no such queue.
    package func queueURL(name: String, ownerAccountID: String? = nil) async throws -> String {
        var input: [String: JSONValue] = ["QueueName": .string(name)]
        if let ownerAccountID { input["QueueOwnerAWSAccountId"] = .string(ownerAccountID) }
        let output = try await rpc.call("GetQueueUrl", input)
        return try Self.required(output["QueueUrl"]?.stringValue, "QueueUrl", "SQS.GetQueueUrl")
    }

    /// The queue's attributes named in `names` (`All` for every one), as SQS gives them: strings.
    package func attributes(queueURL: String, names: [String] = ["All"]) async throws -> [String: String] {
        let output = try await rpc.call(
            "GetQueueAttributes",
            ["QueueUrl": .string(queueURL), "AttributeNames": .array(names.map(JSONValue.string))])
        return Self.strings(output["Attributes"])
    }

    /// The queue's approximate message counts.
    package func approximateMessages(queueURL: String) async throws -> QueueDepth {
        let names = [
            "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
            "ApproximateNumberOfMessagesDelayed",
        ]
        let attributes = try await attributes(queueURL: queueURL, names: names)
        let counts = try names.map { name in
            // A count SQS leaves out is zero; one that is not a number is a broken answer.
            guard let text = attributes[name] else { return 0 }
            return try Self.required(Int(text), "\(name) as a number (\(text))", "SQS.GetQueueAttributes")
        }
        return QueueDepth(visible: counts[0], inFlight: counts[1], delayed: counts[2])
    }

    /// Receives up to `maxMessages` (1...10), waiting up to `waitSeconds` (0...20) for the first (long polling),
    /// and hides them for `visibilityTimeout` seconds (0...43200; the queue's own setting when nil).
    /// - Throws: `SQSArgumentError` for an argument out of SQS's range, before anything is sent.
    package func receiveMessages(
        queueURL: String, maxMessages: Int = 10, waitSeconds: Int = 0, visibilityTimeout: Int? = nil
    ) async throws -> [Message] {
        try SQSArgumentError.check("maxMessages", maxMessages, in: 1...10)
        try SQSArgumentError.check("waitSeconds", waitSeconds, in: 0...20)
        if let visibilityTimeout { try SQSArgumentError.check("visibilityTimeout", visibilityTimeout, in: 0...43200) }
        var input: [String: JSONValue] = [
            "QueueUrl": .string(queueURL), "MaxNumberOfMessages": .int(maxMessages),
            "WaitTimeSeconds": .int(waitSeconds),
            // Both spellings: AttributeNames is the older, which moto knows; AWS takes either.
            "AttributeNames": ["All"], "MessageSystemAttributeNames": ["All"], "MessageAttributeNames": ["All"],
        ]
        if let visibilityTimeout { input["VisibilityTimeout"] = .int(visibilityTimeout) }
        // Long polling holds the answer back up to `waitSeconds`: a transport with a shorter limit must not time
        // it out (and receive again, hiding another batch).
        let output = try await rpc.call("ReceiveMessage", input, timeout: TimeInterval(waitSeconds + 20))
        let operation = "SQS.ReceiveMessage"
        return try (output["Messages"]?.arrayValue ?? []).map { item in
            Message(
                messageID: try Self.required(item["MessageId"]?.stringValue, "Messages[].MessageId", operation),
                receiptHandle: try Self.required(
                    item["ReceiptHandle"]?.stringValue, "Messages[].ReceiptHandle", operation),
                body: item["Body"]?.stringValue ?? "", attributes: Self.strings(item["Attributes"]),
                messageAttributes: (item["MessageAttributes"]?.objectValue ?? [:]).compactMapValues {
                    $0["StringValue"]?.stringValue
                })
        }
    }

    /// Deletes a received message.
    package func deleteMessage(queueURL: String, receiptHandle: String) async throws {
        _ = try await rpc.call(
            "DeleteMessage", ["QueueUrl": .string(queueURL), "ReceiptHandle": .string(receiptHandle)])
    }

    /// Sends `body` and returns the new message's id. A retry after a lost answer may send it twice, as the SDKs'
    /// retries do: SQS delivers at least once anyway.
    package func sendMessage(queueURL: String, body: String) async throws -> String {
        let output = try await rpc.call("SendMessage", ["QueueUrl": .string(queueURL), "MessageBody": .string(body)])
        return try Self.required(output["MessageId"]?.stringValue, "MessageId", "SQS.SendMessage")
    }

    /// Hides a received message for `timeout` seconds (0...43200) more; 0 puts it back at once, as redrive does
    /// with a message whose object failed.
    package func changeMessageVisibility(queueURL: String, receiptHandle: String, timeout: Int) async throws {
        try SQSArgumentError.check("timeout", timeout, in: 0...43200)
        _ = try await rpc.call(
            "ChangeMessageVisibility",
            [
                "QueueUrl": .string(queueURL), "ReceiptHandle": .string(receiptHandle),
                "VisibilityTimeout": .int(timeout),
            ])
    }

    private static func strings(_ value: JSONValue?) -> [String: String] {
        (value?.objectValue ?? [:]).compactMapValues { $0.stringValue ?? $0.intValue.map(String.init) }
    }

    private static func required<Value>(_ value: Value?, _ member: String, _ operation: String) throws -> Value {
        guard let value else { throw AWSMalformedAnswerError(operation: operation, detail: "no \(member)") }
        return value
    }
}

/// An argument outside the range SQS accepts, refused before a request is sent.
package struct SQSArgumentError: Error, Sendable, Equatable, CustomStringConvertible {
    package var argument: String
    package var value: Int
    package var range: ClosedRange<Int>

    package var description: String {
        "SQS \(argument) must be in \(range.lowerBound)...\(range.upperBound), not \(value)"
    }

    static func check(_ argument: String, _ value: Int, in range: ClosedRange<Int>) throws {
        guard range.contains(value) else { throw SQSArgumentError(argument: argument, value: value, range: range) }
    }
}
