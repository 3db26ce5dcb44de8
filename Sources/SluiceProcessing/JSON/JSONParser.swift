import SluiceJSON

/// Parses a log line that is one JSON object (RFC 8259) into a `JSONRecord`: every value's span, validated, in
/// one pass over the bytes, decoding nothing.
///
/// Iterative, not recursive: nesting is followed through the nodes' parent links, so a hostile line cannot
/// overflow the stack; deeper than `maximumDepth` is refused. A line that ends inside the object (the logger cut
/// it) is a truncated record: every value read up to the cut is kept, the value the cut fell inside is marked
/// incomplete (a string keeps what was logged), and a key cut before its value is not a member.
enum JSONParser {
    /// The deepest nesting a line may have (the root object is depth 1).
    static let maximumDepth = 512

    /// The record of `line`, or why it is not one JSON object.
    static func parse(_ line: ArraySlice<UInt8>) -> Result<JSONRecord, JSONSyntaxError> {
        guard line.count < Int(Int32.max) else {
            return .failure(JSONSyntaxError(message: "the line is longer than 2 GB", offset: 0))
        }
        let parsed = line.withUnsafeBufferPointer { bytes in
            var parser = Scanner(bytes: bytes)
            return Result { () throws(JSONSyntaxError) in try parser.parse() }
        }
        return parsed.map { JSONRecord(line: line, nodes: $0) }
    }

    /// What the parser expects next.
    private enum Expecting {
        /// A key or `}`: just after `{`.
        case firstKey
        /// A key: after `,` in an object.
        case key
        /// `:` after a key.
        case colon
        /// A value or `]`: just after `[`.
        case firstElement
        /// A value: after `:` or `,` in an array.
        case value
        /// `,` or the container's close, after a value.
        case separator
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var nodes: [JSONNode] = []
        /// The open container values are added to.
        var current: Int32 = -1
        var depth = 0
        /// The key read for the next value (-1 in arrays).
        var keyStart: Int32 = -1
        var keyEnd: Int32 = -1
        var keyFlags: UInt8 = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            nodes.reserveCapacity(32)
        }

