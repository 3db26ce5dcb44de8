/// Reads HAProxy access-log lines from bytes: no regular expressions, no splitting into strings, one pass.
///
/// Any input is safe: every read stays inside the line, numbers are checked for overflow, and text is decoded
/// lossily, so the worst a line can do is fail with a reason.
package enum HAProxyParser {
    // Inlinable so that the caller's collection type is known where the storage is asked for: called through
    // a generic witness, the large result was copied several times over, a tenth of the time per line.

    /// Parses one line (without or with its line ending), syslog prefix and all.
    ///
    /// The syslog prefix, if any, is skipped whatever its style (see `SyslogPrefix`); the rest must be the
    /// whole message in `format`. A collection without contiguous storage is copied first.
    @inlinable
    package static func parse(_ line: some Collection<UInt8>, format: LogFormat) -> Result<HAProxyRecord, ParseFailure>
    {
        if let result = line.withContiguousStorageIfAvailable({ parse(buffer: $0, format: format) }) {
            return result
        }
        return Array(line).withUnsafeBufferPointer { parse(buffer: $0, format: format) }
    }

    @usableFromInline
    static func parse(buffer: UnsafeBufferPointer<UInt8>, format: LogFormat) -> Result<HAProxyRecord, ParseFailure> {
        var cursor = ByteCursor(bytes: buffer, position: 0, end: buffer.count)
        let spans: RecordSpans
        do throws(ParseFailure) {
            spans = try self.spans(&cursor, format: format)
        } catch {
            return .failure(error)
        }
        // Made in place: a record made inside the `do` was copied into the result and destroyed, retaining and
        // releasing every string once more.
        return .success(HAProxyRecord(spans, format: format, in: cursor))
    }

    private static func spans(_ cursor: inout ByteCursor, format: LogFormat) throws(ParseFailure) -> RecordSpans {
        let bytes = cursor.bytes
        var start = 0
        var end = bytes.count
        while end > 0 && isWhiteSpace(bytes[end - 1]) { end -= 1 }
        while start < end && isWhiteSpace(bytes[start]) { start += 1 }
        guard start < end else { throw ParseFailure(.empty, at: 0) }

        cursor = ByteCursor(bytes: bytes, position: start, end: end)
        try SyslogPrefix.skip(&cursor)
        // Filled as the fields are read, so that a line the logger cut keeps what came before the cut.
        var spans = RecordSpans()
        do throws(ParseFailure) {
            switch format {
            case .http: try HTTPLogFields.parse(&cursor, into: &spans)
            case .clf: try CLFFields.parse(&cursor, into: &spans)
            }
        } catch {
            guard let cut = LineCut.of(error, lastByte: bytes[end - 1], spans: spans, format: format) else {
                throw error
            }
            spans.cut = cut
        }
        return spans
    }

    private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == ASCII.space || byte == ASCII.tab || byte == ASCII.newline || byte == ASCII.carriageReturn
    }
}
