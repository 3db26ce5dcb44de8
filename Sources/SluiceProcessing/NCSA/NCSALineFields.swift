/// The fields of an NCSA line, in order: `%h %l %u [%t] "%r" %>s %b`, then (combined) `"referer" "user agent"`,
/// then anything (`extra`).
///
/// Fields are separated by one or more spaces. The user is everything between the ident and the ` [` of the
/// date, so a user name holding a space (nginx does not escape spaces) still parses.
///
/// A line the logger cut is told by where it ends (see `NCSARecord.cutAway`): inside a quoted field (no closing
/// quote), the field keeps what was logged and the parts after it are cut away; right after a whole field, the
/// parts after it are cut away. A line ending before or inside the date, or inside a number (which may have lost
/// digits), is refused.
enum NCSALineFields {
    static func read(_ cursor: inout ByteCursor, layout: NCSALayout) throws(NCSAFailure) -> NCSASpans {
        var spans = NCSASpans()
        spans.clientAddress = word(&cursor)
        // A line ending here was cut (or is no NCSA line), whatever the address looks like.
        try separator(&cursor, before: .ident, refusingEnd: true)
        spans.clientFamily = try ClientAddress.family(spans.clientAddress, in: cursor)
        spans.ident = word(&cursor)
        if cursor.bytes[spans.ident.lowerBound] == ASCII.openBracket {
            throw NCSAFailure(.unexpected(.ident), at: spans.ident.lowerBound)
        }
        try separator(&cursor, before: .user, refusingEnd: true)
        try readUserAndDate(&cursor, into: &spans)

        if cursor.atEnd { return cut(spans, before: .request) }
        try separator(&cursor, before: .request)
        guard let request = try quoted(&cursor, .request) else {
            spans.request = openedField(cursor)
            spans.requestCut = true
            return cut(spans, before: .status)
        }
        spans.request = request

        if cursor.atEnd { return cut(spans, before: .status) }
        try separator(&cursor, before: .status)
        spans.status = try status(&cursor)

        if cursor.atEnd { return cut(spans, before: .bytesSent) }
        try separator(&cursor, before: .bytesSent)
        let bytesStart = cursor.position
        spans.bytesSent = try bytesSent(&cursor)

        if layout == .combined {
            if cursor.atEnd {
                // Digits may have been lost; `-` cannot be cut.
                guard cursor.matches(bytesStart..<cursor.end, "-") else {
                    throw NCSAFailure(.cut(.bytesSent), at: cursor.end)
                }
                return cut(spans, before: .referer)
            }
            try separator(&cursor, before: .referer)
            guard let referer = try quoted(&cursor, .referer) else {
                spans.referer = openedField(cursor)
                return cut(spans, before: .userAgent)
            }
            spans.referer = referer
            if cursor.atEnd { return cut(spans, before: .userAgent) }
            try separator(&cursor, before: .userAgent)
            guard let userAgent = try quoted(&cursor, .userAgent) else {
                spans.userAgent = openedField(cursor)
                return cut(spans, before: .extra)
            }
            spans.userAgent = userAgent
        }
        cursor.skipSpaces()
        if !cursor.atEnd { spans.extra = cursor.position..<cursor.end }
        return spans
    }

    /// `%u [%t]`: the user runs to the ` [` that opens the date.
    private static func readUserAndDate(_ cursor: inout ByteCursor, into spans: inout NCSASpans) throws(NCSAFailure) {
        let userStart = cursor.position
        guard cursor.bytes[userStart] != ASCII.openBracket else {
            throw NCSAFailure(.unexpected(.user), at: userStart)
        }
        var open = userStart + 1
        while true {
            guard let bracket = cursor.firstIndex(of: ASCII.openBracket, in: open..<cursor.end) else {
                // No date: the user runs to the end, or holds spaces and other fields (not an NCSA line).
                let spaceAfterUser = cursor.firstIndex(of: ASCII.space, in: userStart..<cursor.end)
                throw spaceAfterUser == nil
                    ? NCSAFailure(.missing(.timeLocal), at: cursor.end)
                    : NCSAFailure(.unexpected(.timeLocal), at: spaceAfterUser!)
            }
            if cursor.bytes[bracket - 1] == ASCII.space {
                open = bracket
                break
            }
            open = bracket + 1
        }
        var userEnd = open - 1
        while userEnd > userStart && cursor.bytes[userEnd - 1] == ASCII.space { userEnd -= 1 }
        spans.user = userStart..<userEnd

        guard let close = cursor.firstIndex(of: ASCII.closeBracket, in: open + 1..<cursor.end) else {
            throw NCSAFailure(.cut(.timeLocal), at: cursor.end)
        }
        spans.timeLocal = open + 1..<close
        do throws(ParseFailure) {
            // The layout of HAProxy's `%trg`, which is Apache's `%t`.
            spans.timestamp = try AcceptDate.milliseconds(spans.timeLocal, in: cursor, format: .clf)
        } catch {
            throw NCSAFailure(.badDate, at: error.offset)
        }
        cursor.position = close + 1
        if !cursor.atEnd && cursor.bytes[cursor.position] != ASCII.space {
            throw NCSAFailure(.unexpected(.request), at: cursor.position)
        }
    }

