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
