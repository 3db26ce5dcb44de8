/// Every field of an HAProxy record as a row, named in snake_case: what `sluice logs parse` prints, and the
/// fields a processor's transform picks its columns from.
extension HAProxyRecord {
    public var row: Row {
        func int(_ value: Int?) -> Row.Value { value.map { .int(Int64($0)) } ?? .null }
        func text(_ value: String?) -> Row.Value { value.map(Row.Value.string) ?? .null }
        func list(_ values: [String]?) -> Row.Value { values.map { .string($0.joined(separator: "|")) } ?? .null }
        return Row([
            ("format", .string(format.rawValue)),
            ("client_address", .string(clientAddress)),
            ("client_family", .string(clientFamily.rawValue)),
            ("client_port", int(clientPort)),
            ("accept_date", .string(acceptDate)),
            ("accept_timestamp_ms", .int(acceptTimestamp)),
            ("frontend", .string(frontend)),
            ("tls", .bool(tls)),
            ("backend", .string(backend)),
            ("server", .string(server.name)),
            ("request_time_ms", int(requestTime)),
            ("queue_time_ms", int(queueTime)),
            ("connect_time_ms", int(connectTime)),
            ("response_time_ms", int(responseTime)),
            ("total_time_ms", int(totalTime)),
            ("total_time_is_at_least", .bool(totalTimeIsAtLeast)),
            ("status", int(statusCode)),
            ("bytes_read", .int(Int64(bytesRead))),
            ("bytes_read_is_at_least", .bool(bytesReadIsAtLeast)),
            ("request_cookie", text(requestCookie)),
            ("response_cookie", text(responseCookie)),
            ("termination_state", .string(terminationState)),
            ("active_connections", .int(Int64(activeConnections))),
            ("frontend_connections", .int(Int64(frontendConnections))),
            ("backend_connections", .int(Int64(backendConnections))),
            ("server_connections", .int(Int64(serverConnections))),
            ("retries", .int(Int64(retries))),
            ("redispatched", .bool(redispatched)),
            ("server_queue", .int(Int64(serverQueue))),
            ("backend_queue", .int(Int64(backendQueue))),
            ("request_headers", list(requestHeaders)),
            ("response_headers", list(responseHeaders)),
            ("bad_request", .bool(badRequest)),
            ("method", text(method)),
            ("path", text(path)),
            ("query", text(query)),
            ("http_version", text(httpVersion)),
        ])
    }
}
