import Foundation
import Logging
import SluiceJSON
import SluiceProcessing
import SluiceRuntime
import Testing

@testable import SluiceProcessorKit

/// A test double for S3 (no S3 runs in a unit test; Tests/tools/test_processor_moto.py drives the handler against
/// moto): GET answers the one object it holds, whole (or 404 when it holds none), and PUT takes what is written.
final class FakeS3Transport: HTTPTransport, @unchecked Sendable {
    let object: [UInt8]?
    private let lock = NSLock()
    private(set) var written: [String] = []

    init(object: [UInt8]?) { self.object = object }

    func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse {
        switch request.method {
        case "GET":
            guard let object else {
                let error = "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>"
                return AWSHTTPResponse(status: 404, headers: [:], body: Array(error.utf8))
            }
            return AWSHTTPResponse(status: 200, headers: ["etag": "\"e\""], body: object)
        case "PUT":
            lock.withLock { written.append(request.url.path) }
            return AWSHTTPResponse(status: 200, headers: ["etag": "\"p\""], body: [])
        default: return AWSHTTPResponse(status: 501, headers: [:], body: [])
        }
    }
}

/// The lines a handler hands to its metrics sink.
final class MetricsLines: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []
    var lines: [String] { lock.withLock { collected } }
    func append(_ line: String) { lock.withLock { collected.append(line) } }
}

@Suite("The Lambda handler's metrics record")
struct ObjectCreatedHandlerMetricsTests {
    let key = "raw/web/2024/03/14/web+1.gz"

    func handle(object: [UInt8]?, bucket: String = "landing", lines: MetricsLines) async throws -> [UInt8] {
        let environment = [
            "AWS_REGION": "eu-west-1", "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret",
            "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
        ]
        let logger = JSONLogHandler.logger(level: .critical, sink: { _ in })
        let s3 = try S3Client.fromEnvironment(environment, transport: FakeS3Transport(object: object), logger: logger)
        let run = try ObjectRun(
            config: config, transform: HostTransform.self,
            enricher: Enricher(
                lookups: config.enrichment!.lookups, cache: LookupCache(ttl: 60), resolver: CountingResolver()))
        let handler = ObjectCreatedHandler(config: config, s3: s3, run: run, logger: logger, metrics: lines.append)
        let event: JSONValue = [
            "source": "aws.s3", "detail-type": "Object Created",
            "detail": ["bucket": ["name": .string(bucket)], "object": ["key": .string(key), "size": 10]],
        ]
        let invocation = Invocation(
            requestID: "8f5c-request", deadline: Date().addingTimeInterval(60), invokedFunctionARN: nil, traceID: nil,
            body: Array(event.compact().utf8))
        return try await handler.handle(invocation, LambdaContext(invocation))
    }

    @Test("one record per invocation, with the request id and the decoded object key, before the answer")
    func processed() async throws {
        let lines = MetricsLines()
        let text = [line(1, account: "a-1"), line(2, account: "a-2")].joined(separator: "\n")
        let answer = try await handle(object: gzipped(text), lines: lines)
        #expect(lines.lines.count == 1)
        let parsed = try ParsedRecord(try #require(lines.lines.first))
        #expect(parsed.root["RequestId"] == "8f5c-request" && parsed.root["Object"] == "raw/web/2024/03/14/web 1.gz")
        #expect(parsed.root["Pipeline"] == "web" && parsed.root["Table"] == "requests")
        #expect(parsed.value(.rows) == 2 && parsed.value(.lookupQueries) == 1 && parsed.value(.objects) == 1)
        let summary = try #require(try JSONValue(parsing: answer).objectValue)
        #expect(
            summary["rows"]?.intValue == parsed.value(.rows)
                && summary["bytes_out"]?.intValue == parsed.value(.bytesOut))
    }

    @Test("a damaged object is recorded too: the invocation succeeds and the record counts it damaged")
    func damaged() async throws {
        let lines = MetricsLines()
        _ = try await handle(object: gzipped(line(1, account: "a-1")) + Array("junk".utf8), lines: lines)
        let parsed = try ParsedRecord(try #require(lines.lines.first))
        #expect(parsed.value(.damagedObjects) == 1 && parsed.root["Status"] == "damaged")
    }

    @Test("an invocation that fails before the object is processed through writes no record")
    func failed() async throws {
        let lines = MetricsLines()
        // An object S3 does not hold: the read fails (Lambda's Errors counts it).
        await #expect(throws: AWSServiceError.self) { _ = try await handle(object: nil, lines: lines) }
        // An event for an object outside the processor's input fails before any read.
        await #expect(throws: ProcessorError.self) {
            _ = try await handle(object: [], bucket: "elsewhere", lines: lines)
        }
        #expect(lines.lines.isEmpty)
    }
}
