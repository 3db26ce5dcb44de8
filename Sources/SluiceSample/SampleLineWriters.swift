import SluiceProcessing

/// The one place a log format picks the writer of its sample lines: the switch is exhaustive over `LogFormatID`,
/// so a format added without a writer does not compile. Every writer renders the same `SampleRequest`s, so the
/// formats of one seed log the same traffic.
enum SampleLineWriters {
    /// Appends one request as one line, without its newline.
    typealias Writer = (_ request: SampleRequest, _ out: inout [UInt8]) -> Void

    static func writer(for format: LogFormatID) -> Writer {
        switch format {
        case .haproxyHTTP: { request, out in HAProxyLineWriter.appendHTTP(request, to: &out) }
        case .haproxyCLF: { request, out in HAProxyLineWriter.appendCLF(request, to: &out) }
        }
    }

    /// Whether the format's parser (the registry's, as the processor reads the line) makes a record of `line`.
    static func parses(_ line: [UInt8], as format: LogFormatID) -> Bool {
        func parses<Format: RecordFormat>(_ format: Format.Type) -> Bool {
            if case .success = format.parse(line[...]) { return true }
            return false
        }
        return parses(LogFormats.format(format))
    }
}
