/// One NCSA access-log line (`combined` or `common`), field by field.
///
/// Quoted fields and the ident and user are decoded: nginx's `\xHH` and Apache's `\"`, `\\`, `\xhh`, `\n`...
/// escapes become the bytes they stand for (see `EscapedText` for the rule that keeps the text valid UTF-8).
/// `-`, the loggers' absent value, is nil. A line the logger cut short keeps what was logged (see `cutAway`).
package struct NCSARecord: Hashable, Sendable {
    /// What kind of client address `clientAddress` holds.
    package enum AddressFamily: String, Hashable, Sendable {
        case ipv4
        case ipv6
        /// A host name: Apache's `HostnameLookups On` logs the client's name in place of its address.
        case name
        /// nginx logs `unix:` for a client connected through a unix socket (a proxy in front of it).
        case unix
    }

    /// The parts of a line after its date, in line order: where a line the logger cut stops.
    package enum Part: Int, Hashable, Sendable, Comparable {
        case request
        case status
        case bytesSent
        case referer
        case userAgent
        /// What follows the standard fields (`extra`).
        case extra

        package static func < (lhs: Part, rhs: Part) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// `%h` / `$remote_addr`: an IPv4 or IPv6 address (without brackets), or a host name.
    package var clientAddress: String
    package var clientFamily: AddressFamily
    /// `%l`: the identd answer, which no one runs any more; nil for `-`.
    package var ident: String?
    /// `%u` / `$remote_user`: the authenticated user; nil for `-`.
    package var user: String?
    /// The date as logged, between its brackets: `10/Oct/2000:13:55:36 -0700`.
    package var timeLocal: String
    /// The date in milliseconds since 1970-01-01T00:00:00Z, its zone offset applied (whole seconds).
    package var timestamp: Int64
    /// The request line as logged (decoded): `GET /index.html HTTP/1.1`; nil for `-` or `""` (nginx and Apache
    /// log those for a connection that sent no request before it closed or timed out), or when cut away.
    package var request: String?
    /// The request line's method, such as `GET`; nil when the line is not `METHOD TARGET VERSION` shaped
    /// (bytes of a TLS handshake sent to a plain port, say).
    package var method: String?
    /// The request target up to its first `?`.
    package var path: String?
    /// What follows the target's first `?` (nil without one; empty for a bare `?`).
    package var query: String?
    /// The last word of the request line when it starts with `HTTP/`; nil for HTTP/0.9's `GET /`.
    package var httpVersion: String?
    /// `%>s` / `$status`: three digits; nil only when the logger cut the line before it.
    package var status: Int?
    /// `%b` / `$body_bytes_sent`: body bytes sent, 0 for Apache's `-`; nil only when cut away.
    package var bytesSent: Int64?
    /// The Referer header (`combined` only); nil for `-`.
    package var referer: String?
    /// The User-Agent header (`combined` only); nil for `-`.
    package var userAgent: String?
    /// What follows the standard fields, as logged (escapes kept): the `$request_time` and such that
    /// configurations append. Nil when nothing follows.
    package var extra: String?
    /// The first part the logger cut away: nil for a whole line. A line cut inside a quoted field keeps that
    /// field as far as it was logged, and the parts after it are cut away.
    package var cutAway: Part?

    /// Whether the logger cut the line.
    package var truncated: Bool { cutAway != nil }
}
