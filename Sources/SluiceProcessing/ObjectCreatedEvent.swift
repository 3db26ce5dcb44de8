import Foundation
import SluiceJSON

/// The EventBridge event S3 sends for a new object (`source` `aws.s3`, `detail-type` `Object Created`).
package struct ObjectCreatedEvent: Sendable, Equatable {
    package var bucket: String
    /// The object key, URL-decoded (EventBridge sends it encoded, `+` for spaces).
    package var key: String
    package var size: Int?
    package var eTag: String?
    package var versionID: String?
    package var sequencer: String?
    package var reason: String?

    package enum Failure: Error, Equatable, CustomStringConvertible {
        case notJSON
        case notObjectCreated(source: String?, detailType: String?)
        case missing(String)
        case badKey(String)

        package var description: String {
            switch self {
            case .notJSON: "the event is not JSON"
            case .notObjectCreated(let source, let detailType):
                "not an S3 Object Created event (source \(source ?? "none"), detail-type \(detailType ?? "none"))"
            case .missing(let field): "the event has no \(field)"
            case .badKey(let key): "the object key '\(key)' is not valid URL encoding"
            }
        }
    }

    /// Decodes an event delivered to the processor. A field of the wrong JSON type makes the event not JSON this
    /// reader knows, as a missing one makes it incomplete.
    package static func decode(_ data: Data) throws -> ObjectCreatedEvent {
        let event: JSONValue
        do {
            event = try JSONValue(parsing: data)
        } catch {
            throw Failure.notJSON
        }
        guard let envelope = event.objectValue else { throw Failure.notJSON }
        let source = try string(envelope["source"])
        let detailType = try string(envelope["detail-type"])
        guard source == "aws.s3", detailType == "Object Created" else {
            throw Failure.notObjectCreated(source: source, detailType: detailType)
        }
        let detail = try object(envelope["detail"])
        let s3Object = try object(detail?["object"])
        guard let bucket = try string(try object(detail?["bucket"])?["name"]) else {
            throw Failure.missing("detail.bucket.name")
        }
        guard let encoded = try string(s3Object?["key"]) else { throw Failure.missing("detail.object.key") }
        // The key is form-encoded: `+` stands for a space, and `%2B` for a plus.
        guard let key = encoded.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
            throw Failure.badKey(encoded)
        }
        return ObjectCreatedEvent(
            bucket: bucket, key: key, size: try integer(s3Object?["size"]),
            eTag: try string(s3Object?["etag"]), versionID: try string(s3Object?["version-id"]),
            sequencer: try string(s3Object?["sequencer"]),
            reason: try string(detail?["reason"]))
    }

    /// A string field: nil when absent or null.
    private static func string(_ value: JSONValue?) throws(Failure) -> String? {
        switch value {
        case nil, .null?: nil
        case .string(let text)?: text
        default: throw Failure.notJSON
        }
    }

    /// An integer field (`5`, or a whole number written `5.0`): nil when absent or null.
    private static func integer(_ value: JSONValue?) throws(Failure) -> Int? {
        switch value {
        case nil, .null?: return nil
        case .int(let number)?: return number
        case .number(let text)?:
            guard let number = Double(text).flatMap({ Int(exactly: $0) }) else { throw Failure.notJSON }
            return number
        default: throw Failure.notJSON
        }
    }

    /// An object field's members: nil when absent or null.
    private static func object(_ value: JSONValue?) throws(Failure) -> [String: JSONValue]? {
        switch value {
        case nil, .null?: nil
        case .object(let members)?: members
        default: throw Failure.notJSON
        }
    }
}
