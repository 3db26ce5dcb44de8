/// The `option httplog` layout:
/// `%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r`.
enum HTTPLogFields {
    /// Reads the message from the cursor's position to the end of the line.
    ///
    /// A line the logger cut inside a header block or the request line ends the read with `spans.cut` set and
    /// what was logged of the field in its span; a line cut elsewhere throws, the fields before in `spans`.
    static func parse(_ cursor: inout ByteCursor, into spans: inout RecordSpans) throws(ParseFailure) {
        try readClient(&cursor, into: &spans)

        (spans.acceptDate, spans.acceptTimestamp) = try Shared.readAcceptDate(&cursor, format: .http)

        try Shared.readFrontend(cursor.token(.frontend), in: cursor, into: &spans)

        try readBackendAndServer(&cursor, into: &spans)
        try readTimers(&cursor, into: &spans)

        spans.statusCode = try cursor.integerOrMinusOne(cursor.token(.status), .status)
        (spans.bytesRead, spans.bytesReadIsAtLeast) = try cursor.integerWithPlus(cursor.token(.bytesRead), .bytesRead)
        spans.requestCookie = Shared.cookie(try cursor.token(.requestCookie), in: cursor)
        spans.responseCookie = Shared.cookie(try cursor.token(.responseCookie), in: cursor)
        spans.terminationState = try Shared.terminationState(cursor.token(.terminationState), in: cursor)

        var counts = SlashParts(try cursor.token(.activeConnections))
        spans.activeConnections = try cursor.integer(counts.next(.activeConnections, in: cursor), .activeConnections)
        spans.frontendConnections = try cursor.integer(
            counts.next(.frontendConnections, in: cursor), .frontendConnections)
        spans.backendConnections = try cursor.integer(
            counts.next(.backendConnections, in: cursor), .backendConnections)
        spans.serverConnections = try cursor.integer(counts.next(.serverConnections, in: cursor), .serverConnections)
        (spans.retries, spans.redispatched) = try cursor.integerWithPlus(counts.next(.retries, in: cursor), .retries)
        try counts.finish(.retries)

        var queues = SlashParts(try cursor.token(.serverQueue))
        spans.serverQueue = try cursor.integer(queues.next(.serverQueue, in: cursor), .serverQueue)
        spans.backendQueue = try cursor.integer(queues.next(.backendQueue, in: cursor), .backendQueue)
        try queues.finish(.backendQueue)

        spans.requestHeaderBlock = try readHeaderBlock(&cursor, .requestHeaders, into: &spans)
        if spans.cut != nil { return }
        if spans.requestHeaderBlock != nil {
            spans.responseHeaderBlock = try readHeaderBlock(&cursor, .responseHeaders, into: &spans)
            if spans.cut != nil { return }
        }
        spans.request = try readRequest(&cursor, into: &spans)
    }

    /// `%ci:%cp`. The port follows the last colon, since an IPv6 address has colons of its own; a unix socket
    /// logs `unix:` and the listener's id, which is not a port.
    private static func readClient(_ cursor: inout ByteCursor, into spans: inout RecordSpans) throws(ParseFailure) {
        let token = try cursor.token(.clientAddress)
        if Shared.isUnixSocket(token, in: cursor) {
            spans.clientAddress = token
            spans.clientFamily = .unix
            return
        }
        let address: Range<Int>
        let port: Range<Int>
        if cursor.bytes[token.lowerBound] == ASCII.openBracket,
            let close = cursor.firstIndex(of: ASCII.closeBracket, in: token),
            cursor.byte(at: close + 1) == ASCII.colon
        {
            address = token.lowerBound + 1..<close
            port = close + 2..<token.upperBound
        } else if let colon = cursor.lastIndex(of: ASCII.colon, in: token) {
            address = token.lowerBound..<colon
            port = colon + 1..<token.upperBound
        } else {
            throw cursor.missing(.clientPort, at: token.upperBound, otherwise: .unexpected(field: .clientPort))
        }
        spans.clientAddress = address
        spans.clientFamily = try Shared.addressFamily(address, in: cursor)
        spans.clientPort = cursor.matches(port, "-") ? nil : try cursor.integer(port, .clientPort, atMost: 65_535)
    }

