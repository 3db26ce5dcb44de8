/// The values of HAProxy records a declaration can name beyond their fields by name: a captured header by its
/// index (`request_headers[0]`, `response_headers[1]`), and the accept date as the instant it is
/// (`accept_timestamp_ms` in a `timestamp` column). Everything else goes through `defaultReader`, which knows the
/// fields and what a line cut by the logger lost.
extension HAProxyRecordFormat {
    package static func reader(_ path: FieldPath, for type: ColumnType) throws(FieldResolutionError)
        -> FieldReader<HAProxyRecord>
    {
        if path.steps.count == 2, case .key(let key) = path.steps[0], case .index(let index) = path.steps[1],
            key == "request_headers" || key == "response_headers"
        {
            return try capturedHeader(key, index, for: type)
        }
        if path.singleKey == "accept_timestamp_ms", type == .timestamp {
            return FieldReader { record in .success(.timestamp(record.acceptTimestamp)) }
        }
        return try defaultReader(path, for: type)
    }

    /// The `index`th captured header of `key`'s direction, in capture order (`capture request header Host` first,
    /// and so on): null when HAProxy logged it empty (it logs an absent header so), when fewer were captured, or
    /// when the line was cut before it.
    private static func capturedHeader(_ key: String, _ index: Int, for type: ColumnType) throws(FieldResolutionError)
        -> FieldReader<HAProxyRecord>
    {
        guard type == .string else {
            throw FieldResolutionError(
                "captured headers are text, which a \(type.rawValue) column cannot hold: declare it string")
        }
        let isRequest = key == "request_headers"
        return FieldReader { record in
            let values = isRequest ? record.requestHeaders : record.responseHeaders
            guard let values, index < values.count else {
                if isTruncated(record), wasCutAway(key, in: record) { return .failure(cutAwayFailure(key)) }
                return .success(.null)
            }
            let value = values[index]
            return .success(value.isEmpty ? .null : .string(value))
        }
    }
}
