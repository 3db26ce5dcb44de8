extension JSONValue {
    /// The deepest nesting of arrays and objects `init(parsing:)` reads by default: far beyond any JSON Sluice reads,
    /// and shallow enough that no input runs the stack out.
    package static let defaultMaximumDepth = 512

    /// Decodes JSON text (RFC 8259, strictly): one value with optional white space around it, UTF-8, no
    /// comments, trailing commas, leading zeros, `NaN` or raw control characters in strings. A duplicated key keeps
    /// its last value, as most decoders do. Arrays and objects nest at most `maximumDepth` deep. A `\u` escape of a
    /// lone surrogate becomes U+FFFD.
    package init(parsing bytes: some Collection<UInt8>, maximumDepth: Int = JSONValue.defaultMaximumDepth)
        throws(JSONDecodingError)
    {
        let result: Result<JSONValue, JSONDecodingError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONDecodingError) in
                var reader = JSONValueReader(bytes: buffer, maximumDepth: maximumDepth)
                return try reader.document()
            }
        }
        if let result {
            self = try result.get()
        } else {
            self = try JSONValue(parsing: Array(bytes), maximumDepth: maximumDepth)
        }
    }

    /// Decodes JSON text from a string, as `init(parsing:)` does from bytes.
    package init(parsing text: String, maximumDepth: Int = JSONValue.defaultMaximumDepth) throws(JSONDecodingError) {
        self = try JSONValue(parsing: Array(text.utf8), maximumDepth: maximumDepth)
    }
}

