/// The registry of log formats: the one place a `LogFormatID` (the manifest's name) becomes a parser.
///
/// The switch is exhaustive, so a name added to `LogFormatID` without a parser does not compile; a unit test checks
/// the other direction (every registered format answers to its own name, no two to the same one).
package enum LogFormats {
    /// The format a manifest names.
    package static func format(_ id: LogFormatID) -> any RecordFormat.Type {
        switch id {
        case .haproxyHTTP: HAProxyHTTPFormat.self
        case .haproxyCLF: HAProxyCLFFormat.self
        case .combined: NCSACombinedFormat.self
        case .common: NCSACommonFormat.self
        case .json: JSONFormat.self
        }
    }

    /// Every registered format, in `LogFormatID` order.
    package static var all: [any RecordFormat.Type] { LogFormatID.allCases.map(format) }
}
