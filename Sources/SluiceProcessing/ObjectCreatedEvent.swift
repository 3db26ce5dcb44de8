import Foundation

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

    private struct Envelope: Decodable {
        struct Detail: Decodable {
            struct Bucket: Decodable { let name: String? }
            struct Object: Decodable {
                let key: String?
                let size: Int?
                let etag: String?
                let versionID: String?
                let sequencer: String?

                enum CodingKeys: String, CodingKey {
                    case key, size, etag, sequencer
                    case versionID = "version-id"
                }
            }

            let bucket: Bucket?
            let object: Object?
            let reason: String?
        }

        let source: String?
        let detailType: String?
        let detail: Detail?

        enum CodingKeys: String, CodingKey {
            case source, detail
            case detailType = "detail-type"
        }
    }

    /// Decodes an event delivered to the processor.
    package static func decode(_ data: Data) throws -> ObjectCreatedEvent {
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: data)
        } catch {
            throw Failure.notJSON
        }
        guard envelope.source == "aws.s3", envelope.detailType == "Object Created" else {
            throw Failure.notObjectCreated(source: envelope.source, detailType: envelope.detailType)
        }
        guard let bucket = envelope.detail?.bucket?.name else { throw Failure.missing("detail.bucket.name") }
        guard let encoded = envelope.detail?.object?.key else { throw Failure.missing("detail.object.key") }
        // The key is form-encoded: `+` stands for a space, and `%2B` for a plus.
        guard let key = encoded.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
            throw Failure.badKey(encoded)
        }
        let object = envelope.detail?.object
        return ObjectCreatedEvent(
            bucket: bucket, key: key, size: object?.size, eTag: object?.etag, versionID: object?.versionID,
            sequencer: object?.sequencer, reason: envelope.detail?.reason)
    }
}
