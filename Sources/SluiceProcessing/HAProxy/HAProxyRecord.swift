/// One HAProxy access-log line, field by field, in either layout.
///
/// Timers are milliseconds, and nil where HAProxy logged `-1` (the step never happened, such as the connect
/// time of a request that was refused in the frontend). Text is decoded as UTF-8 with invalid bytes replaced
/// by U+FFFD, so a URL with raw Latin-1 bytes still makes a record. HAProxy's own `#XX` escapes (of `"`, `#`,
/// `{`, `|`, `}` and control bytes in the request line and captured headers) are kept as logged.
package struct HAProxyRecord: Hashable, Sendable {
    /// What kind of client address `clientAddress` holds.
    package enum AddressFamily: String, Hashable, Sendable {
        case ipv4
        case ipv6
        /// A unix socket: the address is the text as logged (`unix:...`, or `unix` in CLF) and there is no port.
        case unix
        /// HAProxy logged `-`: the connection had no address it could print.
        case unknown
    }

    /// The server that handled the request, or HAProxy's marker for none.
    package enum Server: Hashable, Sendable {
        case named(String)
        /// `<NOSRV>`: no server was reached (refused, redirected, or queued and aborted).
        case noServer
        /// `<STATS>`: HAProxy's statistics page answered.
        case stats

        /// The name as HAProxy logs it, markers included.
        package var name: String {
            switch self {
            case .named(let name): name
            case .noServer: "<NOSRV>"
            case .stats: "<STATS>"
            }
        }
    }

    /// The layout the line was read as.
    package var format: LogFormat

    /// `%ci`: the client's address, IPv6 without brackets.
    package var clientAddress: String
    package var clientFamily: AddressFamily
    /// `%cp`: nil for a unix socket (HAProxy prints the listener's id there, not a port) or a logged `-`.
    package var clientPort: Int?

    /// The accept date as logged, between its brackets: `06/Feb/2024:12:14:14.655` (`%tr`, HAProxy's local
    /// time; HAProxy 1.2 logged it without milliseconds) or, in CLF, `06/Feb/2024:12:14:14 +0000` (`%trg`).
    package var acceptDate: String
    /// The accept date in milliseconds since 1970-01-01T00:00:00Z. `%tr` has no zone and is taken as UTC (run
    /// HAProxy in UTC, as containers and AWS hosts do by default, or shift by the zone's offset); CLF's date
    /// is converted with its offset and gets its milliseconds from `%ms` (whole seconds if the logger cut the
    /// line before them).
    package var acceptTimestamp: Int64

    /// `%ft` without the `~` that marks a TLS listener.
    package var frontend: String
    /// The frontend name ended in `~`: the client connected over TLS.
    package var tls: Bool
    /// `%b`.
    package var backend: String
    /// `%s`.
    package var server: Server

    /// `%TR`: time to receive the full request after the first byte.
    package var requestTime: Int?
    /// `%Tw`: time waiting in queues.
    package var queueTime: Int?
    /// `%Tc`: time to connect to the server.
    package var connectTime: Int?
    /// `%Tr`: the server's response time (until its headers).
    package var responseTime: Int?
    /// `%Ta`: total active time of the request.
    package var totalTime: Int?
    /// The total carried `+` (`option logasap`: logged before the transfer ended, so it is a lower bound).
    package var totalTimeIsAtLeast: Bool

    /// `%ST`: the status code; nil where HAProxy logged `-1` (the connection broke before a response).
    package var statusCode: Int?
    /// `%B`: bytes sent to the client, headers included.
    package var bytesRead: Int
    /// The byte count carried `+` (`option logasap`): a lower bound.
    package var bytesReadIsAtLeast: Bool

    /// `%CC`: the captured request cookie; nil when HAProxy logged none (`-`, or `""` in CLF).
    package var requestCookie: String?
    /// `%CS`: the captured response cookie; nil when HAProxy logged none.
    package var responseCookie: String?
    /// `%tsc`: the four-character termination state, such as `----` or `CD--`.
    package var terminationState: String

    /// `%ac`: connections the process had open.
    package var activeConnections: Int
    /// `%fc`: connections the frontend had open.
    package var frontendConnections: Int
    /// `%bc`: connections the backend had open.
    package var backendConnections: Int
    /// `%sc`: connections the server had open.
    package var serverConnections: Int
    /// `%rc`: connection retries.
    package var retries: Int
    /// The retry count carried `+`: the request was redispatched to another server.
    package var redispatched: Bool
    /// `%sq`: requests ahead of this one in the server's queue.
    package var serverQueue: Int
    /// `%bq`: requests ahead of this one in the backend's queue.
    package var backendQueue: Int

    /// Captured request header values, in capture order; nil when none are configured. A header the request
    /// did not have is an empty string, so `{}` (one capture) is `[""]`.
    ///
    /// In the HTTP layout these come from the first `{...}` block; HAProxy prints a block only for a
    /// direction with captures, so a lone block is taken as the request's (see `withCapturedHeaders`). In CLF,
    /// `%hrl %hsl` print every value as its own quoted field with nothing marking where the response's begin, so
    /// all of them are here and `responseHeaders` is nil until `withCapturedHeaders` splits them.
    package var requestHeaders: [String]?
    /// Captured response header values: the second `{...}` block of the HTTP layout.
    package var responseHeaders: [String]?

    /// The request line was `<BADREQ>` (or empty, `""`: the client sent none): HAProxy could not parse it, and
    /// method, path, query and version are nil. False for a request line the logger cut.
    package var badRequest: Bool
    /// The method, such as `GET`.
    package var method: String?
    /// The request target up to `?`, as logged: `/index.html`, or `https://example.com/` as HTTP/2 requests are
    /// logged, or `host:443` for `CONNECT`; what was logged of it when the logger cut the line inside it.
    package var path: String?
    /// What follows the first `?` of the target (nil without one; empty for a bare `?`).
    package var query: String?
    /// The protocol, such as `HTTP/1.1`; nil for an HTTP/0.9-style line without one, or a request line the
    /// logger cut.
    package var httpVersion: String?

    /// Where the logger cut the line (see `LineCut`); nil for a whole line. The fields it lost hold placeholders
    /// (empty text, zero, false, nil): ask `lost(_:)` before trusting one of a truncated record.
    package var cut: LineCut? = nil

    /// The logger cut the line: the record holds what was logged.
    package var truncated: Bool { cut != nil }

    /// Whether the logger cut the line before the field `part` (or inside it, for a field that keeps nothing
    /// of what was logged), so the record does not know it.
    package func lost(_ part: ParseFailure.Field) -> Bool {
        guard let cut else { return false }
        return cut.lost(part, in: format)
    }

    /// The record with its captured header values re-divided: the first `requestCount` (of request and
    /// response values together) are the request's, the rest the response's.
    ///
    /// The line alone cannot tell which direction a lone HTTP block or CLF's list belongs to; the HAProxy
    /// configuration can, so the processor, which knows how many `capture request header` lines it has, calls
    /// this. A direction left with no values is nil.
    package func withCapturedHeaders(requestCount: Int) -> HAProxyRecord {
        let all = (requestHeaders ?? []) + (responseHeaders ?? [])
        let split = min(max(requestCount, 0), all.count)
        var copy = self
        copy.requestHeaders = split > 0 ? Array(all[..<split]) : nil
        copy.responseHeaders = split < all.count ? Array(all[split...]) : nil
        return copy
    }
}
