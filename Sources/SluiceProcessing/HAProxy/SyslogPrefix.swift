/// Skips the syslog header in front of HAProxy's message, whichever of the usual shapes it has:
///
/// - RFC 5424: `<pri>1 TIMESTAMP HOST APP PROCID MSGID SD `, as `log ... format rfc5424` sends it;
/// - BSD (RFC 3164): `Mmm dd HH:MM:SS host tag[pid]: `, with or without `<pri>` in front (HAProxy's own
///   rfc3164 output has no host), or with an RFC 3339 timestamp instead (rsyslog's high-precision files);
/// - a timestamp alone, `2024-03-14T09:26:53.589+01:00 `, perhaps after `<pri>`: HAProxy's `iso` and `timed`
///   formats;
/// - a bare program tag, `haproxy[14387]: ` or `haproxy: `, with no header before it (how HAProxy's
///   configuration manual shows its example lines, and what some relays keep of the header);
/// - nothing at all (`format raw`, or a container's standard output).
///
/// After a timestamp the program name is not checked: a tag is whatever ends in `:`. A bare tag must look like
/// one (see `skipBareTag`), since the message itself starts right there.
enum SyslogPrefix {
    typealias Field = ParseFailure.Field

    /// Moves the cursor, which is at the first byte of a non-empty line, to the first byte of the message.
    static func skip(_ cursor: inout ByteCursor) throws(ParseFailure) {
        if cursor.bytes[cursor.position] == ASCII.lessThan {
            try skipPriority(&cursor)
            if cursor.byte(at: cursor.position) == UInt8(ascii: "1")
                && cursor.byte(at: cursor.position + 1) == ASCII.space
            {
                cursor.position += 2
                try skipRFC5424Header(&cursor)
                return
            }
        }
        if try skipBSDTimestamp(&cursor) {
            try skipHostAndTag(&cursor)
        } else {
            skipBareTag(&cursor)
        }
    }

