import Foundation
import SluiceJSON

/// Reads the two forms AWS answers carry time in: epoch seconds (JSON protocols) and ISO 8601 (XML, and some JSON).
enum AWSTimestamp {
    /// A JSON member as a date: a number of epoch seconds, or an ISO 8601 string.
    static func date(_ value: JSONValue?) -> Date? {
        guard let value else { return nil }
        if let seconds = value.doubleValue { return Date(timeIntervalSince1970: seconds) }
        return value.stringValue.flatMap(date(iso8601:))
    }

    /// `2024-01-02T03:04:05.678Z` or without the fraction, with `Z` or an offset.
    static func date(iso8601 text: String) -> Date? {
        // A formatter per call: ISO8601DateFormatter is not Sendable, and these answers are few.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
