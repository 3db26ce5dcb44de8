import SluiceProcessorKit

/// The columns of pipeline integrations-usage that a request does not log as such.
///
/// HAProxy captures two request headers, in this order: `capture request header Host len 128` and
/// `capture request header X-User-Id len 64`. Requests reach `/integrations/<integration id>/...` on
/// `<account id>.api.example.com`.
struct Transform: RecordTransform {
    // The columns this transform sets, resolved to their positions once, when the processor starts: a table
    // without one of them stops it there, not on every line.
    let requestedAt: ColumnHandle
    let clientIP: ColumnHandle
    let integrationID: ColumnHandle
    let accountID: ColumnHandle
    let userID: ColumnHandle

    init(columns: ColumnLayout) throws {
        requestedAt = try columns.require("requested_at")
        clientIP = try columns.require("client_ip")
        integrationID = try columns.require("integration_id")
        accountID = try columns.require("account_id")
        userID = try columns.require("user_id")
    }

    func derive(_ record: HAProxyRecord, into row: inout Columns) throws(LineFailure) {
        row[requestedAt] = .timestamp(record.acceptTimestamp)
        row[clientIP] = .string(record.clientAddress)
        guard let integration = Self.integrationID(record.path) else {
            throw LineFailure("no integration id in path \(record.path ?? "(none)")")
        }
        row[integrationID] = .string(integration)
        let captured = record.requestHeaders ?? []
        guard let host = captured.first, let account = Self.accountID(host: host) else {
            throw LineFailure("no account in the captured Host header")
        }
        row[accountID] = .string(account)
        if captured.count > 1, !captured[1].isEmpty {
            row[userID] = .string(captured[1])
        }
    }

    // Both helpers work on UTF-8 bytes: Character-by-Character splitting would cost more than the parse itself.

    /// `int-0042` of `/integrations/int-0042/events`, or of the absolute form HAProxy logs for HTTP/2
    /// (`https://host/integrations/int-0042/events`); nil when the path names none.
    static func integrationID(_ path: String?) -> String? {
        guard var bytes = path?.utf8[...] else { return nil }
        if bytes.first != UInt8(ascii: "/") {
            // The absolute form: a scheme, "://", the authority, then the path.
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), bytes[..<colon].allSatisfy(isSchemeByte),
                bytes[colon...].starts(with: "://".utf8)
            else { return nil }
            let authority = bytes[bytes.index(colon, offsetBy: 3)...]
            bytes = authority[(authority.firstIndex(of: UInt8(ascii: "/")) ?? authority.endIndex)...]
        }
        let prefix = "/integrations/".utf8
        guard bytes.starts(with: prefix) else { return nil }
        let id = bytes.dropFirst(prefix.count).prefix { $0 != UInt8(ascii: "/") }
        return id.isEmpty ? nil : String(Substring(id))
    }

    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    /// `acct-000123` of `acct-000123.api.example.com` (lower-cased); nil for a name of fewer than three labels.
    static func accountID(host: String) -> String? {
        let name = host.utf8.prefix { $0 != UInt8(ascii: ":") }
        guard let dot = name.firstIndex(of: UInt8(ascii: ".")), dot > name.startIndex,
            name[name.index(after: dot)...].contains(UInt8(ascii: "."))
        else { return nil }
        return String(Substring(name[..<dot])).lowercased()
    }
}
