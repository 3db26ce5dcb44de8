import SluiceProcessorKit

/// The columns of pipeline integrations-usage that a request does not log as such.
///
/// HAProxy captures two request headers, in this order: `capture request header Host len 128` and
/// `capture request header X-User-Id len 64`. Requests reach `/integrations/<integration id>/...` on
/// `<account id>.api.example.com`.
struct Transform: RecordTransform {
    func derive(_ record: HAProxyRecord, into row: inout Columns) throws(LineFailure) {
        row["requested_at"] = .string(Timestamps.athena(record.acceptTimestamp))
        row["client_ip"] = .string(record.clientAddress)
        guard let integration = Self.integrationID(record.path) else {
            throw LineFailure("no integration id in path \(record.path ?? "(none)")")
        }
        row["integration_id"] = .string(integration)
        let captured = record.requestHeaders ?? []
        guard let host = captured.first, let account = Self.accountID(host: host) else {
            throw LineFailure("no account in the captured Host header")
        }
        row["account_id"] = .string(account)
        if captured.count > 1, !captured[1].isEmpty {
            row["user_id"] = .string(captured[1])
        }
    }

    /// `int-0042` of `/integrations/int-0042/events`; nil when the path names none.
    static func integrationID(_ path: String?) -> String? {
        guard let path, path.hasPrefix("/integrations/") else { return nil }
        let id = path.dropFirst("/integrations/".count).prefix { $0 != "/" }
        return id.isEmpty ? nil : String(id)
    }

    /// `acct-000123` of `acct-000123.api.example.com` (a port or a trailing dot aside); nil for a bare domain.
    static func accountID(host: String) -> String? {
        let name = host.split(separator: ":").first.map(String.init)?.lowercased() ?? ""
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 3, !labels[0].isEmpty else { return nil }
        return String(labels[0])
    }
}