        mutating func parse() throws(JSONSyntaxError) -> [JSONNode] {
            // A UTF-8 byte order mark before the object (a log file's first line, written by a Windows tool): RFC
            // 8259 lets a parser ignore it, and refusing would quarantine a whole line for an invisible mark.
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
            skipWhitespace()
            guard position < bytes.count else {
                throw JSONSyntaxError(
                    message: bytes.isEmpty ? "the line is empty" : "the line is blank", offset: position)
            }
            guard bytes[position] == UInt8(ascii: "{") else {
                throw JSONSyntaxError.expected("'{' (a line is one JSON object)", at: position, in: bytes)
            }
            open(.object)
            var expecting = Expecting.firstKey
            while true {
                skipWhitespace()
                guard position < bytes.count else {
                    cut()
                    return nodes
                }
                let byte = bytes[position]
                switch expecting {
                case .firstKey, .key:
                    if byte == UInt8(ascii: "}"), expecting == .firstKey {
                        if try close() { return nodes }
                        expecting = .separator
                    } else if byte == UInt8(ascii: "\"") {
                        let start = position + 1
                        let (escaped, complete) = try scanString()
                        guard complete else {
                            cut()
                            return nodes
                        }
                        keyStart = Int32(start)
                        keyEnd = Int32(position - 1)
                        keyFlags = escaped ? JSONNode.Flags.keyEscaped : 0
                        expecting = .colon
                    } else {
                        throw JSONSyntaxError.expected(
                            expecting == .firstKey ? "a key or '}'" : "a key", at: position, in: bytes)
                    }
                case .colon:
                    guard byte == UInt8(ascii: ":") else {
                        throw JSONSyntaxError.expected("':'", at: position, in: bytes)
                    }
                    position += 1
                    expecting = .value
                case .firstElement, .value:
                    if byte == UInt8(ascii: "]"), expecting == .firstElement {
                        if try close() { return nodes }
                        expecting = .separator
                        continue
                    }
                    switch byte {
                    case UInt8(ascii: "{"):
                        try openNested(.object)
                        expecting = .firstKey
                    case UInt8(ascii: "["):
                        try openNested(.array)
                        expecting = .firstElement
                    default:
                        guard try scalar(byte) else {
                            cut()
                            return nodes
                        }
                        expecting = .separator
                    }
                case .separator:
                    let isObject = nodes[Int(current)].kind == .object
                    if byte == UInt8(ascii: ",") {
                        position += 1
                        expecting = isObject ? .key : .value
                    } else if byte == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        if try close() { return nodes }
                    } else {
                        throw JSONSyntaxError.expected(isObject ? "',' or '}'" : "',' or ']'", at: position, in: bytes)
                    }
                }
            }
        }

        private mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        /// Adds a node for the value starting at `position`, under the current container and the key read.
        private mutating func add(_ kind: JSONNode.Kind, end: Int, flags: UInt8) {
            nodes.append(
                JSONNode(
                    start: Int32(position), end: Int32(end), keyStart: keyStart, keyEnd: keyEnd,
                    next: Int32(nodes.count + 1), parent: current, kind: kind, flags: flags | keyFlags))
            keyStart = -1
            keyEnd = -1
            keyFlags = 0
        }

        private mutating func open(_ kind: JSONNode.Kind) {
            add(kind, end: bytes.count, flags: 0)
            current = Int32(nodes.count - 1)
            depth += 1
            position += 1
        }

        private mutating func openNested(_ kind: JSONNode.Kind) throws(JSONSyntaxError) {
            guard depth < maximumDepth else {
                throw JSONSyntaxError(message: "nesting deeper than \(maximumDepth) levels", offset: position)
            }
            open(kind)
        }

        /// Closes the current container at `position`; true when it was the root (the line must end there).
        private mutating func close() throws(JSONSyntaxError) -> Bool {
            let index = Int(current)
            nodes[index].end = Int32(position + 1)
            nodes[index].next = Int32(nodes.count)
            current = nodes[index].parent
            depth -= 1
            position += 1
            guard current < 0 else { return false }
            skipWhitespace()
            guard position == bytes.count else {
                throw JSONSyntaxError(
                    message: "\(JSONSyntaxError.describe(bytes[position])) after the object", offset: position)
            }
            return true
        }

        /// The line ended inside the object: every open container is incomplete and ends with the line.
        private mutating func cut() {
            var index = current
            while index >= 0 {
                nodes[Int(index)].flags |= JSONNode.Flags.incomplete
                nodes[Int(index)].end = Int32(bytes.count)
                nodes[Int(index)].next = Int32(nodes.count)
                index = nodes[Int(index)].parent
            }
        }

        /// Reads the string, number or literal starting with `byte` at `position` into a node; false when the
        /// line ends inside it (the node is then marked incomplete).
        private mutating func scalar(_ byte: UInt8) throws(JSONSyntaxError) -> Bool {
            let start = position
            switch byte {
            case UInt8(ascii: "\""):
                let (escaped, complete) = try scanString()
                let flags = (escaped ? JSONNode.Flags.escaped : 0) | (complete ? 0 : JSONNode.Flags.incomplete)
                let end = position
                position = start
                add(.string, end: end, flags: flags)
                position = end
                return complete
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let complete = try scanNumber()
                let end = position
                position = start
                add(.number, end: end, flags: complete ? 0 : JSONNode.Flags.incomplete)
                position = end
                return complete
            case UInt8(ascii: "t"): return try literal("true", .true)
            case UInt8(ascii: "f"): return try literal("false", .false)
            case UInt8(ascii: "n"): return try literal("null", .null)
            default: throw JSONSyntaxError.expected("a value", at: position, in: bytes)
            }
        }

        private mutating func literal(_ text: StaticString, _ kind: JSONNode.Kind) throws(JSONSyntaxError) -> Bool {
            let start = position
            let expected = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
            for offset in 0..<expected.count {
                guard start + offset < bytes.count else {
                    add(.null, end: bytes.count, flags: JSONNode.Flags.incomplete)
                    position = bytes.count
                    return false
                }
                guard bytes[start + offset] == expected[offset] else {
                    throw JSONSyntaxError.expected("a value", at: start, in: bytes)
                }
            }
            add(kind, end: start + expected.count, flags: 0)
            position = start + expected.count
            return true
        }

        /// Reads a number (RFC 8259's grammar) from `position`; false when it runs to the end of the line, where
        /// the logger may have cut digits off it.
        private mutating func scanNumber() throws(JSONSyntaxError) -> Bool {
            @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
            if bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count else { return false }
            if bytes[position] == UInt8(ascii: "0") {
                position += 1
            } else if isDigit(bytes[position]) {
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            } else {
                throw JSONSyntaxError.expected("a digit", at: position, in: bytes)
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                position += 1
                guard position < bytes.count else { return false }
                guard isDigit(bytes[position]) else {
                    throw JSONSyntaxError.expected("a digit after '.'", at: position, in: bytes)
                }
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            }
            if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")
                {
                    position += 1
                }
                guard position < bytes.count else { return false }
                guard isDigit(bytes[position]) else {
                    throw JSONSyntaxError.expected("a digit in the exponent", at: position, in: bytes)
                }
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            }
            return position < bytes.count
        }

        /// Reads a string from its opening quote at `position`, validating its escapes and its UTF-8; leaves
        /// `position` past the closing quote. Whether it holds an escape, and whether it closed before the line
        /// ended; a string cut by the logger ends (`position`) after its last whole character or escape.
        private mutating func scanString() throws(JSONSyntaxError) -> (escaped: Bool, complete: Bool) {
            position += 1
            var escaped = false
            let count = bytes.count
            let base = bytes.baseAddress!
            while true {
                // Eight plain ASCII bytes at a time: most of a log line's strings.
                while position + 8 <= count {
                    let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                    if JSONEscaper.mayNeedEscape(word) || word & 0x8080_8080_8080_8080 != 0 { break }
                    position += 8
                }
                guard position < count else { return (escaped, false) }
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "\""):
                    position += 1
                    return (escaped, true)
                case UInt8(ascii: "\\"):
                    escaped = true
                    guard let length = try escapeLength() else { return (escaped, false) }
                    position += length
                case 0x00..<0x20:
                    let hex = (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
                    throw JSONSyntaxError(
                        message: "control character 0x\(hex) in a string (escape it)", offset: position)
                case 0x20..<0x80:
                    position += 1
                default:
                    guard let length = try utf8Length() else { return (escaped, false) }
                    position += length
                }
            }
        }

        /// The length of the escape at `position`; nil when the line ends inside it.
        private func escapeLength() throws(JSONSyntaxError) -> Int? {
            guard position + 1 < bytes.count else { return nil }
            switch bytes[position + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                return 2
            case UInt8(ascii: "u"):
                for offset in 2..<6 {
                    guard position + offset < bytes.count else { return nil }
                    guard JSONUnescaper.hexValue(bytes[position + offset]) != nil else {
                        throw JSONSyntaxError.expected(
                            "four hex digits after \\u", at: position + offset, in: bytes)
                    }
                }
                return 6
            default:
                let byte = bytes[position + 1]
                let shown =
                    (0x21...0x7E).contains(byte)
                    ? "'\\\(Character(Unicode.Scalar(byte)))'"
                    : "'\\' then byte 0x\(String(byte, radix: 16, uppercase: true))"
                throw JSONSyntaxError(message: "invalid escape \(shown)", offset: position)
            }
        }

        /// The length of the multi-byte UTF-8 character at `position` (RFC 3629: no overlong forms, no
        /// surrogates, nothing past U+10FFFF); nil when the line ends inside it.
        private func utf8Length() throws(JSONSyntaxError) -> Int? {
            guard let (length, second) = UTF8Lead.shape(bytes[position]) else {
                throw JSONSyntaxError(message: "invalid UTF-8 in a string", offset: position)
            }
            for offset in 1..<length {
                guard position + offset < bytes.count else { return nil }
                let byte = bytes[position + offset]
                guard (offset == 1 ? second : 0x80...0xBF).contains(byte) else {
                    throw JSONSyntaxError(message: "invalid UTF-8 in a string", offset: position)
                }
            }
            return length
        }
    }
}
