/// Reads NCSA access-log lines (`combined`, `common`), after any syslog header, from bytes: no regular
/// expressions, no splitting into strings, one pass.
///
/// Any input is safe: every read stays inside the line, numbers are checked for overflow, and text is made valid
/// UTF-8 (see `EscapedText`), so the worst a line can do is fail with a reason.
package enum NCSAParser {
    /// Parses one line (without or with its line ending) in `layout`, syslog header and all (see
    /// `skipSyslogPrefix`). A collection without contiguous storage is copied first.
    @inlinable
    package static func parse(_ line: some Collection<UInt8>, layout: NCSALayout) -> Result<NCSARecord, NCSAFailure> {
        if let result = line.withContiguousStorageIfAvailable({ parse(buffer: $0, layout: layout) }) {
            return result
        }
        return Array(line).withUnsafeBufferPointer { parse(buffer: $0, layout: layout) }
    }

    @usableFromInline
    static func parse(buffer: UnsafeBufferPointer<UInt8>, layout: NCSALayout) -> Result<NCSARecord, NCSAFailure> {
        var start = 0
        var end = buffer.count
        while end > 0 && isWhiteSpace(buffer[end - 1]) { end -= 1 }
        while start < end && isWhiteSpace(buffer[start]) { start += 1 }
        guard start < end else { return .failure(NCSAFailure(.empty, at: 0)) }
        var cursor = ByteCursor(bytes: buffer, position: start, end: end)
        let spans: NCSASpans
        do throws(NCSAFailure) {
            try skipSyslogPrefix(&cursor)
            spans = try NCSALineFields.read(&cursor, layout: layout)
        } catch {
            return .failure(error)
        }
        return .success(NCSARecord(spans, in: cursor))
    }

    /// The syslog header of a line that came through syslog (nginx's `access_log syslog:server=...` writes
    /// `<190>Feb  6 12:14:14 web-1 nginx: `; a relay may write RFC 5424 or RFC 3339 dates), skipped as HAProxy's
    /// parser skips it. No NCSA line can begin like one: it begins with an address or a host name.
    private static func skipSyslogPrefix(_ cursor: inout ByteCursor) throws(NCSAFailure) {
        do throws(ParseFailure) {
            try SyslogPrefix.skip(&cursor)
        } catch {
            throw NCSAFailure(.badSyslogPrefix, at: error.offset)
        }
        if cursor.atEnd { throw NCSAFailure(.missing(.clientAddress), at: cursor.end) }
    }

    private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == ASCII.space || byte == ASCII.tab || byte == ASCII.newline || byte == ASCII.carriageReturn
    }
}
