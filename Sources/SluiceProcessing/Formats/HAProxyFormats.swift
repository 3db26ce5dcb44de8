/// HAProxy's two access-log layouts as log formats: both parse into an `HAProxyRecord`, so a transform written for
/// one works with the other.
package protocol HAProxyRecordFormat: RecordFormat where Record == HAProxyRecord {
    /// The parser's layout (and the synthetic traffic generator's).
    static var layout: LogFormat { get }
}

extension HAProxyRecordFormat {
    package static func parse(_ line: ArraySlice<UInt8>) -> Result<HAProxyRecord, LineFailure> {
        switch HAProxyParser.parse(line, format: layout) {
        case .success(let record):
            return .success(record)
        case .failure(let failure):
            // The parser keeps every line cut after its accept date; one cut before has no row to give.
            if case .truncated = failure.reason {
                return .failure(
                    LineFailure(
                        "not an HAProxy \(id.rawValue) line: \(failure) (the line ends before its accept date "
                            + "was whole: cut by the logger, or not an access-log line)"))
            }
            return .failure(LineFailure("not an HAProxy \(id.rawValue) line: \(failure)"))
        }
    }

    package static var fields: [RecordField<HAProxyRecord>] { HAProxyRecord.fields }

    /// Whether the logger cut the line (see `LineCut`).
    package static func isTruncated(_ record: HAProxyRecord) -> Bool { record.truncated }

    /// Whether the logger cut the line before the field `field` (one of `fields`, or its base name for an
    /// indexed read such as `request_headers[0]`).
    package static func wasCutAway(_ field: String, in record: HAProxyRecord) -> Bool {
        record.lost(field: field)
    }

    /// The accept date (`%tr`/`%trg`).
    package static func eventTime(_ record: HAProxyRecord) -> Int64? { record.acceptTimestamp }
}

/// `option httplog`.
package enum HAProxyHTTPFormat: HAProxyRecordFormat {
    package static let id = LogFormatID.haproxyHTTP
    package static let layout = LogFormat.http
}

/// `option httplog clf`.
package enum HAProxyCLFFormat: HAProxyRecordFormat {
    package static let id = LogFormatID.haproxyCLF
    package static let layout = LogFormat.clf
}
