/// The log formats Sluice reads, by the name a manifest gives them (`source.format`).
///
/// Why a module of its own: the manifest (SluiceModel) must validate the name and the processor (SluiceProcessing)
/// must parse the lines, and the design keeps the two modules apart (processing knows nothing of manifests). Both
/// depend on this dependency-free module instead, so the identifiers exist once; the parser of each identifier is
/// registered in `LogFormats` (SluiceProcessing), whose exhaustive switch over these cases makes a name without a
/// parser a compile error, and a unit test checks that every parser answers to its own name.
package enum LogFormatID: String, Sendable, Hashable, CaseIterable, Codable {
    /// HAProxy's `option httplog`.
    case haproxyHTTP = "haproxy-http"
    /// HAProxy's `option httplog clf`.
    case haproxyCLF = "haproxy-clf"
    /// The NCSA combined format: nginx's default, Apache's `combined`.
    case combined = "combined"
    /// The NCSA common format: Apache's `common`.
    case common = "common"
    /// One JSON object per line (structured application logs, API Gateway and Lambda access logs).
    case json = "json"

    /// Whether the format's records say when their event happened (`RecordFormat.eventTime`), which then names the
    /// `dt` partition; a table of a format without one names the column that does (`processor.output.event_time`).
    package var hasEventTime: Bool {
        switch self {
        case .haproxyHTTP, .haproxyCLF, .combined, .common: true
        case .json: false
        }
    }
}
