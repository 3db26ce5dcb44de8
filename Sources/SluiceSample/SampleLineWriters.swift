import SluiceProcessing

/// The one place a log format picks the writer of its sample lines: the switch is exhaustive over `LogFormatID`,
/// so a format added without a writer does not compile. Every writer renders the same `SampleRequest`s, so the
/// formats of one seed log the same traffic.
enum SampleLineWriters {
    /// Appends one request as one line, without its newline.
    typealias Writer = (_ request: SampleRequest, _ out: inout [UInt8]) -> Void

    static func writer(for format: LogFormatID) -> SampleLineFormat {
        switch format {
        case .haproxyHTTP: SampleLineFormat(lengthLimit: 1024) { HAProxyLineWriter.appendHTTP($0, to: &$1) }
        case .haproxyCLF: SampleLineFormat(lengthLimit: 1024) { HAProxyLineWriter.appendCLF($0, to: &$1) }
        case .combined: SampleLineFormat { NCSALineWriter.append($0, layout: .combined, to: &$1) }
        case .common: SampleLineFormat { NCSALineWriter.append($0, layout: .common, to: &$1) }
        case .json: SampleLineFormat { JSONLineWriter.append($0, to: &$1) }
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

/// How a format's sample lines are written: the writer, and the length its logger cuts a line at.
struct SampleLineFormat {
    /// HAProxy's `log ... len`, 1024 bytes by default: a longer line is cut there, as HAProxy cuts it (the
    /// processor keeps its row, flagged `truncated`). Nil for a logger that writes whole lines (nginx, JSON).
    var lengthLimit: Int?
    var append: SampleLineWriters.Writer

    init(lengthLimit: Int? = nil, append: @escaping SampleLineWriters.Writer) {
        self.lengthLimit = lengthLimit
        self.append = append
    }
}
