/// Why a line is not an HAProxy access-log record, and where the parser gave up.
///
/// Every bad line is quarantined with this, so both parts are meant for machines: `reason` is a small enum
/// and `code` a short stable string such as `truncated:status`; `offset` counts bytes from the start of the
/// line as given, syslog prefix included.
package struct ParseFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong.
    package enum Reason: Hashable, Sendable {
        /// The line holds nothing but white space.
        case empty
        /// The line ends before or inside the field.
        case truncated(field: Field)
        /// The field should be a number and holds something else (or nothing).
        case badNumber(field: Field)
        /// A number too large for its field, including one too large for `Int`.
        case outOfRange(field: Field)
        /// The accept date is not `dd/Mon/yyyy:HH:MM:SS.mmm` (or, in CLF, `dd/Mon/yyyy:HH:MM:SS +zzzz`), or
        /// names a day that does not exist.
        case badDate
        /// A byte that the format does not allow here, such as a missing separator or bracket.
        case unexpected(field: Field)
    }

    /// The fields the parser names in its failures; raw values are the snake_case names used in `code`.
    package enum Field: String, Hashable, Sendable, CaseIterable {
        case syslogPrefix = "syslog_prefix"
        case origin
        case clientAddress = "client_address"
        case clientPort = "client_port"
        case ident
        case authUser = "auth_user"
        case acceptDate = "accept_date"
        case acceptMilliseconds = "accept_milliseconds"
        case frontend
        case backend
        case server
        case requestTime = "request_time"
        case queueTime = "queue_time"
        case connectTime = "connect_time"
        case responseTime = "response_time"
        case totalTime = "total_time"
        case status
        case bytesRead = "bytes_read"
        case referer
        case userAgent = "user_agent"
        case requestCookie = "request_cookie"
        case responseCookie = "response_cookie"
        case terminationState = "termination_state"
        case activeConnections = "active_connections"
        case frontendConnections = "frontend_connections"
        case backendConnections = "backend_connections"
        case serverConnections = "server_connections"
        case retries
        case serverQueue = "server_queue"
        case backendQueue = "backend_queue"
        case requestHeaders = "request_headers"
        case responseHeaders = "response_headers"
        case capturedHeaders = "captured_headers"
        case request
    }

    /// What was wrong.
    package var reason: Reason
    /// Bytes from the start of the line to where the problem was found; for a truncated line, its length
    /// without trailing white space.
    package var offset: Int
    /// For a truncated line: it ended inside the field (after its opening quote or brace, or inside a token the
    /// field reads whole), not before it. Tells the parser which field a logger's cut fell in; not part of the
    /// failure's identity.
    var endedInside = false

    /// A failure at a byte offset.
    package init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// A truncated line that ended inside `field`.
    static func endedInside(_ field: Field, at offset: Int) -> ParseFailure {
        var failure = ParseFailure(.truncated(field: field), at: offset)
        failure.endedInside = true
        return failure
    }

    package static func == (lhs: ParseFailure, rhs: ParseFailure) -> Bool {
        lhs.reason == rhs.reason && lhs.offset == rhs.offset
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(reason)
        hasher.combine(offset)
    }

    /// The reason as a short stable string: `empty`, `bad_date`, or a kind and a field such as
    /// `bad_number:bytes_read`.
    package var code: String {
        switch reason {
        case .empty: "empty"
        case .badDate: "bad_date"
        case .truncated(let field): "truncated:" + field.rawValue
        case .badNumber(let field): "bad_number:" + field.rawValue
        case .outOfRange(let field): "out_of_range:" + field.rawValue
        case .unexpected(let field): "unexpected:" + field.rawValue
        }
    }

    package var description: String { "\(code) at byte \(offset)" }
}
