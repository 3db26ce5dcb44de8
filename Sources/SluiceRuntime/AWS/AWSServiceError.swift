import SluiceJSON

/// An error answer from an AWS service, or the last one when retries ran out.
package struct AWSServiceError: Error, Sendable, CustomStringConvertible {
    /// The operation, e.g. `S3.GetObject`.
    package var operation: String
    package var status: Int
    /// The service's error code (`NoSuchKey`, `ThrottlingException`), when it gave one.
    package var code: String?
    package var message: String?
    /// The query protocol's code a JSON answer repeats in `x-amzn-query-error` (SQS's
    /// `AWS.SimpleQueueService.NonExistentQueue` beside `QueueDoesNotExist`), for callers written against it.
    package var queryErrorCode: String?
    package var requestID: String?
    /// How many times the request was sent.
    package var attempts: Int

    package init(
        operation: String, status: Int, code: String?, message: String?, requestID: String?, attempts: Int = 1,
        queryErrorCode: String? = nil
    ) {
        self.operation = operation
        self.status = status
        self.code = code
        self.message = message
        self.queryErrorCode = queryErrorCode
        self.requestID = requestID
        self.attempts = attempts
    }

    package var description: String {
        var text = "\(operation) failed with HTTP \(status)"
        if let code { text += " \(code)" }
        if let message, !message.isEmpty { text += ": \(message)" }
        if attempts > 1 { text += " (after \(attempts) attempts)" }
        if let requestID { text += " [request id \(requestID)]" }
        return text
    }

    /// Reads the code and message from an error answer: XML (S3's `<Error>`, the query protocol's
    /// `<ErrorResponse><Error>`), JSON 1.0/1.1 (`__type`, perhaps `namespace#Code`) or REST-JSON (Lambda's
    /// `x-amzn-ErrorType` header, `Type`/`message` body), whichever the body and headers hold.
    static func fromResponse(operation: String, _ response: AWSHTTPResponse) -> AWSServiceError {
        let text = String(decoding: response.body, as: UTF8.self)
        var code = response.header("x-amzn-errortype").map(Self.shortCode)
        var message: String?
        if text.hasPrefix("{"), let object = try? JSONValueReader.object(response.body) {
            code = code ?? object["__type"]?.stringValue.map(Self.shortCode) ?? object["code"]?.stringValue
            message = (object["message"] ?? object["Message"] ?? object["errorMessage"])?.stringValue
        } else {
            code = code ?? XMLText.first("Code", in: text)
            message = XMLText.first("Message", in: text)
        }
        if code?.isEmpty == true { code = nil }
        // `AWS.SimpleQueueService.NonExistentQueue;Sender`: the code, then who is at fault.
        let queryCode = response.header("x-amzn-query-error")
            .flatMap { $0.split(separator: ";").first.map(String.init) }
            .flatMap { $0.isEmpty ? nil : $0 }
        return AWSServiceError(
            operation: operation, status: response.status, code: code ?? queryCode, message: message,
            requestID: response.header("x-amz-request-id") ?? response.header("x-amzn-requestid"),
            queryErrorCode: queryCode)
    }

    /// `com.amazonaws.athena#TooManyRequestsException:...` → `TooManyRequestsException`.
    private static func shortCode(_ raw: String) -> String {
        var code = Substring(raw)
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        return String(code)
    }
}
