/// A declared column's `template:`: which part of a text value fills the column, such as
/// `/integrations/{integration_id}/**` on a request path or `{account_id}.*.*` on a host name.
///
/// Why in this module: the manifest validates the text (SluiceModel) and the processor matches values with it
/// (SluiceProcessing); both read it through this one parser, so the two cannot disagree on what it means.
///
/// Language, byte by byte (README, "Columns declared"):
/// - literal bytes match themselves; `\{`, `\}`, `\*` and `\\` are those bytes;
/// - exactly one capture `{name}`: the column's value; it matches one or more bytes (an empty capture matches
///   nothing, so the column is null);
/// - `*` matches any bytes, possibly none;
/// - `**`, only at the end, matches the rest of the value (possibly empty); a final `/**` also matches no `/` at all,
///   so `/a/{x}/**` matches `/a/b` as well as `/a/b/c/d`.
/// - A capture or `*` never crosses a `/` (it stays within one segment of a path), and stops at the first place
///   the literal after it begins (`{account_id}.*` stops at the first `.`); it never backtracks, so matching is
///   linear in the value.
/// - The template matches the whole value, from its first byte to its last (`**` takes whatever is left).
/// - A template that starts with `/` matches the path of a URI: a value in absolute form, `scheme://authority/path`
///   (HAProxy logs HTTP/2 requests so), is matched from the `/` that starts its path.
package struct Template: Sendable, Hashable, CustomStringConvertible {
    /// One part of a template.
    package enum Token: Sendable, Hashable {
        case literal([UInt8])
        case capture(String)
        /// `*`.
        case star
        /// `**`, the last token.
        case rest
    }

    /// The text as the manifest wrote it.
    package let text: String
    /// The parts, in order.
    package let tokens: [Token]
    /// The capture's name: the column it fills.
    package let captureName: String
    /// Whether the template matches a URI's path (it starts with `/`).
    let matchesPath: Bool
    /// The tokens compiled for matching: literals as ranges of `literals`, so that matching a value retains nothing
    /// (the processor matches every line).
    let steps: [Step]
    /// Every literal's bytes, one after the other.
    let literals: [UInt8]

    /// A compiled token.
    enum Step: Sendable, Hashable {
        case literal(Range<Int>)
        /// A final `/**`: the literal before its `/`, then a `/` (and anything) or the end of the value.
        case optionalTail(Range<Int>)
        case capture
        case star
        case rest
    }

    /// The longest template: a manifest value, never data.
    package static let maximumLength = 4096

    /// The template `text` spells; throws, with the byte offset of the problem, for text that is not one.
    package init(parsing text: String) throws(TemplateError) {
        self.text = text
        var parser = TemplateParser(Array(text.utf8))
        let (tokens, name) = try parser.parse()
        self.tokens = tokens
        self.captureName = name
        self.matchesPath = text.utf8.first == UInt8(ascii: "/")
        var steps: [Step] = []
        var literals: [UInt8] = []
        for (index, token) in tokens.enumerated() {
            switch token {
            case .literal(let bytes):
                let isTail = index + 2 == tokens.count && tokens[index + 1] == .rest && bytes.last == UInt8(ascii: "/")
                let kept = isTail ? bytes.dropLast() : bytes[...]
                let range = literals.count..<(literals.count + kept.count)
                literals.append(contentsOf: kept)
                steps.append(isTail ? .optionalTail(range) : .literal(range))
            case .capture: steps.append(.capture)
            case .star: steps.append(.star)
            case .rest:
                if case .optionalTail? = steps.last { continue }
                steps.append(.rest)
            }
        }
        self.steps = steps
        self.literals = literals
    }

    package var description: String { text }

    /// The captured text of `value`; nil when the template does not match it (or captures nothing).
    package func capture(_ value: String) -> String? {
        var value = value
        return value.withUTF8 { bytes in
            guard let range = captureRange(bytes) else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
    }

    /// Where the capture is in `bytes`; nil when the template does not match them (or captures nothing).
    package func captureRange(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        literals.withUnsafeBufferPointer { literals in
            steps.withUnsafeBufferPointer { steps in
                Self.match(bytes, steps: steps, literals: literals, matchesPath: matchesPath)
            }
        }
    }

    private static func match(
        _ bytes: UnsafeBufferPointer<UInt8>, steps: UnsafeBufferPointer<Step>, literals: UnsafeBufferPointer<UInt8>,
        matchesPath: Bool
    ) -> Range<Int>? {
        let slash = UInt8(ascii: "/")
        let end = bytes.count
        var position = 0
        if matchesPath, bytes.first != slash {
            guard let pathStart = pathStart(bytes) else { return nil }
            position = pathStart
        }
        var captured: Range<Int>?
        for index in steps.indices {
            switch steps[index] {
            case .literal(let range):
                let literal = UnsafeBufferPointer(rebasing: literals[range])
                guard starts(bytes, at: position, with: literal) else { return nil }
                position += literal.count
            case .optionalTail(let range):
                let literal = UnsafeBufferPointer(rebasing: literals[range])
                guard starts(bytes, at: position, with: literal) else { return nil }
                position += literal.count
                return position == end || bytes[position] == slash ? captured : nil
            case .capture, .star:
                let next = index + 1 < steps.count ? steps[index + 1] : nil
                guard let stop = stop(bytes, from: position, before: next, literals: literals) else { return nil }
                if case .capture = steps[index] {
                    guard stop > position else { return nil }
                    captured = position..<stop
                }
                position = stop
            case .rest:
                return captured
            }
        }
        return position == end ? captured : nil
    }

    /// Where a capture or `*` starting at `start` ends: at the first place the literal after it (`next`) begins, or,
    /// with no literal after it, at the end of the segment; nil when the literal is not in the segment.
    private static func stop(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, before next: Step?, literals: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        let slash = UInt8(ascii: "/")
        let end = bytes.count
        let needle: UnsafeBufferPointer<UInt8>
        let optionalTail: Bool
        switch next {
        case .literal(let range)?:
            needle = UnsafeBufferPointer(rebasing: literals[range])
            optionalTail = false
        case .optionalTail(let range)?:
            // What precedes the final `/**`'s `/`, then a `/` or the end.
            needle = UnsafeBufferPointer(rebasing: literals[range])
            optionalTail = true
        default:
            var position = start
            while position < end, bytes[position] != slash { position += 1 }
            return position
        }
        var position = start
        while true {
            if starts(bytes, at: position, with: needle) {
                let after = position + needle.count
                if !optionalTail || after == end || bytes[after] == slash { return position }
            }
            guard position < end, bytes[position] != slash else { return nil }
            position += 1
        }
    }

    @inline(__always)
    private static func starts(
        _ bytes: UnsafeBufferPointer<UInt8>, at position: Int, with literal: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        guard bytes.count - position >= literal.count else { return false }
        var offset = position
        for byte in literal {
            guard bytes[offset] == byte else { return false }
            offset += 1
        }
        return true
    }

    /// Where the path of an absolute-form URI (`scheme://authority/path`, RFC 3986: a letter, then letters,
    /// digits, `+`, `-` and `.`) starts: its first `/` after the authority, or the end for a URI without a path;
    /// nil for a value of another form.
    static func pathStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) }
        guard let first = bytes.first, isLetter(first) else { return nil }
        var position = 1
        while position < bytes.count {
            let byte = bytes[position]
            guard
                isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            else { break }
            position += 1
        }
        guard bytes.count - position >= 3, bytes[position] == UInt8(ascii: ":"),
            bytes[position + 1] == UInt8(ascii: "/"), bytes[position + 2] == UInt8(ascii: "/")
        else { return nil }
        position += 3
        while position < bytes.count, bytes[position] != UInt8(ascii: "/") { position += 1 }
        return position
    }
}

