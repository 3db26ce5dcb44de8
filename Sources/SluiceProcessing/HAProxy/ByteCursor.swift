/// ASCII bytes the parser compares against, named once.
enum ASCII {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let carriageReturn = UInt8(ascii: "\r")
    static let newline = UInt8(ascii: "\n")
    static let quote = UInt8(ascii: "\"")
    static let slash = UInt8(ascii: "/")
    static let colon = UInt8(ascii: ":")
    static let dot = UInt8(ascii: ".")
    static let plus = UInt8(ascii: "+")
    static let minus = UInt8(ascii: "-")
    static let tilde = UInt8(ascii: "~")
    static let pipe = UInt8(ascii: "|")
    static let question = UInt8(ascii: "?")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let lessThan = UInt8(ascii: "<")
    static let greaterThan = UInt8(ascii: ">")
    static let backslash = UInt8(ascii: "\\")
    static let zero = UInt8(ascii: "0")

    static func isDigit(_ byte: UInt8) -> Bool { byte &- zero < 10 }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20) &- UInt8(ascii: "a") < 6
    }
}

/// A position in one line's bytes, and the field readers both layouts share.
///
/// Fields are handed around as ranges of the line; strings are made only once the whole line has parsed, so
/// a bad line costs no allocation. Every read is below `end` (itself within the buffer), which is what keeps
/// arbitrary input from reading outside the line.
struct ByteCursor {
    typealias Field = ParseFailure.Field

    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    /// The end of the line without its trailing white space.
    let end: Int

    var atEnd: Bool { position >= end }

    func byte(at index: Int) -> UInt8? { index < end ? bytes[index] : nil }

    /// Whether the range holds exactly `text` (ASCII).
    func matches(_ range: Range<Int>, _ text: StaticString) -> Bool {
        guard range.count == text.utf8CodeUnitCount else { return false }
        let expected = text.utf8Start
        for index in 0..<range.count where bytes[range.lowerBound + index] != expected[index] { return false }
        return true
    }

    /// Whether the range starts with `text` (ASCII).
    func hasPrefix(_ range: Range<Int>, _ text: StaticString) -> Bool {
        let length = text.utf8CodeUnitCount
        return range.count >= length && matches(range.lowerBound..<range.lowerBound + length, text)
    }

    /// Whether the range is non-empty and all decimal digits.
    func isDigits(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        for index in range where !ASCII.isDigit(bytes[index]) { return false }
        return true
    }

    func firstIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }

    func lastIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
        var index = range.upperBound
        while index > range.lowerBound {
            index -= 1
            if bytes[index] == byte { return index }
        }
        return nil
    }

    mutating func skipSpaces() {
        while position < end && bytes[position] == ASCII.space { position += 1 }
    }

    /// The next run of non-space bytes. HAProxy collapses the separators around an empty field, so any number
    /// of spaces separate fields.
    mutating func token(_ field: Field) throws(ParseFailure) -> Range<Int> {
        var index = position
        while index < end && bytes[index] == ASCII.space { index += 1 }
        guard index < end else { throw ParseFailure(.truncated(field: field), at: end) }
        let start = index
        while index < end && bytes[index] != ASCII.space { index += 1 }
        position = index
        return start..<index
    }

    /// The next token, without its double quotes if it has them: `%{+Q}o` quotes the string fields of the CLF
    /// layout (`""` for an empty one), and versions differ on which fields count as strings.
    ///
    /// A quoted token ends at the first quote followed by a space or the end of the line; HAProxy escapes the
    /// quotes inside values, so that quote is the closing one.
    mutating func quotedOrBareToken(_ field: Field) throws(ParseFailure) -> Range<Int> {
        skipSpaces()
        guard position < end else { throw ParseFailure(.truncated(field: field), at: end) }
        guard bytes[position] == ASCII.quote else { return try token(field) }
        let open = position
        var index = open + 1
        while index < end {
            if bytes[index] == ASCII.quote && (index + 1 == end || bytes[index + 1] == ASCII.space) {
                position = index + 1
                return open + 1..<index
            }
            index += 1
        }
        throw ParseFailure.endedInside(field, at: end)
    }

    /// `quotedOrBareToken`, except that a quoted token the line ends inside (the logger cut it) is what was
    /// logged of it, to the end of the line, with `cut` true.
    mutating func quotedOrCutToken(_ field: Field) throws(ParseFailure) -> (token: Range<Int>, cut: Bool) {
        do throws(ParseFailure) {
            return (try quotedOrBareToken(field), false)
        } catch {
            guard error.endedInside else { throw error }
            // `quotedOrBareToken` left the position at the opening quote.
            defer { position = end }
            return (position + 1..<end, true)
        }
    }

    /// Consumes `byte` after any spaces.
    mutating func expect(_ byte: UInt8, _ field: Field) throws(ParseFailure) {
        skipSpaces()
        guard position < end else { throw ParseFailure(.truncated(field: field), at: end) }
        guard bytes[position] == byte else { throw ParseFailure(.unexpected(field: field), at: position) }
        position += 1
    }

    /// Requires a space or the end of the line here, after a closing bracket, brace or quote, so that `]x` is
    /// not read as `] x`.
    func requireSeparator(_ field: Field) throws(ParseFailure) {
        if position < end && bytes[position] != ASCII.space {
            throw ParseFailure(.unexpected(field: field), at: position)
        }
    }

    /// The failure for a field that should have started at `index`: truncated at the end of the line,
    /// otherwise `otherwise`.
    func missing(_ field: Field, at index: Int, otherwise reason: ParseFailure.Reason) -> ParseFailure {
        index >= end ? ParseFailure(.truncated(field: field), at: end) : ParseFailure(reason, at: index)
    }
}