/// The decoder's cursor over the bytes of one document.
private struct JSONValueReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    mutating func document() throws(JSONDecodingError) -> JSONValue {
        skipSpace()
        let value = try value(depth: 0)
        skipSpace()
        guard index == bytes.count else { throw error("expected the end of the document, found \(found())") }
        return value
    }

    private mutating func value(depth: Int) throws(JSONDecodingError) -> JSONValue {
        guard index < bytes.count else { throw error("expected a value, found the end of the document") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw error("expected a value, found \(found())")
        }
    }

    private mutating func object(depth: Int) throws(JSONDecodingError) -> JSONValue {
        guard depth < maximumDepth else { throw error("nested deeper than \(maximumDepth) arrays and objects") }
        index += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if take(UInt8(ascii: "}")) { return .object(members) }
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("expected a string key, found \(found())")
            }
            let key = try string()
            skipSpace()
            guard take(UInt8(ascii: ":")) else { throw error("expected ':' after an object key, found \(found())") }
            skipSpace()
            members[key] = try value(depth: depth + 1)
            skipSpace()
            if take(UInt8(ascii: "}")) { return .object(members) }
            guard take(UInt8(ascii: ",")) else { throw error("expected ',' or '}' in an object, found \(found())") }
            skipSpace()
        }
    }

    private mutating func array(depth: Int) throws(JSONDecodingError) -> JSONValue {
        guard depth < maximumDepth else { throw error("nested deeper than \(maximumDepth) arrays and objects") }
        index += 1
        var items: [JSONValue] = []
        skipSpace()
        if take(UInt8(ascii: "]")) { return .array(items) }
        while true {
            items.append(try value(depth: depth + 1))
            skipSpace()
            if take(UInt8(ascii: "]")) { return .array(items) }
            guard take(UInt8(ascii: ",")) else { throw error("expected ',' or ']' in an array, found \(found())") }
            skipSpace()
        }
    }

    /// A string from its opening quote: checked (escapes, UTF-8, no control characters), then decoded.
    private mutating func string() throws(JSONDecodingError) -> String {
        index += 1
        let start = index
        var escaped = false
        while true {
            guard index < bytes.count else {
                index = start - 1
                throw error("a string that does not end")
            }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                let contents = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                guard escaped else { return String(decoding: contents, as: UTF8.self) }
                var text: [UInt8] = []
                text.reserveCapacity(contents.count)
                JSONUnescaper.unescape(contents, into: &text)
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                escaped = true
                try escape()
            case ..<0x20:
                throw error("a raw control character (byte 0x\(hex(byte))) in a string; JSON writes it escaped")
            case ..<0x80: index += 1
            default: try utf8Sequence()
            }
        }
    }

    /// Checks one escape at `index` and moves past it.
    private mutating func escape() throws(JSONDecodingError) {
        guard index + 1 < bytes.count else {
            index += 1
            throw error("expected an escape after '\\', found the end of the document")
        }
        switch bytes[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 2
        case UInt8(ascii: "u"):
            guard index + 6 <= bytes.count, JSONUnescaper.hex4(bytes.baseAddress! + index + 2) != nil else {
                throw error("expected four hex digits after '\\u'")
            }
            index += 6
        default:
            let kind = bytes[index + 1]
            let shown =
                (0x21...0x7E).contains(kind)
                ? "'\\\(Character(Unicode.Scalar(kind)))'" : "'\\' before byte 0x\(hex(kind))"
            throw error("an unknown escape \(shown)")
        }
    }

    /// Checks one multi-byte UTF-8 sequence at `index` (RFC 3629: no overlong form, no surrogate, nothing above
    /// U+10FFFF) and moves past it.
    private mutating func utf8Sequence() throws(JSONDecodingError) {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xED:
            length = 3
            high = 0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF4:
            length = 4
            high = 0x8F
        case 0xF1...0xF3: length = 4
        default: throw error("a byte that is not UTF-8 (0x\(hex(lead)))")
        }
        for offset in 1..<length {
            let allowed = offset == 1 ? low...high : 0x80...0xBF
            guard index + offset < bytes.count, allowed.contains(bytes[index + offset]) else {
                throw error("a byte that is not UTF-8 (0x\(hex(lead)) starts a sequence it does not finish)")
            }
        }
        index += length
    }

    /// A number (`-? int frac? exp?`): `.int` when it is an integer `Int` holds, its text as `.number` otherwise.
    private mutating func number() throws(JSONDecodingError) -> JSONValue {
        let start = index
        var integral = true
        _ = take(UInt8(ascii: "-"))
        if take(UInt8(ascii: "0")) {
            if index < bytes.count, isDigit(bytes[index]) { throw error("a number with a leading zero") }
        } else {
            try digits(after: "'-'")
        }
        if take(UInt8(ascii: ".")) {
            integral = false
            try digits(after: "a decimal point")
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            integral = false
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            try digits(after: "an exponent")
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        // `-0` stays text: as an Int it would be written `0`.
        if integral, text != "-0", let integer = Int(text) { return .int(integer) }
        return .number(text)
    }

    private mutating func digits(after what: String) throws(JSONDecodingError) {
        guard index < bytes.count, isDigit(bytes[index]) else {
            throw error("expected a digit after \(what), found \(found())")
        }
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) throws(JSONDecodingError) -> JSONValue {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
            UnsafeBufferPointer(rebasing: bytes[index..<index + count]).elementsEqual(
                UnsafeBufferPointer(start: word.utf8Start, count: count))
        else { throw error("expected a value, found \(found())") }
        index += count
        return value
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
            default: return
            }
        }
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// The byte at `index` as a message shows it: printable ASCII quoted, anything else in hex.
    private func found() -> String {
        guard index < bytes.count else { return "the end of the document" }
        let byte = bytes[index]
        return (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(hex(byte))"
    }

    private func hex(_ byte: UInt8) -> String {
        String(decoding: [upper(byte >> 4), upper(byte & 15)], as: UTF8.self)
    }

    private func upper(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
    }

    /// An error at `index`, with its line and column.
    private func error(_ message: String) -> JSONDecodingError {
        var line = 1
        var lineStart = 0
        for position in 0..<min(index, bytes.count) where bytes[position] == UInt8(ascii: "\n") {
            line += 1
            lineStart = position + 1
        }
        return JSONDecodingError(message: message, offset: index, line: line, column: index - lineStart + 1)
    }
}
