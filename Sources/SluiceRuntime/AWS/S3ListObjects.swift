import Foundation

/// ListObjectsV2, which `sluice replay` uses to find the landing objects of a window.
extension S3Client {
    /// One object of a listing.
    package struct ListedObject: Sendable, Equatable {
        /// The key as stored (decoded from the listing's URL encoding).
        package var key: String
        package var size: Int
        package var lastModified: Date
        package var eTag: String?

        package init(key: String, size: Int, lastModified: Date, eTag: String?) {
            self.key = key
            self.size = size
            self.lastModified = lastModified
            self.eTag = eTag
        }
    }

    /// One page of a listing.
    package struct ListPage: Sendable, Equatable {
        package var objects: [ListedObject]
        /// What asks for the next page; nil on the last.
        package var nextContinuationToken: String?
    }

    /// One page of the keys under `prefix`, in key order, after `startAfter` (first page only) or from
    /// `continuationToken`, at most `maxKeys` (1...1000) of them. Keys are asked for URL-encoded
    /// (`encoding-type=url`), since XML 1.0 cannot carry every character a key may hold, and decoded here.
    /// - Throws: `AWSConfigurationError` for `maxKeys` out of range, `AWSMalformedAnswerError` for an answer that
    ///   is not a listing.
    package func listObjectsV2(
        bucket: String, prefix: String? = nil, startAfter: String? = nil, continuationToken: String? = nil,
        maxKeys: Int = 1000
    ) async throws -> ListPage {
        guard (1...1000).contains(maxKeys) else {
            throw AWSConfigurationError("ListObjectsV2 maxKeys must be in 1...1000, not \(maxKeys)")
        }
        var query: [HTTPRequestParts.QueryItem] = [
            .init("encoding-type", "url"), .init("list-type", "2"), .init("max-keys", String(maxKeys)),
        ]
        if let prefix { query.append(.init("prefix", prefix)) }
        if let startAfter { query.append(.init("start-after", startAfter)) }
        if let continuationToken { query.append(.init("continuation-token", continuationToken)) }
        let host: String? =
            client.endpoint.isOverride || bucket.contains(".") ? nil : "\(bucket).\(client.endpoint.hostHeader)"
        let response = try await client.send(
            .init(
                operation: "S3.ListObjectsV2", method: "GET", host: host,
                path: host == nil ? "/\(AWSURIEncoding.encode(bucket))" : "/", query: query))
        return try Self.listPage(String(decoding: response.body, as: UTF8.self))
    }

    /// Every object under `prefix` (after `startAfter`), every page (of `pageSize` keys at most) read.
    package func listAllObjects(
        bucket: String, prefix: String? = nil, startAfter: String? = nil, pageSize: Int = 1000
    ) async throws -> [ListedObject] {
        var objects: [ListedObject] = []
        var token: String?
        var seen: Set<String> = []
        repeat {
            let page = try await listObjectsV2(
                bucket: bucket, prefix: prefix, startAfter: token == nil ? startAfter : nil, continuationToken: token,
                maxKeys: pageSize)
            objects += page.objects
            token = page.nextContinuationToken
            if let token, !seen.insert(token).inserted {
                throw AWSMalformedAnswerError(
                    operation: "S3.ListObjectsV2", detail: "continuation token \(token) repeats an earlier page's")
            }
        } while token != nil
        return objects
    }

    static func listPage(_ text: String) throws -> ListPage {
        let operation = "S3.ListObjectsV2"
        guard text.contains("<ListBucketResult") else {
            throw AWSMalformedAnswerError(operation: operation, detail: "the answer is not a ListBucketResult")
        }
        // Only an answer that says its keys are encoded is decoded: a server that ignored the request sends them
        // as they are, and decoding those would turn a `+` into a space.
        let encoded = XMLText.first("EncodingType", in: text) == "url"
        var objects: [ListedObject] = []
        for contents in XMLText.all("Contents", in: text) {
            guard let rawKey = XMLText.first("Key", in: contents),
                let key = encoded ? decodeKey(rawKey) : rawKey,
                let size = XMLText.first("Size", in: contents).flatMap({ Int($0) }),
                let modified = XMLText.first("LastModified", in: contents).flatMap(AWSTimestamp.date(iso8601:))
            else {
                throw AWSMalformedAnswerError(
                    operation: operation, detail: "an object without a readable Key, Size or LastModified")
            }
            objects.append(
                ListedObject(key: key, size: size, lastModified: modified, eTag: XMLText.first("ETag", in: contents)))
        }
        let token = XMLText.first("NextContinuationToken", in: text).flatMap { $0.isEmpty ? nil : $0 }
        if XMLText.first("IsTruncated", in: text) == "true", token == nil {
            throw AWSMalformedAnswerError(
                operation: operation, detail: "a truncated page without NextContinuationToken")
        }
        return ListPage(objects: objects, nextContinuationToken: token)
    }

    /// S3's `url` encoding is form encoding: `+` is a space, a literal `+` comes as `%2B`.
    private static func decodeKey(_ raw: String) -> String? {
        raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
