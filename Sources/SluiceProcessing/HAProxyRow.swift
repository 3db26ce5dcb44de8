/// Every field of an HAProxy record, named in snake_case and typed: what `sluice logs parse` prints, and the
/// fields a processor fills an output column of the same name from.
extension HAProxyRecord {
    /// Each field's column name, type and how to read it, in `namedValues`' order.
    public static let fields: [RecordField<HAProxyRecord>] = [
        .init("format", .string, { .string($0.format.rawValue) }),
        .init("client_address", .string, { .string($0.clientAddress) }),
        .init("client_family", .string, { .string($0.clientFamily.rawValue) }),
        .init("client_port", .int, { int($0.clientPort) }),
        .init("accept_date", .string, { .string($0.acceptDate) }),
        .init("accept_timestamp_ms", .bigint, { .int($0.acceptTimestamp) }),
        .init("frontend", .string, { .string($0.frontend) }),
        .init("tls", .boolean, { .bool($0.tls) }),
        .init("backend", .string, { .string($0.backend) }),
        .init("server", .string, { .string($0.server.name) }),
        .init("request_time_ms", .int, { int($0.requestTime) }),
        .init("queue_time_ms", .int, { int($0.queueTime) }),
        .init("connect_time_ms", .int, { int($0.connectTime) }),
        .init("response_time_ms", .int, { int($0.responseTime) }),
        .init("total_time_ms", .int, { int($0.totalTime) }),
        .init("total_time_is_at_least", .boolean, { .bool($0.totalTimeIsAtLeast) }),
        .init("status", .int, { int($0.statusCode) }),
        .init("bytes_read", .bigint, { .int(Int64($0.bytesRead)) }),
        .init("bytes_read_is_at_least", .boolean, { .bool($0.bytesReadIsAtLeast) }),
        .init("request_cookie", .string, { text($0.requestCookie) }),
        .init("response_cookie", .string, { text($0.responseCookie) }),
        .init("termination_state", .string, { .string($0.terminationState) }),
        .init("active_connections", .int, { .int(Int64($0.activeConnections)) }),
        .init("frontend_connections", .int, { .int(Int64($0.frontendConnections)) }),
        .init("backend_connections", .int, { .int(Int64($0.backendConnections)) }),
        .init("server_connections", .int, { .int(Int64($0.serverConnections)) }),
        .init("retries", .int, { .int(Int64($0.retries)) }),
        .init("redispatched", .boolean, { .bool($0.redispatched) }),
        .init("server_queue", .int, { .int(Int64($0.serverQueue)) }),
        .init("backend_queue", .int, { .int(Int64($0.backendQueue)) }),
        .init("request_headers", .string, { list($0.requestHeaders) }),
        .init("response_headers", .string, { list($0.responseHeaders) }),
        .init("bad_request", .boolean, { .bool($0.badRequest) }),
        .init("method", .string, { text($0.method) }),
        .init("path", .string, { text($0.path) }),
        .init("query", .string, { text($0.query) }),
        .init("http_version", .string, { text($0.httpVersion) }),
    ]

    /// Every field, by name, in order.
    public var namedValues: NamedValues { NamedValues(Self.fields.map { ($0.name, $0.value(self)) }) }

    private static func int(_ value: Int?) -> Row.Value { value.map { .int(Int64($0)) } ?? .null }
    private static func text(_ value: String?) -> Row.Value { value.map(Row.Value.string) ?? .null }
    private static func list(_ values: [String]?) -> Row.Value {
        values.map { .string($0.joined(separator: "|")) } ?? .null
    }
}