/// Numbers: decimal digits only, checked for overflow, never through `Int(String)`.
extension ByteCursor {
    /// A non-negative decimal integer filling the range.
    func integer(_ range: Range<Int>, _ field: Field) throws(ParseFailure) -> Int {
        guard !range.isEmpty else { throw missing(field, at: range.lowerBound, otherwise: .badNumber(field: field)) }
        var value = 0
        // Eighteen digits always fit in an Int; only longer numbers need the overflow checks.
        if range.count <= 18 {
            for index in range {
                let digit = bytes[index] &- ASCII.zero
                guard digit < 10 else { throw ParseFailure(.badNumber(field: field), at: index) }
                value = value &* 10 &+ Int(digit)
            }
            return value
        }
        for index in range {
            let digit = bytes[index] &- ASCII.zero
            guard digit < 10 else { throw ParseFailure(.badNumber(field: field), at: index) }
            let (shifted, overflowed) = value.multipliedReportingOverflow(by: 10)
            let (sum, carried) = shifted.addingReportingOverflow(Int(digit))
            guard !overflowed && !carried else { throw ParseFailure(.outOfRange(field: field), at: range.lowerBound) }
            value = sum
        }
        return value
    }

    /// An integer no larger than `limit`.
    func integer(_ range: Range<Int>, _ field: Field, atMost limit: Int) throws(ParseFailure) -> Int {
        let value = try integer(range, field)
        guard value <= limit else { throw ParseFailure(.outOfRange(field: field), at: range.lowerBound) }
        return value
    }

    /// An integer where `-1` means "did not happen" (timers, status): nil for `-1`.
    func integerOrMinusOne(_ range: Range<Int>, _ field: Field) throws(ParseFailure) -> Int? {
        if matches(range, "-1") { return nil }
        if matches(range, "-") && range.upperBound >= end { throw ParseFailure.endedInside(field, at: end) }
        return try integer(range, field)
    }

    /// An integer that may carry a leading `+` (logasap totals and bytes, redispatched retries).
    func integerWithPlus(_ range: Range<Int>, _ field: Field) throws(ParseFailure) -> (value: Int, plus: Bool) {
        if !range.isEmpty && bytes[range.lowerBound] == ASCII.plus {
            return (try integer(range.lowerBound + 1..<range.upperBound, field), true)
        }
        return (try integer(range, field), false)
    }
}

/// Reads the `/`-separated parts of one token, such as `10/0/30/69/109`, naming the missing part when there
/// are too few.
struct SlashParts {
    let token: Range<Int>
    private var position: Int
    private var exhausted = false

    init(_ token: Range<Int>) {
        self.token = token
        self.position = token.lowerBound
    }

    mutating func next(_ field: ParseFailure.Field, in cursor: ByteCursor) throws(ParseFailure) -> Range<Int> {
        guard !exhausted else {
            throw cursor.missing(field, at: token.upperBound, otherwise: .unexpected(field: field))
        }
        if let slash = cursor.firstIndex(of: ASCII.slash, in: position..<token.upperBound) {
            defer { position = slash + 1 }
            return position..<slash
        }
        exhausted = true
        return position..<token.upperBound
    }

    /// Fails when the token has more parts than were read.
    func finish(_ field: ParseFailure.Field) throws(ParseFailure) {
        if !exhausted { throw ParseFailure(.unexpected(field: field), at: position - 1) }
    }
}
