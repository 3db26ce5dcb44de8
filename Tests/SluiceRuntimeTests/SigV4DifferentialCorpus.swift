import Foundation
import SluiceRuntime

/// Randomized requests signed by `SigV4Signer`, for Tests/tools/test_sigv4_botocore.py to sign again with botocore's
/// `SigV4Auth`/`S3SigV4Auth` and compare. Deterministic: the same seed gives the same requests.
///
/// The generator stays inside what both signers define the same way. Left out, each for a documented reason:
/// - headers botocore never signs but Sluice would (`keep-alive`, `te`, `upgrade`, ...): hop-by-hop headers no AWS
///   client sends to a service; the names used here are ones both sign, plus `User-Agent`, which neither signs;
/// - non-ASCII whitespace in header values: Python's `str.split()` collapses it, SigV4 (and Sluice) only collapse
///   spaces, tabs, CR and LF;
/// - paths whose last segment is `.` or `..` (non-S3): botocore drops the trailing slash that RFC 3986 (and AWS's
///   own suite, `get-slash-dot-slash-*`, `get-relative-*`) keep;
/// - S3 paths holding `%`-free reserved bytes: every path is sent fully percent-encoded, as Sluice's clients do.
struct SigV4DifferentialCorpus {
    /// One signed request, in the form the Python side reads.
    struct Case: Encodable {
        struct Query: Encodable {
            var name: String
            /// nil for a bare key (`?acl`).
            var value: String?
        }

        var method: String
        var service: String
        var region: String
        var host: String
        /// The path as it goes on the wire, percent-encoded.
        var path: String
        var query: [Query]
        /// Name and value pairs in order, duplicates allowed.
        var headers: [[String]]
        var bodyBase64: String
        /// Seconds since 1970, whole.
        var epochSeconds: Int
        var accessKeyID: String
        var secretAccessKey: String
        var sessionToken: String?
        var canonicalRequest: String
        var authorization: String
    }

    private var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// `count` cases, signed.
    mutating func cases(_ count: Int) -> [Case] { (0..<count).map { _ in nextCase() } }

    static let services = ["s3", "sqs", "athena", "lambda", "firehose", "glue", "iam", "sts", "execute-api", "logs"]
    static let regions = ["us-east-1", "eu-west-1", "ap-southeast-2", "eu-central-2", "us-gov-west-1", "cn-north-1"]
    static let methods = ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"]
    static let headerNames = [
        "Content-Type", "X-Amz-Target", "x-amz-meta-Note", "X-Custom", "Accept", "Content-Encoding", "x-amz-acl",
        "X-Amz-Meta-Empty", "My-Header1", "Cache-Control", "User-Agent",
    ]
    /// Characters paths, queries and header values are made of: unreserved, reserved, space, percent, Unicode.
    static let alphabet: [String] =
        Array("abcXYZ019-._~").map(String.init) + [
            " ", "+", "=", "&", "?", "#", "%", "/", ":", "@", "!", "$", "'", "(", ")", "*", ",", ";", "[", "]",
            "\"", "<", ">", "\\", "^", "`", "{", "|", "}", "é", "ß", "日本", "🙂", "\u{00A0}",
        ]

    private mutating func nextCase() -> Case {
        let service = pick(Self.services)
        let region = pick(Self.regions)
        let method = pick(Self.methods)
        let host =
            service == "s3" ? "bucket-\(int(100)).s3.\(region).amazonaws.com" : "\(service).\(region).amazonaws.com"
        let path = wirePath(s3: service == "s3")
        // An empty name only with a value: a lone bare empty key is an empty query string on the wire.
        var queryItems: [HTTPRequestParts.QueryItem] = (0..<int(5)).map { _ in
            let value = chance(4) ? nil : text(maxLength: 10, allowingSlash: true)
            return .init(value != nil && chance(8) ? "" : text(maxLength: 8, allowingSlash: true), value)
        }
        if !queryItems.isEmpty, chance(3) {  // a repeated key, with its own value
            let repeated = queryItems[int(queryItems.count)]
            queryItems.append(.init(repeated.name, text(maxLength: 4, allowingSlash: false)))
        }
        var headers: [HTTPRequestParts.Header] = [.init("Host", host)]
        for _ in 0..<int(5) {
            headers.append(.init(pick(Self.headerNames), headerValue()))
        }
        if chance(3) {  // a duplicate, in a different case
            let duplicated = headers[int(headers.count)]
            headers.append(.init(duplicated.name.uppercased(), headerValue()))
        }
        let body = (0..<(chance(3) ? 0 : int(300))).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let epochSeconds = 946_684_800 + int(1_200_000_000)
        let credentials = AWSCredentials(
            accessKeyID: "AKID" + String(int(1_000_000)), secretAccessKey: "secret/" + text(maxLength: 30),
            sessionToken: chance(2) ? "token+" + headerText(maxLength: 40) : nil)
        let signer = SigV4Signer(service: service, region: region, credentials: credentials)
        let request = HTTPRequestParts(
            method: method, path: path, queryItems: queryItems, headers: headers, payload: .bytes(body))
        let signed = signer.sign(request, at: Date(timeIntervalSince1970: TimeInterval(epochSeconds)))
        return Case(
            method: method, service: service, region: region, host: host, path: path,
            query: queryItems.map { Case.Query(name: $0.name, value: $0.value) },
            headers: headers.map { [$0.name, $0.value] }, bodyBase64: Data(body).base64EncodedString(),
            epochSeconds: epochSeconds, accessKeyID: credentials.accessKeyID,
            secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken,
            canonicalRequest: signed.canonicalRequest, authorization: signed.authorization)
    }

    /// A percent-encoded wire path: segments of odd characters, with `.`, `..` and empty segments in between.
    private mutating func wirePath(s3: Bool) -> String {
        var segments: [String] = []
        for _ in 0..<int(6) {
            switch int(10) {
            case 0: segments.append("")
            case 1: segments.append(".")
            case 2: segments.append("..")
            default: segments.append(AWSURIEncoding.encode(text(maxLength: 12, allowingSlash: false)))
            }
        }
        if !s3, let last = segments.last, last == "." || last == ".." { segments.append("end") }
        return "/" + segments.joined(separator: "/")
    }

    private mutating func headerValue() -> String {
        let pieces = (0..<int(4)).map { _ in headerText(maxLength: 6) }
        let separators = [" ", "  ", "\t", " \t "]
        var value = pieces.map { $0 + pick(separators) }.joined()
        if chance(3) { value = "  " + value }
        return value
    }

    /// Text without the no-break space, which Python's `str.split()` (botocore's trim) takes for whitespace.
    private mutating func headerText(maxLength: Int) -> String {
        text(maxLength: maxLength).replacingOccurrences(of: "\u{00A0}", with: "nb")
    }

    private mutating func text(maxLength: Int, allowingSlash: Bool = true) -> String {
        (0..<(1 + int(maxLength))).map { _ in
            let piece = pick(Self.alphabet)
            return !allowingSlash && piece == "/" ? "-" : piece
        }.joined()
    }

    private mutating func int(_ bound: Int) -> Int { Int(random.next() % UInt64(max(bound, 1))) }
    private mutating func chance(_ oneIn: Int) -> Bool { int(oneIn) == 0 }
    private mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }
}

/// A small, fast, well-mixed 64-bit generator (SplitMix64), so the corpus is the same on every platform.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
