/// Every field of an HAProxy record as a row, named in snake_case: what `sluice logs parse` prints, and the
/// fields a processor fills an output column of the same name from.
extension HAProxyRecord {
    /// Each field's column name and how to read it, in `row`'s order.
    public static let fields: [(name: String, value: @Sendable (HAProxyRecord) -> Row.Value)] = [
        ("format", { .string($0.format.rawValue) }),
        ("client_address", { .string($0.clientAddress) }),
        ("client_family", { .string($0.clientFamily.rawValue) }),
        ("client_port", { int($0.clientPort) }),
        ("accept_date", { .string($0.acceptDate) }),
        ("accept_timestamp_ms", { .int($0.acceptTimestamp) }),
        ("frontend", { .string($0.frontend) }),
        ("tls", { .bool($0.tls) }),
        ("backend", { .string($0.backend) }),
        ("server", { .string($0.server.name) }),
        ("request_time_ms", { int($0.requestTime) }),
        ("queue_time_ms", { int($0.queueTime) }),
        ("connect_time_ms", { int($0.connectTime) }),
        ("response_time_ms", { int($0.responseTime) }),
        ("total_time_ms", { int($0.totalTime) }),
        ("total_time_is_at_least", { .bool($0.totalTimeIsAtLeast) }),
        ("status", { int($0.statusCode) }),
        ("bytes_read", { .int(Int64($0.bytesRead)) }),
        ("bytes_read_is_at_least", { .bool($0.bytesReadIsAtLeast) }),
        ("request_cookie", { text($0.requestCookie) }),
        ("response_cookie", { text($0.responseCookie) }),
        ("termination_state", { .string($0.terminationState) }),
        ("active_connections", { .int(Int64($0.activeConnections)) }),
        ("frontend_connections", { .int(Int64($0.frontendConnections)) }),
        ("backend_connections", { .int(Int64($0.backendConnections)) }),
        ("server_connections", { .int(Int64($0.serverConnections)) }),
        ("retries", { .int(Int64($0.retries)) }),
        ("redispatched", { .bool($0.redispatched) }),
        ("server_queue", { .int(Int64($0.serverQueue)) }),
        ("backend_queue", { .int(Int64($0.backendQueue)) }),
        ("request_headers", { list($0.requestHeaders) }),
        ("response_headers", { list($0.responseHeaders) }),
        ("bad_request", { .bool($0.badRequest) }),
        ("method", { text($0.method) }),
        ("path", { text($0.path) }),
        ("query", { text($0.query) }),
        ("http_version", { text($0.httpVersion) }),
    ]

    /// Every field, in order.
    public var row: Row { Row(Self.fields.map { ($0.name, $0.value(self)) }) }

    private static func int(_ value: Int?) -> Row.Value { value.map { .int(Int64($0)) } ?? .null }
    private static func text(_ value: String?) -> Row.Value { value.map(Row.Value.string) ?? .null }
    private static func list(_ values: [String]?) -> Row.Value {
        values.map { .string($0.joined(separator: "|")) } ?? .null
    }
}
