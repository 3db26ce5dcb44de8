/// HAProxy's two access-log layouts as log formats: both parse into an `HAProxyRecord`, so a transform written for
/// one works with the other.
public protocol HAProxyRecordFormat: RecordFormat where Record == HAProxyRecord {
    /// The parser's layout (and the synthetic traffic generator's).
    static var layout: LogFormat { get }
}

extension HAProxyRecordFormat {
    public static func parse(_ line: ArraySlice<UInt8>) -> Result<HAProxyRecord, LineFailure> {
        switch HAProxyParser.parse(line, format: layout) {
        case .success(let record): .success(record)
        case .failure(let failure): .failure(LineFailure("not an HAProxy \(id.rawValue) line: \(failure)"))
        }
    }

    public static var fields: [RecordField<HAProxyRecord>] { HAProxyRecord.fields }

    /// The accept date (`%tr`/`%trg`).
    public static func eventTime(_ record: HAProxyRecord) -> Int64? { record.acceptTimestamp }
}

/// `option httplog`.
public enum HAProxyHTTPFormat: HAProxyRecordFormat {
    public static let id = LogFormatID.haproxyHTTP
    public static let layout = LogFormat.http
}

/// `option httplog clf`.
public enum HAProxyCLFFormat: HAProxyRecordFormat {
    public static let id = LogFormatID.haproxyCLF
    public static let layout = LogFormat.clf
}
