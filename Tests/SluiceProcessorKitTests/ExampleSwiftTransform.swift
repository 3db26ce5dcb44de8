import SluiceProcessing
import SluiceProcessorKit

/// The Swift transform pipeline integrations-usage had before its columns were declared (test-only code: the
/// reference the declarations are compared with, `DeclaredExampleTests`). The columns of pipeline
/// integrations-usage that a request does not log as such.
///
/// HAProxy captures two request headers, in this order: `capture request header Host len 128` and
/// `capture request header X-User-Id len 64`. Requests reach `/integrations/<integration id>/...` on
/// `<account id>.api.example.com`.
struct ExampleSwiftTransform: RecordTransform {
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

    // Both helpers read the string's UTF-8 bytes in place, by integer offsets: Character-by-Character splitting
    // would cost more than the parse itself, and even String.UTF8View's indices cost 8% of a processor's time.

    /// `int-0042` of `/integrations/int-0042/events`, or of the absolute form HAProxy logs for HTTP/2
    /// (`https://host/integrations/int-0042/events`); nil when the path names none.
    static func integrationID(_ path: String?) -> String? {
        guard let path else { return nil }
        return withBytes(path) { bytes -> String? in
            var start = 0
            if bytes.first != UInt8(ascii: "/") {
                // The absolute form: a scheme, "://", the authority, then the path.
                guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), bytes[..<colon].allSatisfy(isSchemeByte),
                    bytes[colon...].starts(with: "://".utf8)
                else { return nil }
                start = bytes[(colon + 3)...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.count
            }
            guard bytes[start...].starts(with: integrationsPrefix) else { return nil }
            let idStart = start + integrationsPrefix.count
            let idEnd = bytes[idStart...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.count
            guard idEnd > idStart else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[idStart..<idEnd]), as: UTF8.self)
        }
    }

    private static let integrationsPrefix = Array("/integrations/".utf8)

    /// Runs `body` over the UTF-8 bytes of `text`: in place for a native string, a copy for a bridged one.
    private static func withBytes<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        text.utf8.withContiguousStorageIfAvailable(body) ?? Array(text.utf8).withUnsafeBufferPointer(body)
    }

    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    /// `acct-000123` of `acct-000123.api.example.com` (lower-cased); nil for a name of fewer than three labels.
    static func accountID(host: String) -> String? {
        withBytes(host) { bytes -> String? in
            let end = bytes.firstIndex(of: UInt8(ascii: ":")) ?? bytes.count
            guard let dot = bytes[..<end].firstIndex(of: UInt8(ascii: ".")), dot > 0,
                bytes[(dot + 1)..<end].contains(UInt8(ascii: "."))
            else { return nil }
            let label = UnsafeBufferPointer(rebasing: bytes[..<dot])
            // ASCII (host names are) lower-cased byte by byte; anything else as String.lowercased() does it.
            guard label.allSatisfy({ $0 < 0x80 }) else { return String(decoding: label, as: UTF8.self).lowercased() }
            return String(unsafeUninitializedCapacity: label.count) { out in
                for (index, byte) in label.enumerated() {
                    out[index] = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
                }
                return label.count
            }
        }
    }
}
