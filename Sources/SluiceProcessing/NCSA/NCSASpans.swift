/// A parsed line before any string is made: numbers, and ranges of the line's bytes for the text.
struct NCSASpans {
    var clientAddress = 0..<0
    var clientFamily = NCSARecord.AddressFamily.ipv4
    var ident = 0..<0
    var user = 0..<0
    var timeLocal = 0..<0
    var timestamp: Int64 = 0
    /// The inside of the request line's quotes; nil when cut away.
    var request: Range<Int>?
    /// The line ends inside the request line (no closing quote).
    var requestCut = false
    var status: Int?
    var bytesSent: Int64?
    /// The inside of the referer's and user agent's quotes.
    var referer: Range<Int>?
    var userAgent: Range<Int>?
    var extra: Range<Int>?
    var cutAway: NCSARecord.Part?
}

extension NCSARecord {
    init(_ spans: NCSASpans, in cursor: ByteCursor) {
        let bytes = cursor.bytes
        func decoded(_ range: Range<Int>) -> String { EscapedText.string(range, in: bytes, decoding: true) }
        /// `-` is the loggers' absent value.
        func optional(_ range: Range<Int>?) -> String? {
            guard let range, !cursor.matches(range, "-") else { return nil }
            return decoded(range)
        }

        clientAddress = String(decoding: UnsafeBufferPointer(rebasing: bytes[spans.clientAddress]), as: UTF8.self)
        clientFamily = spans.clientFamily
        ident = optional(spans.ident)
        user = optional(spans.user)
        timeLocal = String(decoding: UnsafeBufferPointer(rebasing: bytes[spans.timeLocal]), as: UTF8.self)
        timestamp = spans.timestamp
        // `""` as well as `-`: an empty request line is no request either.
        request = spans.request.flatMap { $0.isEmpty ? nil : optional($0) }
        if let request {
            let line = NCSARequestLine(request, cut: spans.requestCut)
            method = line.method
            path = line.path
            query = line.query
            httpVersion = line.version
        }
        status = spans.status
        bytesSent = spans.bytesSent
        referer = optional(spans.referer)
        userAgent = optional(spans.userAgent)
        extra = spans.extra.map { EscapedText.string($0, in: bytes, decoding: false) }
        cutAway = spans.cutAway
    }
}
