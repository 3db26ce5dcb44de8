/// Where a logger cut an HAProxy line: HAProxy's own length limit (`log ... len`, 1024 bytes by default) or a
/// syslog relay's.
///
/// A line cut after its accept date still makes a record: the fields before the cut hold what was logged, the
/// field the cut fell in keeps what was logged of it when it is text (the request line, captured headers) and
/// is lost otherwise (a number cut short is a wrong number), and every field after it is lost ("cut away").
/// A line cut before the end of its accept date makes no record: every row needs the date.
package struct LineCut: Hashable, Sendable {
    /// The first field the line lost, whole or in part.
    package var field: ParseFailure.Field
    /// Whether `field` keeps what was logged of it: a partial request line (its path and query as logged, no
    /// version) or partial captured headers. Otherwise `field` is lost like the fields after it.
    package var keepsPart: Bool

    package init(field: ParseFailure.Field, keepsPart: Bool) {
        self.field = field
        self.keepsPart = keepsPart
    }

    /// Whether the line lost `part`: it comes after the cut, or is the field cut and keeps nothing.
    func lost(_ part: ParseFailure.Field, in format: LogFormat) -> Bool {
        let order = Self.order(format)
        guard let at = order.firstIndex(of: part), let cutAt = order.firstIndex(of: field) else { return false }
        return at > cutAt || (at == cutAt && !keepsPart)
    }

    /// The cut of a line the parser found truncated (`failure`), or nil when the line cannot make a record: it
    /// ended before the end of its accept date. `lastByte` is the line's last byte (without trailing white space).
    ///
    /// The line ended before the field `failure` names, or inside it. Before it, the field read last may itself
    /// be cut short, unless it ended in a closing bracket, brace or quote, or in a `/` inside a group, or has a
    /// fixed width, so the cut is put at that field: a record never holds a number the cut may have shortened.
    static func of(
        _ failure: ParseFailure, lastByte: UInt8, spans: RecordSpans, format: LogFormat
    ) -> LineCut? {
        guard case .truncated(let named) = failure.reason else { return nil }
        var field = named
        let closed =
            lastByte == ASCII.closeBracket || lastByte == ASCII.closeBrace || lastByte == ASCII.quote
            || lastByte == ASCII.slash
        if format == .http && field == .request && spans.requestHeaderBlock != nil {
            // A closed request block may have been followed by a response block.
            if spans.responseHeaderBlock == nil { field = .responseHeaders }
        } else if !failure.endedInside && !closed {
            guard let previous = previousRead(before: field, spans: spans, format: format) else { return nil }
            // The termination state is read only when it has its four characters: it was whole.
            if previous != .terminationState { field = previous }
        }
        let order = order(format)
        guard let at = order.firstIndex(of: field), let date = order.firstIndex(of: .acceptDate), at > date else {
            return nil
        }
        return LineCut(field: field, keepsPart: false)
    }

    /// The field read just before `field`: the one before it in the layout, except that the HTTP layout's
    /// header blocks are there only when captures are configured.
    private static func previousRead(
        before field: ParseFailure.Field, spans: RecordSpans, format: LogFormat
    ) -> ParseFailure.Field? {
        let order = order(format)
        guard var index = order.firstIndex(of: field), index > 0 else { return nil }
        index -= 1
        if format == .http && spans.requestHeaderBlock == nil {
            while order[index] == .responseHeaders || order[index] == .requestHeaders { index -= 1 }
        }
        return order[index]
    }

    /// The fields of a layout in the order they are logged.
    static func order(_ format: LogFormat) -> [ParseFailure.Field] {
        switch format {
        case .http: httpOrder
        case .clf: clfOrder
        }
    }

    private static let httpOrder: [ParseFailure.Field] = [
        .clientAddress, .clientPort, .acceptDate, .frontend, .backend, .server, .requestTime, .queueTime,
        .connectTime, .responseTime, .totalTime, .status, .bytesRead, .requestCookie, .responseCookie,
        .terminationState, .activeConnections, .frontendConnections, .backendConnections, .serverConnections,
        .retries, .serverQueue, .backendQueue, .requestHeaders, .responseHeaders, .request,
    ]

    private static let clfOrder: [ParseFailure.Field] = [
        .origin, .clientAddress, .ident, .authUser, .acceptDate, .request, .status, .bytesRead, .referer,
        .userAgent, .clientPort, .acceptMilliseconds, .frontend, .backend, .server, .requestTime, .queueTime,
        .connectTime, .responseTime, .totalTime, .terminationState, .activeConnections, .frontendConnections,
        .backendConnections, .serverConnections, .retries, .serverQueue, .backendQueue, .requestCookie,
        .responseCookie, .capturedHeaders,
    ]
}
