import Foundation
import Testing

@testable import SluiceRuntime

private func listing(_ keys: [String], next: String?, encoded: Bool = true) -> FaultInjectingServer.Reply {
    var xml =
        #"<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#
    xml += "<Name>landing</Name><Prefix>raw/</Prefix><KeyCount>\(keys.count)</KeyCount><MaxKeys>1000</MaxKeys>"
    if encoded { xml += "<EncodingType>url</EncodingType>" }
    xml += "<IsTruncated>\(next != nil)</IsTruncated>"
    for key in keys {
        xml += "<Contents><Key>\(key)</Key><LastModified>2024-03-01T10:20:30.123Z</LastModified>"
        xml += "<ETag>&quot;e-1&quot;</ETag><Size>42</Size><StorageClass>STANDARD</StorageClass></Contents>"
    }
    if let next { xml += "<NextContinuationToken>\(next)</NextContinuationToken>" }
    return .respond(status: 200, body: xml + "</ListBucketResult>")
}

private func query(_ request: HTTPMessage) -> [String: String] {
    var items: [String: String] = [:]
    for item in URLComponents(string: "http://x\(request.target)")?.queryItems ?? [] { items[item.name] = item.value }
    return items
}

@Suite("S3 ListObjectsV2 against a fault-injecting local server")
struct S3ListObjectsTests {
    @Test("three pages walked by continuation token, through 503 SlowDown and a drop; URL-encoded keys decoded")
    func pages() async throws {
        let server = try FaultInjectingServer { request, number in
            switch (number, query(request)["continuation-token"]) {
            case (0, _): slowDown
            case (1, _): .dropConnection
            // Form encoding as S3 sends it: a space as `+`, a literal `+` as %2B, UTF-8 bytes percent-encoded.
            case (_, nil): listing(["raw/a+b%2Bc.gz", "raw/caf%C3%A9.gz"], next: "tok+/=")
            case (_, "tok+/="): listing(["raw/%26amp.gz"], next: "t3")
            default: listing(["raw/z.gz"], next: nil)
            }
        }
        defer { server.stop() }
        let s3 = S3Client(client: client("s3", server, attempts: 5))
        let objects = try await s3.listAllObjects(bucket: "landing", prefix: "raw/", startAfter: "raw/0")
        #expect(objects.map(\.key) == ["raw/a b+c.gz", "raw/café.gz", "raw/&amp.gz", "raw/z.gz"])
        #expect(objects.allSatisfy { $0.size == 42 && $0.eTag == "\"e-1\"" })
        let modified = try #require(objects.first?.lastModified.timeIntervalSince1970)
        #expect(abs(modified - 1_709_288_430.123) < 0.001)
        let requests = server.requests
        #expect(requests.allSatisfy { $0.method == "GET" && $0.target.hasPrefix("/landing?") })
        #expect(requests.allSatisfy { isSigned($0, service: "s3") })
        let pages = requests.suffix(3).map(query)
        #expect(pages.allSatisfy { $0["list-type"] == "2" && $0["encoding-type"] == "url" && $0["prefix"] == "raw/" })
        #expect(pages.map { $0["continuation-token"] } == [nil, "tok+/=", "t3"])
        // start-after belongs to the first page only: a token carries the position from then on.
        #expect(pages.map { $0["start-after"] } == ["raw/0", nil, nil])
    }

    @Test("keys a server sent without encoding are kept as they are")
    func unencodedKeys() async throws {
        let server = try FaultInjectingServer { _, _ in listing(["raw/a+b c.gz"], next: nil, encoded: false) }
        defer { server.stop() }
        let page = try await S3Client(client: client("s3", server)).listObjectsV2(bucket: "landing", maxKeys: 1)
        #expect(page.objects.map(\.key) == ["raw/a+b c.gz"] && page.nextContinuationToken == nil)
        #expect(query(try #require(server.requests.first))["max-keys"] == "1")
    }

    @Test("a 403 is not retried; malformed listings and maxKeys out of range are clear errors")
    func errors() async throws {
        let server = try FaultInjectingServer { request, _ in
            switch query(request)["prefix"] {
            case "denied": .respond(status: 403, body: "<Error><Code>AccessDenied</Code><Message>no</Message></Error>")
            case "html": .respond(status: 200, body: "<html></html>")
            case "truncated": listing([], next: nil).truncated
            case "loop": listing([], next: "same")
            default:
                .respond(
                    status: 200,
                    body: "<ListBucketResult><Contents><Key>k</Key><Size>big</Size></Contents></ListBucketResult>")
            }
        }
        defer { server.stop() }
        let s3 = S3Client(client: client("s3", server))
        await #expect {
            _ = try await s3.listObjectsV2(bucket: "b", prefix: "denied")
        } throws: { error in
            (error as? AWSServiceError).map { $0.code == "AccessDenied" && $0.attempts == 1 } ?? false
        }
        for prefix in ["html", "truncated", "loop", "size"] {
            await #expect(throws: AWSMalformedAnswerError.self) {
                _ = try await s3.listAllObjects(bucket: "b", prefix: prefix)
            }
        }
        await #expect(throws: AWSConfigurationError.self) { _ = try await s3.listObjectsV2(bucket: "b", maxKeys: 1001) }
        await #expect(throws: AWSConfigurationError.self) { _ = try await s3.listObjectsV2(bucket: "b", maxKeys: 0) }
    }
}

extension FaultInjectingServer.Reply {
    /// The same listing claiming more pages without a token to ask for them.
    fileprivate var truncated: FaultInjectingServer.Reply {
        guard case .respond(let status, let headers, let body) = self else { return self }
        return .respond(
            status: status, headers: headers,
            body: body.replacingOccurrences(
                of: "<IsTruncated>false</IsTruncated>", with: "<IsTruncated>true</IsTruncated>"))
    }
}
