/// Every field of an NCSA record, named in snake_case and typed, in line order: what `sluice logs parse` prints,
/// and what a declared column's `from:` names.
extension NCSARecord {
    package static let fields: [RecordField<NCSARecord>] = [
        .init("client_address", .string, { .string($0.clientAddress) }),
        .init("client_family", .string, { .string($0.clientFamily.rawValue) }),
        .init("ident", .string, { text($0.ident) }),
        .init("user", .string, { text($0.user) }),
        .init("time_local", .string, { .string($0.timeLocal) }),
        .init("timestamp", .timestamp, { .timestamp($0.timestamp) }),
        .init("request", .string, { text($0.request) }),
        .init("method", .string, { text($0.method) }),
        .init("path", .string, { text($0.path) }),
        .init("query", .string, { text($0.query) }),
        .init("http_version", .string, { text($0.httpVersion) }),
        .init("status", .int, { $0.status.map { .int(Int64($0)) } ?? .null }),
        .init("bytes_sent", .bigint, { $0.bytesSent.map(Row.Value.int) ?? .null }),
        .init("referer", .string, { text($0.referer) }),
        .init("user_agent", .string, { text($0.userAgent) }),
        .init("extra", .string, { text($0.extra) }),
        .init("truncated", .boolean, { .bool($0.truncated) }),
    ]

    /// The part of the line a field comes from (nil: before the request, never cut away by a kept line).
    static func part(of field: String) -> Part? {
        switch field {
        case "request", "method", "path", "query", "http_version": .request
        case "status": .status
        case "bytes_sent": .bytesSent
        case "referer": .referer
        case "user_agent": .userAgent
        case "extra": .extra
        default: nil
        }
    }

    private static func text(_ value: String?) -> Row.Value { value.map(Row.Value.string) ?? .null }
}
