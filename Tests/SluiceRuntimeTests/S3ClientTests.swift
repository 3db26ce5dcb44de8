import Foundation
import Testing

@testable import SluiceRuntime

/// A client of `service` against `server`, retrying fast so the tests do not sleep.
func client(_ service: String, _ server: FaultInjectingServer, attempts: Int = 4, log: LogLines? = nil) -> AWSClient {
    let signer = SigV4Signer(
        service: service, region: "eu-west-1",
        credentials: AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret"))
    let logger = JSONLogHandler.logger(level: .debug, sink: { line in log?.append(line) })
    return AWSClient(
        signer: signer, endpoint: server.endpoint, transport: URLSessionTransport(timeout: 10),
        retry: RetryPolicy(maxAttempts: attempts, baseDelay: 0.001, maxDelay: 0.01), logger: logger)
}

/// Log lines a test collects.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}

let slowDown = FaultInjectingServer.Reply.respond(
    status: 503, body: "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>")
let internalError = FaultInjectingServer.Reply.respond(
    status: 500, body: "<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>")

@Suite("S3 client against a fault-injecting local server")
struct S3ClientTests {
    @Test("a ranged GetObject is retried through throttling, 5xx and a dropped connection, signed each time")
    func getObjectRetries() async throws {
        let server = try FaultInjectingServer { _, number in
            switch number {
            case 0: slowDown
            case 1: internalError
            case 2: .dropConnection
            default:
                .respond(status: 206, headers: ["Content-Range": "bytes 0-4/11", "ETag": "\"abc\""], body: "hello")
            }
        }
        defer { server.stop() }
        let log = LogLines()
        let s3 = S3Client(client: client("s3", server, attempts: 5, log: log))
        let range = try await s3.getObject(bucket: "lake", key: "raw/a b+c.gz", offset: 0, length: 5)
        #expect(range.bytes == Array("hello".utf8) && range.objectSize == 11 && range.etag == "\"abc\"")
        let requests = server.requests
        #expect(requests.count == 4)
        #expect(requests.allSatisfy { $0.target == "/lake/raw/a%20b%2Bc.gz" && $0.header("Range") == "bytes=0-4" })
        #expect(
            requests.allSatisfy { $0.header("Authorization")?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKID/") == true })
        #expect(requests.allSatisfy { $0.header("x-amz-content-sha256") != nil })
        let retries = log.lines.filter { $0.contains("\"message\":\"retrying S3.GetObject\"") }
        // libcurl itself resends a request once when a reused connection closes without answering, so the
        // dropped connection may never reach the client's own retries.
        #expect((2...3).contains(retries.count))
        #expect(retries.first?.contains("SlowDown") == true)
    }

    @Test("retries stop at the policy's attempts, and the error says what S3 said")
    func givesUp() async throws {
        let server = try FaultInjectingServer { _, _ in slowDown }
        defer { server.stop() }
        let s3 = S3Client(client: client("s3", server, attempts: 3))
        await #expect {
            try await s3.putObject(bucket: "lake", key: "k", body: [1, 2, 3], contentType: "application/gzip")
        } throws: { error in
            guard let failure = error as? AWSServiceError else { return false }
            return failure.status == 503 && failure.code == "SlowDown" && failure.attempts == 3
                && failure.description.contains("Please reduce your request rate.")
        }
        #expect(server.requests.count == 3)
    }

    @Test("a 404 is an answer, not a fault: no retry")
    func noRetryOn404() async throws {
        let server = try FaultInjectingServer { _, _ in
            .respond(status: 404, headers: ["x-amz-request-id": "R1"], body: "<Error><Code>NoSuchKey</Code></Error>")
        }
        defer { server.stop() }
        let s3 = S3Client(client: client("s3", server))
        await #expect {
            _ = try await s3.getObject(bucket: "lake", key: "missing", offset: 0, length: 10)
        } throws: { error in
            (error as? AWSServiceError).map { $0.code == "NoSuchKey" && $0.attempts == 1 && $0.requestID == "R1" }
                ?? false
        }
        #expect(server.requests.count == 1)
    }

    @Test("an empty object reads as empty: S3 answers 416 to a range of it")
    func emptyObject() async throws {
        let server = try FaultInjectingServer { _, _ in
            .respond(status: 416, body: "<Error><Code>InvalidRange</Code></Error>")
        }
        defer { server.stop() }
        let range = try await S3Client(client: client("s3", server)).getObject(
            bucket: "b", key: "k", offset: 0, length: 10)
        #expect(range.bytes.isEmpty && range.objectSize == 0)
    }

    @Test("PutObject sends the body intact after a 500")
    func putObjectRetries() async throws {
        let server = try FaultInjectingServer { _, number in number == 0 ? internalError : .respond(status: 200) }
        defer { server.stop() }
        let body = (0..<100_000).map { UInt8($0 % 251) }
        try await S3Client(client: client("s3", server)).putObject(
            bucket: "lake", key: "tables/t/dt=2024-01-01/x.json.gz", body: body, contentType: "application/gzip")
        let requests = server.requests
        #expect(requests.count == 2 && requests.allSatisfy { $0.method == "PUT" && $0.body == body })
        #expect(requests[1].header("Content-Type") == "application/gzip")
    }

    @Test("a multipart upload: its id from the XML, part ETags in order, the parts listed at completion")
    func multipart() async throws {
        let server = try FaultInjectingServer { request, _ in
            if request.method == "POST", request.target.hasSuffix("?uploads=") || request.target.hasSuffix("?uploads") {
                return .respond(
                    status: 200,
                    body: "<InitiateMultipartUploadResult><UploadId>up&amp;1</UploadId></InitiateMultipartUploadResult>"
                )
            }
            if request.method == "PUT" {
                let number = request.target.contains("partNumber=2") ? 2 : 1
                return .respond(status: 200, headers: ["ETag": "\"etag-\(number)\""])
            }
            return .respond(status: 200, body: "<CompleteMultipartUploadResult></CompleteMultipartUploadResult>")
        }
        defer { server.stop() }
        let s3 = S3Client(client: client("s3", server))
        let id = try await s3.createMultipartUpload(bucket: "lake", key: "k", contentType: "application/gzip")
        #expect(id == "up&1")
        let first = try await s3.uploadPart(bucket: "lake", key: "k", uploadID: id, number: 1, body: [1])
        let second = try await s3.uploadPart(bucket: "lake", key: "k", uploadID: id, number: 2, body: [2])
        try await s3.completeMultipartUpload(bucket: "lake", key: "k", uploadID: id, etags: [first, second])
        let complete = try #require(server.requests.last)
        #expect(complete.target == "/lake/k?uploadId=up%261")
        let xml = String(decoding: complete.body, as: UTF8.self)
        #expect(
            xml.contains(
                "<Part><PartNumber>1</PartNumber><ETag>&quot;etag-1&quot;</ETag></Part><Part><PartNumber>2</PartNumber>"
            ))
    }

    @Test("a completion that fails inside a 200 answer is an error")
    func completionErrorInBody() async throws {
        let server = try FaultInjectingServer { _, _ in
            .respond(
                status: 200,
                body: "<Error><Code>InvalidPart</Code><Message>One or more parts could not be found.</Message></Error>")
        }
        defer { server.stop() }
        await #expect {
            try await S3Client(client: client("s3", server)).completeMultipartUpload(
                bucket: "b", key: "k", uploadID: "u", etags: ["e"])
        } throws: { error in (error as? AWSServiceError)?.code == "InvalidPart" }
    }

    @Test("on AWS, buckets are virtual hosts; against an endpoint override, and for dotted names, paths")
    func addressing() throws {
        let signer = SigV4Signer(
            service: "s3", region: "eu-west-1", credentials: AWSCredentials(accessKeyID: "a", secretAccessKey: "b"))
        let aws = try AWSEndpoint.resolve(service: "s3", region: "eu-west-1", environment: [:])
        let onAWS = S3Client(client: AWSClient(signer: signer, endpoint: aws, transport: URLSessionTransport()))
        #expect(onAWS.address(bucket: "lake", key: "a/b c").host == "lake.s3.eu-west-1.amazonaws.com")
        #expect(onAWS.address(bucket: "lake", key: "a/b c").path == "/a/b%20c")
        #expect(onAWS.address(bucket: "my.lake", key: "k").path == "/my.lake/k")
        let local = try AWSEndpoint.resolve(
            service: "s3", region: "eu-west-1", environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:5000"])
        #expect(local.isOverride && local.hostHeader == "127.0.0.1:5000")
        let specific = try AWSEndpoint.resolve(
            service: "s3", region: "eu-west-1",
            environment: ["AWS_ENDPOINT_URL": "http://a:1", "AWS_ENDPOINT_URL_S3": "http://b:2"])
        #expect(specific.base.host == "b")
        #expect(throws: AWSConfigurationError.self) {
            try AWSEndpoint.resolve(service: "s3", region: "r", environment: ["AWS_ENDPOINT_URL": "localhost"])
        }
    }
}
