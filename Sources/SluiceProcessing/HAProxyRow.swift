/// Every field of an HAProxy record, named in snake_case and typed: what `sluice logs parse` prints, and the
/// fields a processor fills an output column of the same name from.
extension HAProxyRecord {
    /// Each field's column name, type and how to read it, in `namedValues`' order.
    ///
    /// A field the logger cut away (`lost(_:)`) is null, whatever the record holds in its place.
    package static let fields: [RecordField<HAProxyRecord>] = columns.map { name, type, part, value in
        guard let part else { return RecordField(name, type, value) }
        return RecordField(name, type) { record in
            record.cut != nil && record.lost(record.layoutPart(part)) ? .null : value(record)
        }
    }

    private typealias Column = (
        name: String, type: ColumnType, part: ParseFailure.Field?, value: @Sendable (HAProxyRecord) -> Row.Value
    )

    /// Each field, the part of the line it comes from (in the HTTP layout's terms) and how to read it.
    private static let columns: [Column] = [
        field("format", .string, nil, { .string($0.format.rawValue) }),
        field("client_address", .string, .clientAddress, { .string($0.clientAddress) }),
        field("client_family", .string, .clientAddress, { .string($0.clientFamily.rawValue) }),
        field("client_port", .int, .clientPort, { int($0.clientPort) }),
        field("accept_date", .string, .acceptDate, { .string($0.acceptDate) }),
        field("accept_timestamp_ms", .bigint, .acceptDate, { .int($0.acceptTimestamp) }),
        field("frontend", .string, .frontend, { .string($0.frontend) }),
        field("tls", .boolean, .frontend, { .bool($0.tls) }),
        field("backend", .string, .backend, { .string($0.backend) }),
        field("server", .string, .server, { .string($0.server.name) }),
        field("request_time_ms", .int, .requestTime, { int($0.requestTime) }),
        field("queue_time_ms", .int, .queueTime, { int($0.queueTime) }),
        field("connect_time_ms", .int, .connectTime, { int($0.connectTime) }),
        field("response_time_ms", .int, .responseTime, { int($0.responseTime) }),
        field("total_time_ms", .int, .totalTime, { int($0.totalTime) }),
        field("total_time_is_at_least", .boolean, .totalTime, { .bool($0.totalTimeIsAtLeast) }),
        field("status", .int, .status, { int($0.statusCode) }),
        field("bytes_read", .bigint, .bytesRead, { .int(Int64($0.bytesRead)) }),
        field("bytes_read_is_at_least", .boolean, .bytesRead, { .bool($0.bytesReadIsAtLeast) }),
        field("request_cookie", .string, .requestCookie, { text($0.requestCookie) }),
        field("response_cookie", .string, .responseCookie, { text($0.responseCookie) }),
        field("termination_state", .string, .terminationState, { .string($0.terminationState) }),
        field("active_connections", .int, .activeConnections, { .int(Int64($0.activeConnections)) }),
        field("frontend_connections", .int, .frontendConnections, { .int(Int64($0.frontendConnections)) }),
        field("backend_connections", .int, .backendConnections, { .int(Int64($0.backendConnections)) }),
        field("server_connections", .int, .serverConnections, { .int(Int64($0.serverConnections)) }),
        field("retries", .int, .retries, { .int(Int64($0.retries)) }),
        field("redispatched", .boolean, .retries, { .bool($0.redispatched) }),
        field("server_queue", .int, .serverQueue, { .int(Int64($0.serverQueue)) }),
        field("backend_queue", .int, .backendQueue, { .int(Int64($0.backendQueue)) }),
        field("request_headers", .string, .requestHeaders, { list($0.requestHeaders) }),
        field("response_headers", .string, .responseHeaders, { list($0.responseHeaders) }),
        field("bad_request", .boolean, .request, { .bool($0.badRequest) }),
        field("method", .string, .request, { text($0.method) }),
        field("path", .string, .request, { text($0.path) }),
        field("query", .string, .request, { text($0.query) }),
        field("http_version", .string, .request, { text($0.httpVersion) }),
        field("truncated", .boolean, nil, { .bool($0.truncated) }),
    ]

    /// Whether the logger cut the line before the field a column of `fields` named `name` reads (see
    /// `lost(_:)`); false for a name that is not one of them.
    package func lost(field name: String) -> Bool {
        guard cut != nil, let part = Self.parts[name] else { return false }
        return lost(layoutPart(part))
    }

    private static let parts: [String: ParseFailure.Field] = Dictionary(
        uniqueKeysWithValues: columns.compactMap { column in column.part.map { (column.name, $0) } })

    /// CLF logs the captured headers of both directions as one list.
    private func layoutPart(_ part: ParseFailure.Field) -> ParseFailure.Field {
        format == .clf && (part == .requestHeaders || part == .responseHeaders) ? .capturedHeaders : part
    }

    private static func field(
        _ name: String, _ type: ColumnType, _ part: ParseFailure.Field?,
        _ value: @escaping @Sendable (HAProxyRecord) -> Row.Value
    ) -> Column {
        (name, type, part, value)
    }

    /// Every field, by name, in order.
    package var namedValues: NamedValues { NamedValues(Self.fields.map { ($0.name, $0.value(self)) }) }

    private static func int(_ value: Int?) -> Row.Value { value.map { .int(Int64($0)) } ?? .null }
    private static func text(_ value: String?) -> Row.Value { value.map(Row.Value.string) ?? .null }
    private static func list(_ values: [String]?) -> Row.Value {
        values.map { .string($0.joined(separator: "|")) } ?? .null
    }
}
