import Testing

@testable import SluiceProcessing

/// Example NCSA lines, in the shapes nginx and Apache write.
enum NCSALines {
    /// The example of Apache's mod_log_config documentation, in the combined format.
    static let apache =
        #"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "#
        + #""http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)""#

    /// The same request in Apache's common format.
    static let apacheCommon = #"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326"#

    /// 2000-10-10T20:55:36Z.
    static let apacheTimestamp: Int64 = 971_211_336_000

    /// An nginx `combined` line: no user, a query, HTTPS referer.
    static let nginx =
        #"203.0.113.7 - - [06/Feb/2024:12:14:14 +0000] "GET /integrations/slack?team=T1&x= HTTP/1.1" 200 612 "#
        + #""https://shop.example.com/cart" "Mozilla/5.0 (X11; Linux x86_64; rv:122.0) Gecko/20100101 Firefox/122.0""#

    /// 2024-02-06T12:14:14Z.
    static let nginxTimestamp: Int64 = 1_707_221_654_000
}

/// The record of a line that must parse; records the failure as the test's issue otherwise.
func ncsaRecord(
    _ line: String, _ layout: NCSALayout = .combined, sourceLocation: SourceLocation = #_sourceLocation
) throws -> NCSARecord {
    try ncsaRecord(bytes: Array(line.utf8), layout, sourceLocation: sourceLocation)
}

func ncsaRecord(
    bytes: [UInt8], _ layout: NCSALayout = .combined, sourceLocation: SourceLocation = #_sourceLocation
) throws -> NCSARecord {
    switch NCSAParser.parse(bytes, layout: layout) {
    case .success(let record):
        return record
    case .failure(let failure):
        Issue.record("expected a record, got \(failure)", sourceLocation: sourceLocation)
        throw failure
    }
}

/// The failure of a line that must not parse; nil (and an issue) if it did.
func ncsaFailure(
    _ line: String, _ layout: NCSALayout = .combined, sourceLocation: SourceLocation = #_sourceLocation
) -> NCSAFailure? {
    switch NCSAParser.parse(Array(line.utf8), layout: layout) {
    case .success(let record):
        Issue.record("expected a failure, got \(record)", sourceLocation: sourceLocation)
        return nil
    case .failure(let failure):
        return failure
    }
}

/// A combined line with the given request line, referer and user agent (each the text between its quotes).
func combinedLine(request: String, referer: String = "-", userAgent: String = "curl/8.5.0") -> String {
    #"192.0.2.1 - - [06/Feb/2024:12:14:14 +0000] ""# + request + #"" 200 612 ""# + referer + #"" ""# + userAgent
        + #"""#
}
