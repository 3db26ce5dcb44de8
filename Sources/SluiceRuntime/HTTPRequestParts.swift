/// The parts of an HTTP request that SigV4 signs, independent of any HTTP client.
package struct HTTPRequestParts: Sendable, Equatable {
    /// One header line. Names keep the caller's case; the same name may appear more than once.
    package struct Header: Sendable, Equatable {
        /// The field name, e.g. `Content-Type`.
        package var name: String
        /// The field value; the signer trims it and collapses its runs of whitespace (line folds included).
        package var value: String

        /// A header line from its name and value.
        package init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// One query parameter, not percent-encoded; a nil value is a bare key (`?acl`).
    package struct QueryItem: Sendable, Equatable {
        /// The decoded name.
        package var name: String
        /// The decoded value, or nil for a bare key.
        package var value: String?

        /// A query parameter from its decoded name and value.
        package init(_ name: String, _ value: String?) {
            self.name = name
            self.value = value
        }
    }

    /// What the signature says about the body.
    package enum Payload: Sendable, Equatable {
        /// The body itself; the signer hashes it.
        case bytes([UInt8])
        /// The lower-case hex SHA-256 of a body the caller hashed itself (a file streamed from disk), or one of
        /// the special values S3 knows, such as `STREAMING-AWS4-HMAC-SHA256-PAYLOAD`.
        case precomputedHash(String)
        /// `UNSIGNED-PAYLOAD`: the body is left out of the signature, for S3 uploads streamed without hashing
        /// them first. Only S3 accepts it, and only over HTTPS.
        case unsigned

        /// The empty body.
        package static let empty = Payload.bytes([])
    }

    /// The method, e.g. `GET`; signed as given, so pass it in upper case.
    package var method: String
    /// The path exactly as it goes on the wire, percent-encoded as sent and possibly unnormalized
    /// (`/my%20key`, `//a/./b`); no query string.
    package var path: String
    /// The query parameters, in any order; the signer sorts them.
    package var queryItems: [QueryItem]
    /// The headers in order, duplicates allowed; must include `Host`, which SigV4 requires to be signed.
    package var headers: [Header]
    /// The body, or its hash.
    package var payload: Payload

    /// A request from its parts; see the properties for what each holds.
    package init(
        method: String, path: String, queryItems: [QueryItem] = [], headers: [Header] = [],
        payload: Payload = .empty
    ) {
        self.method = method
        self.path = path
        self.queryItems = queryItems
        self.headers = headers
        self.payload = payload
    }

    /// The query string to send (without `?`), in the order given, encoded as the signer encodes it, so the
    /// server decodes to the same items that were signed.
    package var percentEncodedQuery: String { Self.percentEncoded(queryItems) }

    /// `name=value&...` with names and values encoded as the signer encodes them: a query string, or the body
    /// of a form-encoded request (STS's query protocol).
    package static func percentEncoded(_ items: [QueryItem]) -> String {
        items.map { item in
            AWSURIEncoding.encode(item.name) + "=" + AWSURIEncoding.encode(item.value ?? "")
        }
        .joined(separator: "&")
    }

    /// The values of every header with this name (case-insensitively), in order.
    package func values(forHeader name: String) -> [String] {
        let lowered = name.lowercased()
        return headers.filter { $0.name.lowercased() == lowered }.map(\.value)
    }
}
