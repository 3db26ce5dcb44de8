/// A parsed line before any string is made: numbers, flags, and ranges of the line's bytes for the text.
///
/// Both layouts fill one of these, so the strings are made in one place and only for lines that parsed.
struct RecordSpans {
    var clientAddress = 0..<0
    var clientFamily = HAProxyRecord.AddressFamily.unknown
    var clientPort: Int?
    var acceptDate = 0..<0
    var acceptTimestamp: Int64 = 0
    var frontend = 0..<0
    var tls = false
    var backend = 0..<0
    var server = 0..<0
    var requestTime: Int?
    var queueTime: Int?
    var connectTime: Int?
    var responseTime: Int?
    var totalTime: Int?
    var totalTimeIsAtLeast = false
    var statusCode: Int?
    var bytesRead = 0
    var bytesReadIsAtLeast = false
    /// Nil for a cookie logged as absent.
    var requestCookie: Range<Int>?
    var responseCookie: Range<Int>?
    var terminationState = 0..<0
    var activeConnections = 0
    var frontendConnections = 0
    var backendConnections = 0
    var serverConnections = 0
    var retries = 0
    var redispatched = false
    var serverQueue = 0
    var backendQueue = 0
    /// The inside of the HTTP layout's `{...}` blocks.
    var requestHeaderBlock: Range<Int>?
    var responseHeaderBlock: Range<Int>?
    /// CLF: from the first captured value to the end of the line, already checked to be a sequence of
    /// (quoted) tokens.
    var capturedHeaderList: Range<Int>?
    /// The inside of the request line's quotes (to the end of the line, if the logger cut it).
    var request = 0..<0
    /// Where the logger cut the line; nil for a whole line.
    var cut: LineCut?
}

extension HAProxyRecord {
    init(_ spans: RecordSpans, format: LogFormat, in cursor: ByteCursor) {
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[range]), as: UTF8.self)
        }

        self.format = format
        clientAddress = text(spans.clientAddress)
        clientFamily = spans.clientFamily
        clientPort = spans.clientPort
        acceptDate = text(spans.acceptDate)
        acceptTimestamp = spans.acceptTimestamp
        frontend = text(spans.frontend)
        tls = spans.tls
        backend = text(spans.backend)
        if cursor.matches(spans.server, "<NOSRV>") {
            server = .noServer
        } else if cursor.matches(spans.server, "<STATS>") {
            server = .stats
        } else {
            server = .named(text(spans.server))
        }
        requestTime = spans.requestTime
        queueTime = spans.queueTime
        connectTime = spans.connectTime
        responseTime = spans.responseTime
        totalTime = spans.totalTime
        totalTimeIsAtLeast = spans.totalTimeIsAtLeast
        statusCode = spans.statusCode
        bytesRead = spans.bytesRead
        bytesReadIsAtLeast = spans.bytesReadIsAtLeast
        requestCookie = spans.requestCookie.map(text)
        responseCookie = spans.responseCookie.map(text)
        terminationState =
            Self.commonTerminationState(spans.terminationState, in: cursor) ?? text(spans.terminationState)
        activeConnections = spans.activeConnections
        frontendConnections = spans.frontendConnections
        backendConnections = spans.backendConnections
        serverConnections = spans.serverConnections
        retries = spans.retries
        redispatched = spans.redispatched
        serverQueue = spans.serverQueue
        backendQueue = spans.backendQueue

        if let list = spans.capturedHeaderList {
            requestHeaders = Self.listValues(list, in: cursor, text: text)
            responseHeaders = nil
        } else {
            requestHeaders = spans.requestHeaderBlock.map { Self.blockValues($0, in: cursor, text: text) }
            responseHeaders = spans.responseHeaderBlock.map { Self.blockValues($0, in: cursor, text: text) }
        }

        cut = spans.cut
        let line = RequestLine(spans.request, in: cursor, cut: spans.cut?.field == .request)
        badRequest = line.isBad
        method = line.method.map { Self.commonMethod($0, in: cursor) ?? text($0) }
        path = line.path.map(text)
        query = line.query.map(text)
        httpVersion = line.version.map { Self.commonVersion($0, in: cursor) ?? text($0) }
    }

    // Most lines share these values, and a literal costs nothing to make where decoding the bytes again would.
    private static func commonTerminationState(_ range: Range<Int>, in cursor: ByteCursor) -> String? {
        cursor.matches(range, "----") ? "----" : nil
    }

    private static func commonMethod(_ range: Range<Int>, in cursor: ByteCursor) -> String? {
        if cursor.matches(range, "GET") { return "GET" }
        if cursor.matches(range, "POST") { return "POST" }
        return nil
    }

    private static func commonVersion(_ range: Range<Int>, in cursor: ByteCursor) -> String? {
        if cursor.matches(range, "HTTP/1.1") { return "HTTP/1.1" }
        if cursor.matches(range, "HTTP/2.0") { return "HTTP/2.0" }
        return nil
    }

    /// `value|value|...`: HAProxy escapes `|` inside values, so every `|` separates.
    private static func blockValues(
        _ block: Range<Int>, in cursor: ByteCursor, text: (Range<Int>) -> String
    ) -> [String] {
        // Sized once: grown value by value, the array of two captures was allocated twice a line.
        var separators = 0
        for index in block where cursor.bytes[index] == ASCII.pipe { separators += 1 }
        var values: [String] = []
        values.reserveCapacity(separators + 1)
        var start = block.lowerBound
        while let pipe = cursor.firstIndex(of: ASCII.pipe, in: start..<block.upperBound) {
            values.append(text(start..<pipe))
            start = pipe + 1
        }
        values.append(text(start..<block.upperBound))
        return values
    }

    /// CLF's `"value" "value" ...`, a bare `-` (unquoted absent value) read as empty like `""`.
    private static func listValues(
        _ list: Range<Int>, in cursor: ByteCursor, text: (Range<Int>) -> String
    ) -> [String] {
        var values: [String] = []
        var reader = ByteCursor(bytes: cursor.bytes, position: list.lowerBound, end: list.upperBound)
        reader.skipSpaces()
        while !reader.atEnd {
            let quoted = reader.bytes[reader.position] == ASCII.quote
            // A value the logger cut is kept as logged.
            guard let value = try? reader.quotedOrCutToken(.capturedHeaders).token else { break }
            values.append(!quoted && reader.matches(value, "-") ? "" : text(value))
            reader.skipSpaces()
        }
        return values
    }
}