    /// `name[pid]: ` or `name: ` at the cursor: a name of letters, digits, `.`, `_`, `-` and `/` that starts with
    /// a letter, then perhaps a bracketed pid, a colon and a space. No message can start so: an address is digits,
    /// or hex digits with colons (an IPv6 address ending in `::` has a colon inside its "name"), `unix` has no
    /// colon after it in the CLF layout and is taken as an address in the HTTP one, and the CLF origin is quoted.
    private static func skipBareTag(_ cursor: inout ByteCursor) {
        let start = cursor.position
        guard let first = cursor.byte(at: start), isLetter(first) else { return }
        var index = start + 1
        while let byte = cursor.byte(at: index), isNameByte(byte) { index += 1 }
        // `unix: ` begins an httplog message from a unix socket whose listener id is missing.
        if cursor.matches(start..<index, "unix") { return }
        if cursor.byte(at: index) == ASCII.openBracket {
            index += 1
            let digits = index
            while let byte = cursor.byte(at: index), ASCII.isDigit(byte) { index += 1 }
            guard index > digits, cursor.byte(at: index) == ASCII.closeBracket else { return }
            index += 1
        }
        guard cursor.byte(at: index) == ASCII.colon, cursor.byte(at: index + 1) == ASCII.space else { return }
        cursor.position = index + 2
        cursor.skipSpaces()
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- UInt8(ascii: "a") < 26 }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || ASCII.isDigit(byte) || byte == ASCII.dot || byte == ASCII.minus || byte == ASCII.slash
            || byte == UInt8(ascii: "_")
    }

    /// `<` one to three digits `>`.
    private static func skipPriority(_ cursor: inout ByteCursor) throws(ParseFailure) {
        var index = cursor.position + 1
        while index < cursor.end && index <= cursor.position + 3 && ASCII.isDigit(cursor.bytes[index]) { index += 1 }
        guard index < cursor.end else { throw ParseFailure(.truncated(field: .syslogPrefix), at: cursor.end) }
        guard index > cursor.position + 1 && cursor.bytes[index] == ASCII.greaterThan else {
            throw ParseFailure(.unexpected(field: .syslogPrefix), at: index)
        }
        cursor.position = index + 1
    }

    /// TIMESTAMP HOSTNAME APP-NAME PROCID MSGID (each a token, `-` when absent), structured data, and the
    /// byte-order mark RFC 5424 allows in front of a UTF-8 message.
    private static func skipRFC5424Header(_ cursor: inout ByteCursor) throws(ParseFailure) {
        for _ in 0..<5 { _ = try cursor.token(.syslogPrefix) }
        cursor.skipSpaces()
        guard let first = cursor.byte(at: cursor.position) else {
            throw ParseFailure(.truncated(field: .syslogPrefix), at: cursor.end)
        }
        if first == ASCII.minus {
            cursor.position += 1
        } else if first == ASCII.openBracket {
            try skipStructuredData(&cursor)
        } else {
            throw ParseFailure(.unexpected(field: .syslogPrefix), at: cursor.position)
        }
        try cursor.requireSeparator(.syslogPrefix)
        cursor.skipSpaces()
        if cursor.byte(at: cursor.position) == 0xEF && cursor.byte(at: cursor.position + 1) == 0xBB
            && cursor.byte(at: cursor.position + 2) == 0xBF
        {
            cursor.position += 3
        }
    }

    /// One or more `[id name="value" ...]` elements; a value is quoted and may hold `\"`, `\\`, `\]`, spaces
    /// and unescaped `]`, so brackets count only outside quotes.
    private static func skipStructuredData(_ cursor: inout ByteCursor) throws(ParseFailure) {
        while cursor.byte(at: cursor.position) == ASCII.openBracket {
            var inQuotes = false
            cursor.position += 1
            while true {
                guard let byte = cursor.byte(at: cursor.position) else {
                    throw ParseFailure(.truncated(field: .syslogPrefix), at: cursor.end)
                }
                cursor.position += 1
                if byte == ASCII.backslash && inQuotes {
                    cursor.position += 1
                } else if byte == ASCII.quote {
                    inQuotes.toggle()
                } else if byte == ASCII.closeBracket && !inQuotes {
                    break
                }
            }
        }
    }

    /// `Mmm dd HH:MM:SS` (the day padded with a space or a zero, seconds perhaps with a fraction) or an RFC 3339
    /// timestamp. Neither can begin an HAProxy message (an address, `unix`, or a quote), so a match commits to
    /// a prefix and anything wrong after it is the prefix's failure.
    private static func skipBSDTimestamp(_ cursor: inout ByteCursor) throws(ParseFailure) -> Bool {
        let start = cursor.position
        let bytes = cursor.bytes
        if start + 3 < cursor.end, AcceptDate.month(bytes[start], bytes[start + 1], bytes[start + 2]) != nil,
            bytes[start + 3] == ASCII.space
        {
            cursor.position = start + 4
            let day = try cursor.token(.syslogPrefix)
            guard day.count <= 2, cursor.isDigits(day) else {
                throw ParseFailure(.unexpected(field: .syslogPrefix), at: day.lowerBound)
            }
            let time = try cursor.token(.syslogPrefix)
            guard isClockTime(time, in: cursor) else {
                throw ParseFailure(.unexpected(field: .syslogPrefix), at: time.lowerBound)
            }
            return true
        }
        if start + 10 < cursor.end, isRFC3339DatePrefix(at: start, in: cursor) {
            _ = try cursor.token(.syslogPrefix)
            return true
        }
        return false
    }

    /// `[host] tag:` — HAProxy's own rfc3164 messages leave the host out, so the tag is the first token that
    /// ends in `:`, within two. HAProxy's `iso` and `timed` formats (`log ... format iso`) have neither: the
    /// message follows the timestamp, so when no tag ends within two tokens and the first can begin a message,
    /// the message begins there.
    private static func skipHostAndTag(_ cursor: inout ByteCursor) throws(ParseFailure) {
        let afterTimestamp = cursor.position
        let first = try cursor.token(.syslogPrefix)
        if cursor.bytes[first.upperBound - 1] != ASCII.colon {
            let second = try cursor.token(.syslogPrefix)
            guard cursor.bytes[second.upperBound - 1] == ASCII.colon else {
                guard canBeginMessage(first, in: cursor) else {
                    throw ParseFailure(.unexpected(field: .syslogPrefix), at: second.lowerBound)
                }
                cursor.position = afterTimestamp
                cursor.skipSpaces()
                return
            }
        }
        cursor.skipSpaces()
    }

    /// Whether a token can be the first of an access-log message: an address (digits, or hex digits and colons),
    /// `unix...`, `-`, or CLF's quoted origin. A host name such as `lb-1` cannot.
    private static func canBeginMessage(_ token: Range<Int>, in cursor: ByteCursor) -> Bool {
        let first = cursor.bytes[token.lowerBound]
        if ASCII.isDigit(first) || first == ASCII.minus || first == ASCII.quote || first == ASCII.openBracket {
            return true
        }
        if cursor.hasPrefix(token, "unix") { return true }
        // An IPv6 address: hex digits and colons up to its port.
        return ASCII.isHexDigit(first) && cursor.firstIndex(of: ASCII.colon, in: token) != nil
            && token.allSatisfy {
                ASCII.isHexDigit(cursor.bytes[$0]) || cursor.bytes[$0] == ASCII.colon
                    || cursor.bytes[$0] == ASCII.dot || cursor.bytes[$0] == UInt8(ascii: "%")
            }
    }

    /// `HH:MM:SS` at the start of the range.
    private static func isClockTime(_ range: Range<Int>, in cursor: ByteCursor) -> Bool {
        guard range.count >= 8 else { return false }
        let base = range.lowerBound
        return cursor.isDigits(base..<base + 2) && cursor.bytes[base + 2] == ASCII.colon
            && cursor.isDigits(base + 3..<base + 5) && cursor.bytes[base + 5] == ASCII.colon
            && cursor.isDigits(base + 6..<base + 8)
    }

    /// `yyyy-mm-ddT` at `index`; the caller checked that eleven bytes are there.
    private static func isRFC3339DatePrefix(at index: Int, in cursor: ByteCursor) -> Bool {
        cursor.isDigits(index..<index + 4) && cursor.bytes[index + 4] == ASCII.minus
            && cursor.isDigits(index + 5..<index + 7) && cursor.bytes[index + 7] == ASCII.minus
            && cursor.isDigits(index + 8..<index + 10) && cursor.bytes[index + 10] == UInt8(ascii: "T")
    }
}
