import Testing

@testable import SluiceProcessing

/// Example lines, written for these tests in the shapes HAProxy's documentation shows.
enum HAProxyLines {
    /// An HTTPS request answered by a named server, no captures, no syslog prefix.
    static let http =
        #"192.0.2.10:48620 [14/Mar/2024:09:26:53.589] www~ api/api-2 3/0/1/42/46 200 1873 - - ---- 12/10/3/1/0 0/0 "#
        + #""GET /v1/orders?limit=20&page=3 HTTP/1.1""#

    /// The same request in the CLF layout, with two request captures and one response capture.
    static let clf =
        #"192.0.2.10 - - [14/Mar/2024:09:26:53 +0000] "GET /v1/orders?limit=20&page=3 HTTP/1.1" 200 1873 "" "" "#
        + #"48620 589 "www~" "api" "api-2" 3 0 1 42 46 ---- 12 10 3 1 0 0 0 "" "" "#
        + #""https://shop.example.com/cart" "Mozilla/5.0 (X11; Linux x86_64)" "text/html""#

    /// 2024-03-14T09:26:53.589Z.
    static let timestamp: Int64 = 1_710_408_413_589

    /// A BSD syslog prefix as rsyslog writes it to a file.
    static let bsdPrefix = "Mar 14 09:26:53 lb-1 haproxy[2817]: "
}

/// The record of a line that must parse; records the failure as the test's issue otherwise.
func haproxyRecord(
    _ line: String, _ format: LogFormat = .http, sourceLocation: SourceLocation = #_sourceLocation
) throws -> HAProxyRecord {
    try haproxyRecord(bytes: Array(line.utf8), format, sourceLocation: sourceLocation)
}

func haproxyRecord(
    bytes: [UInt8], _ format: LogFormat = .http, sourceLocation: SourceLocation = #_sourceLocation
) throws -> HAProxyRecord {
    switch HAProxyParser.parse(bytes, format: format) {
    case .success(let record):
        return record
    case .failure(let failure):
        Issue.record("expected a record, got \(failure)", sourceLocation: sourceLocation)
        throw failure
    }
}

/// The failure of a line that must not parse; nil (and an issue) if it did.
func haproxyFailure(
    _ line: String, _ format: LogFormat = .http, sourceLocation: SourceLocation = #_sourceLocation
) -> ParseFailure? {
    haproxyFailure(bytes: Array(line.utf8), format, sourceLocation: sourceLocation)
}

func haproxyFailure(
    bytes: [UInt8], _ format: LogFormat = .http, sourceLocation: SourceLocation = #_sourceLocation
) -> ParseFailure? {
    switch HAProxyParser.parse(bytes, format: format) {
    case .success(let record):
        Issue.record("expected a failure, got \(record)", sourceLocation: sourceLocation)
        return nil
    case .failure(let failure):
        return failure
    }
}

/// The UTF-8 offset of the first occurrence of `needle` in `line`.
func byteOffset(of needle: String, in line: String) -> Int {
    let bytes = Array(line.utf8)
    let pattern = Array(needle.utf8)
    for start in 0...(bytes.count - pattern.count) where Array(bytes[start..<start + pattern.count]) == pattern {
        return start
    }
    Issue.record("\(needle) is not in \(line)")
    return -1
}

/// `line` with the first occurrence of `old` replaced.
func substituting(_ old: String, with new: String, in line: String) -> String {
    guard let range = line.firstRange(of: old) else {
        Issue.record("\(old) is not in \(line)")
        return line
    }
    var result = line
    result.replaceSubrange(range, with: new)
    return result
}

/// The fields of the typical request (`HAProxyLines.http` and `.clf` log the same one), whichever layout logged it.
func expectTypicalRequest(_ record: HAProxyRecord, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(record.clientAddress == "192.0.2.10", sourceLocation: sourceLocation)
    #expect(record.clientFamily == .ipv4, sourceLocation: sourceLocation)
    #expect(record.clientPort == 48620, sourceLocation: sourceLocation)
    #expect(record.acceptTimestamp == HAProxyLines.timestamp, sourceLocation: sourceLocation)
    #expect(record.frontend == "www", sourceLocation: sourceLocation)
    #expect(record.tls, sourceLocation: sourceLocation)
    #expect(record.backend == "api", sourceLocation: sourceLocation)
    #expect(record.server == .named("api-2"), sourceLocation: sourceLocation)
    #expect(record.requestTime == 3, sourceLocation: sourceLocation)
    #expect(record.queueTime == 0, sourceLocation: sourceLocation)
    #expect(record.connectTime == 1, sourceLocation: sourceLocation)
    #expect(record.responseTime == 42, sourceLocation: sourceLocation)
    #expect(record.totalTime == 46, sourceLocation: sourceLocation)
    #expect(!record.totalTimeIsAtLeast, sourceLocation: sourceLocation)
    #expect(record.statusCode == 200, sourceLocation: sourceLocation)
    #expect(record.bytesRead == 1873, sourceLocation: sourceLocation)
    #expect(!record.bytesReadIsAtLeast, sourceLocation: sourceLocation)
    #expect(record.requestCookie == nil, sourceLocation: sourceLocation)
    #expect(record.responseCookie == nil, sourceLocation: sourceLocation)
    #expect(record.terminationState == "----", sourceLocation: sourceLocation)
    #expect(record.activeConnections == 12, sourceLocation: sourceLocation)
    #expect(record.frontendConnections == 10, sourceLocation: sourceLocation)
    #expect(record.backendConnections == 3, sourceLocation: sourceLocation)
    #expect(record.serverConnections == 1, sourceLocation: sourceLocation)
    #expect(record.retries == 0, sourceLocation: sourceLocation)
    #expect(!record.redispatched, sourceLocation: sourceLocation)
    #expect(record.serverQueue == 0, sourceLocation: sourceLocation)
    #expect(record.backendQueue == 0, sourceLocation: sourceLocation)
    #expect(!record.badRequest, sourceLocation: sourceLocation)
    #expect(record.method == "GET", sourceLocation: sourceLocation)
    #expect(record.path == "/v1/orders", sourceLocation: sourceLocation)
    #expect(record.query == "limit=20&page=3", sourceLocation: sourceLocation)
    #expect(record.httpVersion == "HTTP/1.1", sourceLocation: sourceLocation)
}
