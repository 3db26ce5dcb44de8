extension LogFormatID {
    /// The Swift name of the record the format parses into: what a `Transform.swift` of a pipeline of this format
    /// reads (`RecordTransform.Record`), for the scaffold `sluice generate` writes and the check of an existing one.
    /// A unit test checks it against every registered format's `Record`; the manifest side cannot see the types.
    package var recordTypeName: String {
        switch self {
        case .haproxyHTTP, .haproxyCLF: "HAProxyRecord"
        case .combined, .common: "NCSARecord"
        case .json: "JSONRecord"
        }
    }
}