    /// The spans of a line cut before `part` (the parts after it are gone too).
    private static func cut(_ spans: NCSASpans, before part: NCSARecord.Part) -> NCSASpans {
        var spans = spans
        spans.cutAway = part
        return spans
    }

    /// The next run of bytes up to a space or the end of the line (the cursor is at a byte that is no space).
    private static func word(_ cursor: inout ByteCursor) -> Range<Int> {
        let start = cursor.position
        while !cursor.atEnd && cursor.bytes[cursor.position] != ASCII.space { cursor.position += 1 }
        return start..<cursor.position
    }

    /// The spaces before `field`. The end of the line there is refused when `refusingEnd` (the fields before
    /// the date) and left to the caller otherwise.
    private static func separator(
        _ cursor: inout ByteCursor, before field: NCSAFailure.Field, refusingEnd: Bool = false
    ) throws(NCSAFailure) {
        if cursor.atEnd {
            if refusingEnd { throw NCSAFailure(.missing(field), at: cursor.end) }
            return
        }
        guard cursor.bytes[cursor.position] == ASCII.space else {
            throw NCSAFailure(.unexpected(field), at: cursor.position)
        }
        cursor.skipSpaces()
    }

    /// A double-quoted field: the inside of its quotes, or nil when the line ends before its closing quote
    /// (the cursor then rests on the opening quote).
    ///
    /// A backslash escapes the byte after it (Apache's `\"`; nginx escapes quotes and backslashes as `\xHH`),
    /// and the closing quote is the first unescaped one followed by a space or the end of the line, so a raw
    /// quote inside a value (a logger that does not escape) stays in it.
    private static func quoted(_ cursor: inout ByteCursor, _ field: NCSAFailure.Field) throws(NCSAFailure)
        -> Range<Int>?
    {
        let open = cursor.position
        guard cursor.bytes[open] == ASCII.quote else { throw NCSAFailure(.unexpected(field), at: open) }
        var index = open + 1
        while index < cursor.end {
            let byte = cursor.bytes[index]
            if byte == ASCII.backslash {
                index += 2
                continue
            }
            if byte == ASCII.quote && (index + 1 == cursor.end || cursor.bytes[index + 1] == ASCII.space) {
                cursor.position = index + 1
                return open + 1..<index
            }
            index += 1
        }
        return nil
    }

    /// What was logged of a quoted field the line ends inside: from its opening quote to the end of the line.
    private static func openedField(_ cursor: ByteCursor) -> Range<Int> {
        cursor.position + 1..<cursor.end
    }

    /// `%>s`: three digits (a line ending after fewer lost some).
    private static func status(_ cursor: inout ByteCursor) throws(NCSAFailure) -> Int {
        let token = word(&cursor)
        guard cursor.isDigits(token) else { throw NCSAFailure(.badStatus, at: token.lowerBound) }
        guard token.count == 3 else {
            throw token.count < 3 && token.upperBound == cursor.end
                ? NCSAFailure(.cut(.status), at: cursor.end) : NCSAFailure(.badStatus, at: token.lowerBound)
        }
        let bytes = cursor.bytes
        let base = token.lowerBound
        return Int(bytes[base] &- ASCII.zero) * 100 + Int(bytes[base + 1] &- ASCII.zero) * 10
            + Int(bytes[base + 2] &- ASCII.zero)
    }

    /// `%b`: digits, or Apache's `-` for no body bytes (0).
    private static func bytesSent(_ cursor: inout ByteCursor) throws(NCSAFailure) -> Int64 {
        let token = word(&cursor)
        if cursor.matches(token, "-") { return 0 }
        guard cursor.isDigits(token) else { throw NCSAFailure(.badBytesSent, at: token.lowerBound) }
        var value: Int64 = 0
        for index in token {
            let (shifted, overflowed) = value.multipliedReportingOverflow(by: 10)
            let (sum, carried) = shifted.addingReportingOverflow(Int64(cursor.bytes[index] &- ASCII.zero))
            guard !overflowed && !carried else { throw NCSAFailure(.bytesSentOutOfRange, at: token.lowerBound) }
            value = sum
        }
        return value
    }
}
