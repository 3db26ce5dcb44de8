import Foundation
import SluiceProcessing

/// The lines of a sample log for `sluice new pipeline --from-log`: a file of log lines, or a Firehose object (gzip
/// of lines, or of CloudWatch Logs documents), read by the processor's own object reader.
struct LogSample {
    /// The sample's log lines (without line endings), at most `limit`.
    var lines: [ArraySlice<UInt8>]
    /// What the file was, for the command's report ("a Firehose object of CloudWatch Logs documents").
    var kind: String

    /// Lines looked at: enough to infer types, few enough to read any file at once.
    static let limit = 1000

    /// The most bytes read of a file of log lines: `limit` lines of any usual length, and a log of gigabytes is
    /// not read whole (it was, taking seconds and memory in proportion).
    static let headBytes = 16 << 20

    static func read(_ path: String) throws(LogSampleError) -> LogSample {
        guard let handle = FileHandle(forReadingAtPath: path),
            let head = try? handle.read(upToCount: headBytes + 1)
        else { throw LogSampleError("cannot read \(path)") }
        var bytes = [UInt8](head)
        guard bytes.starts(with: [0x1F, 0x8B]) else {
            try? handle.close()
            if bytes.count > headBytes {
                // Only whole lines: the last one read may go on past the head.
                bytes = Array(bytes[..<(bytes[..<headBytes].lastIndex(of: UInt8(ascii: "\n")) ?? 0)])
            }
            return LogSample(lines: Array(splitLines(bytes).prefix(limit)), kind: "a file of log lines")
        }
        // A Firehose object (at most a few hundred megabytes): read whole, its gzip members in order.
        let rest: Data?
        do { rest = try handle.readToEnd() } catch { throw LogSampleError("cannot read \(path)") }
        try? handle.close()
        bytes += rest ?? Data()  // nil: the head was the whole file
        // A Firehose object: documents when every item reads as one, lines otherwise.
        let documents = objectLines(bytes, format: .cloudWatchDocuments)
        if let lines = documents, !lines.isEmpty {
            return LogSample(lines: lines, kind: "a Firehose object of CloudWatch Logs documents")
        }
        guard let lines = objectLines(bytes, format: .lines) else {
            throw LogSampleError("\(path) is gzip, but not a Firehose object Sluice can read (damaged or not lines)")
        }
        // Documents with no event: CloudWatch Logs' control messages (its health checks), not JSON log lines.
        let control = Array(#""CONTROL_MESSAGE""#.utf8)
        if documents != nil, !lines.isEmpty, lines.allSatisfy({ $0.firstRange(of: control) != nil }) {
            throw LogSampleError(
                "\(path) is a Firehose object of CloudWatch Logs documents holding no log event (only control "
                    + "messages): take an object the log group's events were delivered in")
        }
        return LogSample(lines: lines, kind: "a Firehose object of log lines")
    }

    /// The object's lines read as `format`; nil when any item is unreadable or damaged.
    private static func objectLines(_ bytes: [UInt8], format: FirehoseObjectFormat) -> [ArraySlice<UInt8>]? {
        let reader = FirehoseObjectReader(format: format)
        var lines: [ArraySlice<UInt8>] = []
        var readable = true
        func take(_ item: ObjectItem) {
            switch item {
            case .line(let line, _):
                var line = line
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                if lines.count < limit, !line.isEmpty { lines.append(ArraySlice(Array(line))) }
            case .unreadable, .damage: readable = false
            }
        }
        bytes.withUnsafeBytes { reader.feed($0, take) }
        reader.finish(take)
        return readable ? lines : nil
    }

    private static func splitLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: UInt8(ascii: "\n"), maxSplits: limit * 2, omittingEmptySubsequences: true)
            .prefix(limit * 2).map { line in
                line.last == UInt8(ascii: "\r") ? line.dropLast() : line
            }.filter { !$0.isEmpty }
    }
}

struct LogSampleError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// How well each registered format reads a sample: the command picks the one that parses most lines.
struct FormatDetection {
    struct Score {
        var format: LogFormatID
        var parsed: Int
        /// Values the parsed lines give the format's fields (not null): of two formats reading every line, the
        /// one that makes more of them (combined, whose referer and user agent common leaves as one `extra`).
        var filled = 0
        /// The first line's failure, for the refusal when no format parses anything.
        var firstError: String?
    }

    /// Every registered format's score on `lines`, best first: the most lines parsed, then the most field values
    /// filled, then `LogFormatID` order.
    static func scores(_ lines: [ArraySlice<UInt8>]) -> [Score] {
        ranked(LogFormatID.allCases.map { score(LogFormats.format($0), lines) })
    }

    /// `scores` (in `LogFormatID` order) best first.
    static func ranked(_ scores: [Score]) -> [Score] {
        scores.enumerated().sorted {
            ($0.element.parsed, $0.element.filled, -$0.offset) > ($1.element.parsed, $1.element.filled, -$1.offset)
        }.map(\.element)
    }

    private static func score<Format: RecordFormat>(_: Format.Type, _ lines: [ArraySlice<UInt8>]) -> Score {
        var score = Score(format: Format.id, parsed: 0)
        for line in lines {
            switch Format.parse(line) {
            case .success(let record):
                score.parsed += 1
                score.filled += Format.fields.count { $0.value(record) != .null }
            case .failure(let failure): if score.firstError == nil { score.firstError = failure.reason }
            }
        }
        return score
    }

    /// What `format` proposes for the lines of the sample it parses: the columns, an example value of each
    /// (the first non-null one the sample gives, as text), and whether its records carry their own event time
    /// (when none does, the manifest must name an `event_time` column).
    static func proposal(_ id: LogFormatID, _ lines: [ArraySlice<UInt8>]) -> Proposal {
        proposal(LogFormats.format(id), lines)
    }

    struct Proposal {
        var columns: [ProposedColumn]
        var examples: [String: String]
        var ownTime: Bool
    }

    private static func proposal<Format: RecordFormat>(_: Format.Type, _ lines: [ArraySlice<UInt8>]) -> Proposal {
        let records = lines.compactMap { try? Format.parse($0).get() }
        let ownTime = records.isEmpty || records.contains { Format.eventTime($0) != nil }
        let columns = Format.proposedColumns(records)
        var examples: [String: String] = [:]
        for column in columns {
            let path: FieldPath
            if let from = column.from {
                guard let parsed = try? FieldPath(parsing: from) else { continue }
                path = parsed
            } else {
                path = FieldPath(key: column.name)
            }
            guard let reader = try? Format.reader(path, for: column.type) else { continue }
            for record in records {
                guard case .success(let value) = reader.read(record), let text = exampleText(value) else { continue }
                examples[column.name] = text
                break
            }
        }
        return Proposal(columns: columns, examples: examples, ownTime: ownTime)
    }

    /// A value as a manifest comment shows it; nil for null.
    private static func exampleText(_ value: Row.Value) -> String? {
        switch value {
        case .string(let text): text
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): String(flag)
        case .timestamp(let milliseconds):
            Date(timeIntervalSince1970: Double(milliseconds) / 1000).formatted(.iso8601)
        case .date, .null: nil
        }
    }
}
