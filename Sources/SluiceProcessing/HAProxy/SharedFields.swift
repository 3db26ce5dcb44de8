/// Field readers the two layouts have in common.
enum Shared {
    /// `[date]`: the text between the brackets, and its milliseconds since the epoch.
    static func readAcceptDate(
        _ cursor: inout ByteCursor, format: LogFormat
    ) throws(ParseFailure) -> (text: Range<Int>, milliseconds: Int64) {
        try cursor.expect(ASCII.openBracket, .acceptDate)
        let start = cursor.position
        guard let close = cursor.firstIndex(of: ASCII.closeBracket, in: start..<cursor.end) else {
            throw ParseFailure(.truncated(field: .acceptDate), at: cursor.end)
        }
        let milliseconds = try AcceptDate.milliseconds(start..<close, in: cursor, format: format)
        cursor.position = close + 1
        try cursor.requireSeparator(.acceptDate)
        return (start..<close, milliseconds)
    }

    /// `%ft`, whose trailing `~` marks a TLS listener.
    static func readFrontend(
        _ token: Range<Int>, in cursor: ByteCursor, into spans: inout RecordSpans
    ) throws(ParseFailure) {
        var name = token
        if !name.isEmpty && cursor.bytes[name.upperBound - 1] == ASCII.tilde {
            spans.tls = true
            name = name.lowerBound..<name.upperBound - 1
        }
        guard !name.isEmpty else { throw ParseFailure(.unexpected(field: .frontend), at: token.lowerBound) }
        spans.frontend = name
    }

    /// `%CC` or `%CS`: nil for HAProxy's "none", `-` unquoted and `""` quoted.
    static func cookie(_ token: Range<Int>, in cursor: ByteCursor) -> Range<Int>? {
        token.isEmpty || cursor.matches(token, "-") ? nil : token
    }

    /// `%tsc`: exactly four characters.
    static func terminationState(_ token: Range<Int>, in cursor: ByteCursor) throws(ParseFailure) -> Range<Int> {
        if token.count < 4 {
            guard token.upperBound >= cursor.end else {
                throw ParseFailure(.unexpected(field: .terminationState), at: token.upperBound)
            }
            throw ParseFailure.endedInside(.terminationState, at: cursor.end)
        }
        guard token.count == 4 else {
            throw ParseFailure(.unexpected(field: .terminationState), at: token.lowerBound + 4)
        }
        return token
    }

    /// `%Ta`: `-1` for none, a leading `+` under `option logasap`.
    static func totalTime(_ range: Range<Int>, in cursor: ByteCursor) throws(ParseFailure) -> (Int?, Bool) {
        if cursor.matches(range, "-1") { return (nil, false) }
        let (value, plus) = try cursor.integerWithPlus(range, .totalTime)
        return (value, plus)
    }

    /// `unix` (as `%ci` prints a unix socket) or `unix:` and anything.
    static func isUnixSocket(_ range: Range<Int>, in cursor: ByteCursor) -> Bool {
        cursor.matches(range, "unix") || cursor.hasPrefix(range, "unix:")
    }

    /// The family of a logged client address, checking its characters so that a line of some other shape is
    /// not taken for a record: digits and dots (IPv4); hex digits, colons and dots, perhaps with a `%zone`
    /// (IPv6); `unix...`; or `-`.
    static func addressFamily(
        _ address: Range<Int>, in cursor: ByteCursor
    ) throws(ParseFailure) -> HAProxyRecord.AddressFamily {
        guard !address.isEmpty else {
            throw cursor.missing(.clientAddress, at: address.lowerBound, otherwise: .unexpected(field: .clientAddress))
        }
        if cursor.matches(address, "-") { return .unknown }
        if isUnixSocket(address, in: cursor) { return .unix }
        var sawColon = false
        var sawDot = false
        var onlyDecimal = true
        for index in address {
            let byte = cursor.bytes[index]
            if byte == UInt8(ascii: "%") && sawColon { break }
            if byte == ASCII.colon {
                sawColon = true
                onlyDecimal = false
            } else if byte == ASCII.dot {
                sawDot = true
            } else if !ASCII.isDigit(byte) {
                guard ASCII.isHexDigit(byte) else { throw ParseFailure(.unexpected(field: .clientAddress), at: index) }
                onlyDecimal = false
            }
        }
        if sawColon { return .ipv6 }
        guard onlyDecimal && sawDot else {
            throw ParseFailure(.unexpected(field: .clientAddress), at: address.lowerBound)
        }
        return .ipv4
    }
}
