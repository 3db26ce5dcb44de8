/// The NCSA access-log formats nginx and Apache write, `combined` and `common`: both parse into an `NCSARecord`,
/// so a transform written for one works with the other.
package protocol NCSARecordFormat: RecordFormat where Record == NCSARecord {
    /// The parser's layout.
    static var layout: NCSALayout { get }
}

extension NCSARecordFormat {
    package static func parse(_ line: ArraySlice<UInt8>) -> Result<NCSARecord, LineFailure> {
        switch NCSAParser.parse(line, layout: layout) {
        case .success(let record): .success(record)
        case .failure(let failure): .failure(LineFailure("not an NCSA \(id.rawValue) line: \(failure)"))
        }
    }

    package static var fields: [RecordField<NCSARecord>] { NCSARecord.fields }

    /// The logged date (`%t`, `$time_local`).
    package static func eventTime(_ record: NCSARecord) -> Int64? { record.timestamp }

    package static func isTruncated(_ record: NCSARecord) -> Bool { record.truncated }

    /// A field of a part at or after the first part the logger cut away. The referer and user agent are no part
    /// of a `common` line, so never cut away there.
    package static func wasCutAway(_ field: String, in record: NCSARecord) -> Bool {
        guard let cutAway = record.cutAway, let part = NCSARecord.part(of: field) else { return false }
        if layout == .common && (part == .referer || part == .userAgent) { return false }
        return part >= cutAway
    }

    /// The standard fields a table wants, named as the fields, except two whose names are reserved words in
    /// Athena's DDL: the date is a `requested_at` timestamp column (`from: timestamp`) and the user `remote_user`.
    /// Left out: `ident` (no one runs identd), `time_local` and `request` (the timestamp and the request's parts
    /// say the same), `client_family`, `extra` (its layout is the site's own: declare columns for it by hand) and
    /// `truncated`.
    package static func proposedColumns(_ sample: [NCSARecord]) -> [ProposedColumn] {
        var columns = [
            ProposedColumn(
                name: "requested_at", type: .timestamp, from: "timestamp",
                comment: "When the request was logged ([%t], its zone applied), UTC"),
            ProposedColumn(name: "client_address", type: .string, comment: "The client's IPv4 or IPv6 address (%h)"),
            ProposedColumn(
                name: "remote_user", type: .string, from: "user",
                comment: "The authenticated user (%u); null when none"),
            ProposedColumn(name: "method", type: .string, comment: "The request method, such as GET"),
            ProposedColumn(name: "path", type: .string, comment: "The request target up to its first '?'"),
            ProposedColumn(name: "query", type: .string, comment: "The target after its first '?'; null without one"),
            ProposedColumn(name: "http_version", type: .string, comment: "The protocol, such as HTTP/1.1"),
            ProposedColumn(name: "status", type: .int, comment: "The response status (%>s)"),
            ProposedColumn(name: "bytes_sent", type: .bigint, comment: "Body bytes sent to the client (%b)"),
        ]
        if layout == .combined {
            columns += [
                ProposedColumn(name: "referer", type: .string, comment: "The Referer header; null when none"),
                ProposedColumn(name: "user_agent", type: .string, comment: "The User-Agent header; null when none"),
            ]
        }
        return columns
    }
}

/// nginx's default `combined` and Apache's `%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"`.
package enum NCSACombinedFormat: NCSARecordFormat {
    package static let id = LogFormatID.combined
    package static let layout = NCSALayout.combined
}

/// Apache's `common`, `%h %l %u %t "%r" %>s %b`.
package enum NCSACommonFormat: NCSARecordFormat {
    package static let id = LogFormatID.common
    package static let layout = NCSALayout.common
}