/// Why text is not a `Template`.
package struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    package let message: String
    /// The byte offset of the problem in the template's text, from 0.
    package let offset: Int

    package init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    package var description: String { "\(message) (at byte \(offset + 1) of the template)" }
}

/// The `Template` grammar, byte by byte.
private struct TemplateParser {
    let bytes: [UInt8]
    var position = 0
    var tokens: [Template.Token] = []
    var literal: [UInt8] = []
    var name: String?

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func parse() throws(TemplateError) -> ([Template.Token], String) {
        guard !bytes.isEmpty else { throw TemplateError(message: "the template is empty", offset: 0) }
        guard bytes.count <= Template.maximumLength else {
            throw TemplateError(
                message: "a template is at most \(Template.maximumLength) bytes", offset: Template.maximumLength)
        }
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\\"):
                guard position + 1 < bytes.count,
                    [UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "*")]
                        .contains(bytes[position + 1])
                else {
                    throw TemplateError(
                        message: "only `\\{`, `\\}`, `\\*` and `\\\\` are escapes in a template", offset: position)
                }
                literal.append(bytes[position + 1])
                position += 2
            case UInt8(ascii: "{"):
                try capture()
            case UInt8(ascii: "}"):
                throw TemplateError(message: "`}` without `{` (write `\\}` for the byte itself)", offset: position)
            case UInt8(ascii: "*"):
                let isRest = position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "*")
                try wildcard(isRest ? .rest : .star, at: position)
                position += isRest ? 2 : 1
                if isRest, position < bytes.count {
                    throw TemplateError(
                        message: "`**` matches the rest of the value, so it ends the template", offset: position - 2)
                }
            case 0x00...0x1F, 0x7F:
                throw TemplateError(message: "a template holds no control characters", offset: position)
            default:
                literal.append(byte)
                position += 1
            }
        }
        flushLiteral()
        guard let name else {
            throw TemplateError(message: "a template captures one value, `{name}` (named like its column)", offset: 0)
        }
        return (tokens, name)
    }

    private mutating func flushLiteral() {
        if !literal.isEmpty { tokens.append(.literal(literal)) }
        literal = []
    }

    /// Appends a capture, `*` or `**` at `offset`, refusing one right after a capture or `*`: where the first
    /// would end is then undefined.
    private mutating func wildcard(_ token: Template.Token, at offset: Int) throws(TemplateError) {
        flushLiteral()
        if let last = tokens.last, token != .rest {
            switch last {
            case .capture(let previous):
                throw TemplateError(
                    message: "a wildcard right after `{\(previous)}`: put a literal between them", offset: offset)
            case .star:
                throw TemplateError(message: "a wildcard right after `*`: put a literal between them", offset: offset)
            case .literal, .rest:
                break
            }
        }
        tokens.append(token)
    }

    /// `{name}`, `position` at its `{`.
    private mutating func capture() throws(TemplateError) {
        let open = position
        var end = position + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "}") {
            let byte = bytes[end]
            let isNameByte =
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
            guard isNameByte else {
                throw TemplateError(
                    message: "a capture's name is letters, digits and `_` (write `\\{` for the byte itself)",
                    offset: end)
            }
            end += 1
        }
        guard end < bytes.count else { throw TemplateError(message: "`{` is not closed", offset: open) }
        guard end > open + 1 else { throw TemplateError(message: "the capture `{}` has no name", offset: open) }
        guard name == nil else {
            throw TemplateError(message: "a template captures one value; this is a second `{...}`", offset: open)
        }
        let captured = String(decoding: bytes[(open + 1)..<end], as: UTF8.self)
        try wildcard(.capture(captured), at: open)
        name = captured
        position = end + 1
    }
}