    /// `%b/%s`. Neither name can hold `/`, so the first one separates them.
    private static func readBackendAndServer(
        _ cursor: inout ByteCursor, into spans: inout RecordSpans
    ) throws(ParseFailure) {
        let token = try cursor.token(.backend)
        guard let slash = cursor.firstIndex(of: ASCII.slash, in: token) else {
            throw cursor.missing(.server, at: token.upperBound, otherwise: .unexpected(field: .server))
        }
        guard slash > token.lowerBound else { throw ParseFailure(.unexpected(field: .backend), at: slash) }
        // Set before the server is read: a line cut just after the `/` keeps the backend.
        spans.backend = token.lowerBound..<slash
        guard slash + 1 < token.upperBound else {
            throw cursor.missing(.server, at: token.upperBound, otherwise: .unexpected(field: .server))
        }
        spans.server = slash + 1..<token.upperBound
    }

    /// `%TR/%Tw/%Tc/%Tr/%Ta`, the total perhaps with logasap's `+`.
    private static func readTimers(_ cursor: inout ByteCursor, into spans: inout RecordSpans) throws(ParseFailure) {
        var timers = SlashParts(try cursor.token(.requestTime))
        spans.requestTime = try cursor.integerOrMinusOne(timers.next(.requestTime, in: cursor), .requestTime)
        spans.queueTime = try cursor.integerOrMinusOne(timers.next(.queueTime, in: cursor), .queueTime)
        spans.connectTime = try cursor.integerOrMinusOne(timers.next(.connectTime, in: cursor), .connectTime)
        spans.responseTime = try cursor.integerOrMinusOne(timers.next(.responseTime, in: cursor), .responseTime)
        (spans.totalTime, spans.totalTimeIsAtLeast) = try Shared.totalTime(
            timers.next(.totalTime, in: cursor), in: cursor)
        try timers.finish(.totalTime)
    }

    /// `{...}` if the next field is one: present only when captures are configured. HAProxy escapes `}` inside
    /// values, so the first `}` closes it; a block with no `}` (nor the request line's quote) was cut by the
    /// logger, and is what was logged.
    private static func readHeaderBlock(
        _ cursor: inout ByteCursor, _ field: ParseFailure.Field, into spans: inout RecordSpans
    ) throws(ParseFailure) -> Range<Int>? {
        cursor.skipSpaces()
        guard cursor.byte(at: cursor.position) == ASCII.openBrace else { return nil }
        let start = cursor.position + 1
        guard let close = cursor.firstIndex(of: ASCII.closeBrace, in: start..<cursor.end) else {
            // HAProxy escapes quotes in captured headers too: a quote here is the request line's, after a
            // block that was never closed, not a block the logger cut.
            if let quote = cursor.firstIndex(of: ASCII.quote, in: start..<cursor.end) {
                throw ParseFailure(.unexpected(field: field), at: quote)
            }
            spans.cut = LineCut(field: field, keepsPart: true)
            cursor.position = cursor.end
            return start..<cursor.end
        }
        cursor.position = close + 1
        try cursor.requireSeparator(field)
        return start..<close
    }

    /// `"..."`, the last field: it runs to the quote that ends the line. HAProxy escapes quotes inside it, so a
    /// line that does not end in one was cut (by HAProxy's length limit, say), and the request is what was
    /// logged of it, unless a closed field is followed by more.
    private static func readRequest(
        _ cursor: inout ByteCursor, into spans: inout RecordSpans
    ) throws(ParseFailure) -> Range<Int> {
        try cursor.expect(ASCII.quote, .request)
        let start = cursor.position
        guard start < cursor.end, cursor.bytes[cursor.end - 1] == ASCII.quote else {
            var index = start
            while index + 1 < cursor.end {
                if cursor.bytes[index] == ASCII.quote && cursor.bytes[index + 1] == ASCII.space {
                    throw ParseFailure(.unexpected(field: .request), at: index + 1)
                }
                index += 1
            }
            spans.cut = LineCut(field: .request, keepsPart: true)
            cursor.position = cursor.end
            return start..<cursor.end
        }
        cursor.position = cursor.end
        return start..<cursor.end - 1
    }
}
