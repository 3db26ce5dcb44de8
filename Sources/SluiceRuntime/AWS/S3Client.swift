import Foundation
import Logging

/// The S3 calls a processor makes: ranged reads of the object it was told about, and writes of whole or
/// multipart objects into the lake.
package struct S3Client: AWSServiceClient {
    package static let service = "s3"

    package let client: AWSClient

    package init(client: AWSClient) { self.client = client }

    /// Part of an object.
    package struct ObjectRange: Sendable {
        package var bytes: [UInt8]
        /// The whole object's size.
        package var objectSize: Int
        package var etag: String?
    }

    /// Reads `length` bytes from `offset` (fewer at the end). `ifMatch` pins the object version read first, so a
    /// read in ranges cannot mix two versions of an object.
    package func getObject(bucket: String, key: String, offset: Int, length: Int, ifMatch: String? = nil) async throws
        -> ObjectRange
    {
        var headers: [HTTPRequestParts.Header] = [.init("Range", "bytes=\(offset)-\(offset + length - 1)")]
        if let ifMatch { headers.append(.init("If-Match", ifMatch)) }
        let (host, path) = address(bucket: bucket, key: key)
        let response: AWSHTTPResponse
        do {
            response = try await client.send(
                .init(
                    operation: "S3.GetObject", method: "GET", host: host, path: path, headers: headers,
                    accepted: [200, 206]))
        } catch let error as AWSServiceError where error.status == 416 && offset == 0 {
            // An empty object has no byte 0 to start a range at.
            return ObjectRange(bytes: [], objectSize: 0, etag: ifMatch)
        }
        let size: Int
        if response.status == 206, let range = response.header("content-range"),
            let total = range.split(separator: "/").last.flatMap({ Int($0) })
        {
            size = total
        } else {
            // 200: the server ignored the range and sent the whole object.
            size = response.body.count
        }
        return ObjectRange(bytes: response.body, objectSize: size, etag: response.header("etag"))
    }

    /// Writes a whole object.
    package func putObject(bucket: String, key: String, body: [UInt8], contentType: String) async throws {
        let (host, path) = address(bucket: bucket, key: key)
        _ = try await client.send(
            .init(
                operation: "S3.PutObject", method: "PUT", host: host, path: path,
                headers: [.init("Content-Type", contentType)], body: body))
    }

    /// Starts a multipart upload and returns its id.
    package func createMultipartUpload(bucket: String, key: String, contentType: String) async throws -> String {
        let (host, path) = address(bucket: bucket, key: key)
        let response = try await client.send(
            .init(
                operation: "S3.CreateMultipartUpload", method: "POST", host: host, path: path,
                query: [.init("uploads", nil)], headers: [.init("Content-Type", contentType)]))
        guard let id = XMLText.first("UploadId", in: String(decoding: response.body, as: UTF8.self)), !id.isEmpty else {
            throw AWSServiceError(
                operation: "S3.CreateMultipartUpload", status: response.status, code: nil,
                message: "the answer has no UploadId", requestID: response.header("x-amz-request-id"))
        }
        return id
    }

    /// Uploads part `number` (from 1) and returns its ETag.
    package func uploadPart(bucket: String, key: String, uploadID: String, number: Int, body: [UInt8]) async throws
        -> String
    {
        let (host, path) = address(bucket: bucket, key: key)
        let response = try await client.send(
            .init(
                operation: "S3.UploadPart", method: "PUT", host: host, path: path,
                query: [.init("partNumber", String(number)), .init("uploadId", uploadID)], body: body))
        guard let etag = response.header("etag") else {
            throw AWSServiceError(
                operation: "S3.UploadPart", status: response.status, code: nil, message: "the answer has no ETag",
                requestID: response.header("x-amz-request-id"))
        }
        return etag
    }

    /// Completes an upload from its parts' ETags, in part order.
    package func completeMultipartUpload(bucket: String, key: String, uploadID: String, etags: [String]) async throws {
        let (host, path) = address(bucket: bucket, key: key)
        var xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        for (index, etag) in etags.enumerated() {
            xml += "<Part><PartNumber>\(index + 1)</PartNumber><ETag>\(XMLText.escape(etag))</ETag></Part>"
        }
        xml += "</CompleteMultipartUpload>"
        let response = try await client.send(
            .init(
                operation: "S3.CompleteMultipartUpload", method: "POST", host: host, path: path,
                query: [.init("uploadId", uploadID)], headers: [.init("Content-Type", "application/xml")],
                body: Array(xml.utf8)))
        // S3 can answer 200 and still fail: the error is then in the body.
        let text = String(decoding: response.body, as: UTF8.self)
        if text.contains("<Error>") {
            throw AWSServiceError.fromResponse(operation: "S3.CompleteMultipartUpload", response)
        }
    }

    /// Abandons an upload, so its parts stop costing storage.
    package func abortMultipartUpload(bucket: String, key: String, uploadID: String) async throws {
        let (host, path) = address(bucket: bucket, key: key)
        _ = try await client.send(
            .init(
                operation: "S3.AbortMultipartUpload", method: "DELETE", host: host, path: path,
                query: [.init("uploadId", uploadID)], accepted: [200, 204]))
    }

    /// Virtual-hosted addressing on AWS (path style is deprecated there), path style against an endpoint override.
    /// Bucket names with dots stay path style, since they would break the TLS wildcard certificate.
    func address(bucket: String, key: String) -> (host: String?, path: String) {
        let encodedKey = AWSURIEncoding.encode(key, keepingSlashes: true)
        if client.endpoint.isOverride || bucket.contains(".") {
            return (nil, "/\(bucket)/\(encodedKey)")
        }
        return ("\(bucket).\(client.endpoint.hostHeader)", "/\(encodedKey)")
    }
}
