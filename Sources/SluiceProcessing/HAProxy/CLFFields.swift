/// The `option httplog clf` layout: `%{+Q}o %{-Q}ci - - [%trg] %r %ST %B "" "" %cp %ms %ft %b %s %TR %Tw %Tc %Tr
/// %Ta %tsc %ac %fc %bc %sc %rc %sq %bq %CC %CS %hrl %hsl`.
///
/// `%{+Q}o` prints nothing: it quotes every string field after it, except `%ci`, which `%{-Q}` exempts. So a
/// line reads `10.0.0.1 - - [...] "GET / HTTP/1.1" 200 512 "" "" 40000 123 "web~" "app" "app1" 0 0 1 2 3 ----
/// ...`. Each field is accepted quoted or bare, since versions differ on which fields are strings, and a quoted
/// token in front of the client (as some hand-written samples show for `%o`) is skipped.
enum CLFFields {
    /// Reads the message from the cursor's position to the end of the line.
    ///
    /// A line the logger cut inside the request line or a captured header ends the read with `spans.cut` set
    /// and what was logged of the field in its span; a line cut elsewhere throws, the fields before in `spans`.
    static func parse(_ cursor: inout ByteCursor, into spans: inout RecordSpans) throws(ParseFailure) {
        if cursor.byte(at: cursor.position) == ASCII.quote {
            _ = try cursor.quotedOrBareToken(.origin)
        }
        spans.clientAddress = try cursor.quotedOrBareToken(.clientAddress)
        spans.clientFamily = try Shared.addressFamily(spans.clientAddress, in: cursor)
        _ = try cursor.quotedOrBareToken(.ident)
        _ = try cursor.quotedOrBareToken(.authUser)

        // Whole seconds: `%ms` adds the milliseconds further on.
        (spans.acceptDate, spans.acceptTimestamp) = try Shared.readAcceptDate(&cursor, format: .clf)

        cursor.skipSpaces()
        guard cursor.byte(at: cursor.position) == ASCII.quote else {
            throw cursor.missing(.request, at: cursor.position, otherwise: .unexpected(field: .request))
        }
        let request = try cursor.quotedOrCutToken(.request)
        spans.request = request.token
        if request.cut {
            spans.cut = LineCut(field: .request, keepsPart: true)
            return
        }

        spans.statusCode = try cursor.integerOrMinusOne(cursor.quotedOrBareToken(.status), .status)
        (spans.bytesRead, spans.bytesReadIsAtLeast) = try cursor.integerWithPlus(
            cursor.quotedOrBareToken(.bytesRead), .bytesRead)
        _ = try cursor.quotedOrBareToken(.referer)
        _ = try cursor.quotedOrBareToken(.userAgent)

        let port = try cursor.quotedOrBareToken(.clientPort)
        let portNumber = cursor.matches(port, "-") ? nil : try cursor.integer(port, .clientPort, atMost: 65_535)
        // On a unix socket HAProxy prints the listener's id as `%cp`, which is no port.
        spans.clientPort = spans.clientFamily == .unix ? nil : portNumber
        let milliseconds = try cursor.quotedOrBareToken(.acceptMilliseconds)
        spans.acceptTimestamp += Int64(try cursor.integer(milliseconds, .acceptMilliseconds, atMost: 999))

        try Shared.readFrontend(cursor.quotedOrBareToken(.frontend), in: cursor, into: &spans)
        spans.backend = try cursor.quotedOrBareToken(.backend)
        if spans.backend.isEmpty { throw ParseFailure(.unexpected(field: .backend), at: spans.backend.lowerBound) }
        spans.server = try cursor.quotedOrBareToken(.server)
        if spans.server.isEmpty { throw ParseFailure(.unexpected(field: .server), at: spans.server.lowerBound) }

        spans.requestTime = try cursor.integerOrMinusOne(cursor.quotedOrBareToken(.requestTime), .requestTime)
        spans.queueTime = try cursor.integerOrMinusOne(cursor.quotedOrBareToken(.queueTime), .queueTime)
        spans.connectTime = try cursor.integerOrMinusOne(cursor.quotedOrBareToken(.connectTime), .connectTime)
        spans.responseTime = try cursor.integerOrMinusOne(cursor.quotedOrBareToken(.responseTime), .responseTime)
        (spans.totalTime, spans.totalTimeIsAtLeast) = try Shared.totalTime(
            cursor.quotedOrBareToken(.totalTime), in: cursor)
        spans.terminationState = try Shared.terminationState(
            cursor.quotedOrBareToken(.terminationState), in: cursor)

        spans.activeConnections = try count(&cursor, .activeConnections)
        spans.frontendConnections = try count(&cursor, .frontendConnections)
        spans.backendConnections = try count(&cursor, .backendConnections)
        spans.serverConnections = try count(&cursor, .serverConnections)
        (spans.retries, spans.redispatched) = try cursor.integerWithPlus(
            cursor.quotedOrBareToken(.retries), .retries)
        spans.serverQueue = try count(&cursor, .serverQueue)
        spans.backendQueue = try count(&cursor, .backendQueue)

        spans.requestCookie = Shared.cookie(try cursor.quotedOrBareToken(.requestCookie), in: cursor)
        spans.responseCookie = Shared.cookie(try cursor.quotedOrBareToken(.responseCookie), in: cursor)

        // `%hrl %hsl` print nothing without captures, so the line may end here.
        cursor.skipSpaces()
        if !cursor.atEnd {
            let listStart = cursor.position
            while !cursor.atEnd {
                if try cursor.quotedOrCutToken(.capturedHeaders).cut {
                    spans.cut = LineCut(field: .capturedHeaders, keepsPart: true)
                }
                cursor.skipSpaces()
            }
            spans.capturedHeaderList = listStart..<cursor.end
        }
    }

    private static func count(_ cursor: inout ByteCursor, _ field: ParseFailure.Field) throws(ParseFailure) -> Int {
        try cursor.integer(cursor.quotedOrBareToken(field), field)
    }
}
