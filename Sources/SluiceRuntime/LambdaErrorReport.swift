import SluiceJSON

/// The JSON body the Runtime API takes for invocation and init errors: `{"errorMessage": …, "errorType": …}`.
package struct LambdaErrorReport: Sendable, Equatable {
    /// A human-readable account of the failure.
    package var errorMessage: String
    /// A short classification, also sent as the `Lambda-Runtime-Function-Error-Type` header.
    package var errorType: String

    /// A report from its two fields.
    package init(errorMessage: String, errorType: String) {
        self.errorMessage = errorMessage
        self.errorType = errorType
    }

    /// A report for a thrown error: its description, and its type's name as the error type.
    package init(_ error: any Error) {
        errorMessage = String(describing: error)
        errorType = String(describing: type(of: error))
    }

    /// The JSON bytes, keys sorted so the same report always gives the same bytes.
    package var json: [UInt8] {
        Array(
            JSONValue.object(["errorMessage": .string(errorMessage), "errorType": .string(errorType)]).compact().utf8)
    }

    /// The report in a JSON body, or nil if the body is not one.
    package static func decode(_ json: [UInt8]) -> LambdaErrorReport? {
        guard let body = try? JSONValue(parsing: json), let message = body["errorMessage"]?.stringValue,
            let type = body["errorType"]?.stringValue
        else { return nil }
        return LambdaErrorReport(errorMessage: message, errorType: type)
    }
}
