import Foundation
import SluiceProcessing

/// The log parsers' throughput: a million copies of one typical line per case, each parsed in turn.
enum ParserBenchmarks {
    /// An HAProxy `httplog` line: an HTTPS request answered by a named server, no captures, no syslog prefix.
    static let haproxyLine =
        #"192.0.2.10:48620 [14/Mar/2024:09:26:53.589] www~ api/api-2 3/0/1/42/46 200 1873 - - ---- 12/10/3/1/0 0/0 "#
        + #""GET /v1/orders?limit=20&page=3 HTTP/1.1""#
    /// The same line behind a syslog prefix, with a request and a response capture.
    static let haproxyLineWithCaptures =
        "Mar 14 09:26:53 lb-1 haproxy[2817]: "
        + haproxyLine.replacingOccurrences(
            of: " 0/0 ", with: " 0/0 {shop.example.com|Mozilla/5.0 (X11; Linux x86_64)} ")

    /// An nginx `combined` line: no user, a query, an HTTPS referer.
    static let nginxLine =
        #"203.0.113.7 - - [06/Feb/2024:12:14:14 +0000] "GET /integrations/slack?team=T1&x= HTTP/1.1" 200 612 "#
        + #""https://shop.example.com/cart" "Mozilla/5.0 (X11; Linux x86_64; rv:122.0) Gecko/20100101 Firefox/122.0""#
    /// The same with an escaped UTF-8 user agent and two fields after the combined ones.
    static let nginxLineEscapedAndExtra = nginxLine.replacingOccurrences(
        of: "Firefox/122.0", with: #"K\xC3\xA4se/1.0" 0.012 "10.0.0.5:8080"#)

    /// A Lambda function's structured log line, about 400 bytes.
    static let jsonLine =
        #"{"timestamp":"2024-01-02T03:04:05.678Z","level":"INFO","requestId":"79b4f56e-95b1-4643-9700-2807f4e68189","#
        + #""message":"order placed for customer 4711 after 3 retries","http":{"request":{"status":200,"#
        + #""method":"POST","path":"/v1/orders?limit=20&page=3","userAgent":"Mozilla/5.0 (X11; Linux x86_64)"},"#
        + #""latency_ms":12.5},"order":{"id":123456789012,"items":["a","b","c"],"paid":true},"region":"eu-west-1"}"#

    /// The columns a table of these JSON lines would declare.
    static let jsonColumns: [(String, ColumnType)] = [
        ("timestamp", .timestamp), ("level", .string), ("requestId", .string), ("http.request.status", .int),
        ("http.request.path", .string), ("http.latency_ms", .double), ("order.id", .bigint), ("order.paid", .boolean),
    ]

    static func haproxy(count: Int) throws {
        for (name, line) in [("plain", haproxyLine), ("syslog prefix and captures", haproxyLineWithCaptures)] {
            let records = ParserThroughput.measure("HAProxy \(name)", line: line, count: count) { line in
                line.withUnsafeBufferPointer { bytes in
                    guard case .success(let record) = HAProxyParser.parse(bytes, format: .http) else { return nil }
                    return record.bytesRead &+ (record.path?.utf8.count ?? 0)
                }
            }
            try expectAllParsed(records, count, "HAProxy \(name)")
        }
    }

    static func ncsa(count: Int) throws {
        for (name, line) in [
            ("nginx", nginxLine), ("nginx, escaped UTF-8 user agent and extra", nginxLineEscapedAndExtra),
        ] {
            let records = ParserThroughput.measure("NCSA \(name)", line: line, count: count) { line in
                line.withUnsafeBufferPointer { bytes in
                    guard case .success(let record) = NCSAParser.parse(bytes, layout: .combined) else { return nil }
                    return Int(record.bytesSent ?? 0) &+ (record.path?.utf8.count ?? 0)
                }
            }
            try expectAllParsed(records, count, "NCSA \(name)")
        }
    }

    /// Parsed only, then parsed with the eight columns read.
    static func json(count: Int) throws {
        let readers = try jsonColumns.map { try JSONFormat.reader(FieldPath(parsing: $0.0), for: $0.1) }
        for readColumns in [false, true] {
            let name = readColumns ? "parse and read 8 columns" : "parse"
            let records = ParserThroughput.measure("JSON \(name)", line: jsonLine, count: count) { line in
                guard case .success(let record) = JSONFormat.parse(line) else { return nil }
                // Reading the record keeps the parse from being optimized away.
                var checksum = record.isTruncated ? 0 : 1
                if readColumns {
                    for reader in readers {
                        if case .success(let value) = reader.read(record), case .int(let number) = value {
                            checksum &+= Int(truncatingIfNeeded: number)
                        }
                    }
                }
                return checksum
            }
            try expectAllParsed(records, count, "JSON \(name)")
        }
    }

    /// A benchmark whose line stopped parsing measures the failure path: refuse the figure.
    static func expectAllParsed(_ records: Int, _ count: Int, _ label: String) throws {
        guard records == count else { throw BenchmarkFailure(description: "\(label): \(records) of \(count) parsed") }
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
}
