/// Where a declared column's value is in a record: a manifest's `from:`, such as `status`,
/// `http.request.status`, `items[0].id`, `request_headers[1]` or `labels["app.kubernetes.io/name"]`.
///
/// Why in this module: the manifest validates the text (SluiceModel) and the processor resolves it against a
/// format's records (SluiceProcessing); both read it through this one parser, so the two cannot disagree on
/// what a path means.
///
/// Grammar: a path is a first key, then any number of steps: `.key`, `[index]` (decimal, 0 to 999,999) or
/// `["quoted key"]` (`\"` and `\\` escaped inside). A bare key is one or more bytes other than `.`, `[`, `]`,
/// `"`, spaces and control characters; a quoted key may hold any of them. A path starting with `$` names a value
/// every format gives about the line itself (`$truncated`), not a field of the record.
package struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    package enum Step: Sendable, Hashable {
        /// An object member (a JSON key, or a field of a fixed format's record).
        case key(String)
        /// An array element, from 0.
        case index(Int)
    }

    /// The steps, in order; never empty, and the first is a `.key`.
    package let steps: [Step]
    /// The text as the manifest wrote it.
    package let text: String

    /// The largest array index a path may name: no log line holds a longer array worth a column.
    package static let maximumIndex = 999_999

    /// The path `text` names; throws, with the byte offset of the problem, for text that is not one.
    package init(parsing text: String) throws(FieldPathError) {
        self.text = text
        var parser = FieldPathParser(Array(text.utf8))
        self.steps = try parser.parse()
    }

    /// A one-key path (a fixed format's field name, used as it is).
    package init(key: String) {
        text = key
        steps = [.key(key)]
    }

    /// The key of a one-key path; nil for a path of more steps.
    package var singleKey: String? {
        guard steps.count == 1, case .key(let key) = steps[0] else { return nil }
        return key
    }

    /// Whether the path names a value about the line (`$truncated`) rather than a field of the record.
    package var isLineProperty: Bool { text.hasPrefix("$") }

    package var description: String { text }
}

/// Why text is not a `FieldPath`.
package struct FieldPathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    package let message: String
    /// The byte offset of the problem in the path's text, from 0.
    package let offset: Int

    package var description: String { "\(message) (at byte \(offset + 1) of the path)" }
}

/// The `FieldPath` grammar, byte by byte.
private struct FieldPathParser {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func parse() throws(FieldPathError) -> [FieldPath.Step] {
        guard !bytes.isEmpty else { throw FieldPathError(message: "the path is empty", offset: 0) }
        var steps: [FieldPath.Step] = []
        if bytes[0] == UInt8(ascii: "[") {
            let step = try bracket()
            guard case .key = step else {
                throw FieldPathError(message: "a path starts with a key, not an index", offset: 0)
            }
            steps.append(step)
        } else {
            steps.append(.key(try bareKey()))
        }
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "."):
                position += 1
                steps.append(.key(try bareKey()))
            case UInt8(ascii: "["):
                steps.append(try bracket())
            default:
                throw FieldPathError(
                    message: "expected `.key`, `[index]` or `[\"key\"]` after \(describe(steps.last!))",
                    offset: position)
            }
        }
        return steps
    }

    private func describe(_ step: FieldPath.Step) -> String {
        switch step {
        case .key(let key): "key \(key.debugDescription)"
        case .index(let index): "index \(index)"
        }
    }

    private static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x00...0x20, 0x7F, UInt8(ascii: "."), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\""):
            false
        default:
            true
        }
    }

    private mutating func bareKey() throws(FieldPathError) -> String {
        let start = position
        while position < bytes.count, Self.isBareKeyByte(bytes[position]) { position += 1 }
        guard position > start else {
            let found = position < bytes.count ? "`\(Character(Unicode.Scalar(bytes[position])))`" : "the end"
            throw FieldPathError(message: "expected a key, found \(found)", offset: position)
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// `[123]` or `["key"]`, `position` at its `[`.
    private mutating func bracket() throws(FieldPathError) -> FieldPath.Step {
        let open = position
        position += 1
        guard position < bytes.count else {
            throw FieldPathError(message: "`[` is not closed", offset: open)
        }
        if bytes[position] == UInt8(ascii: "\"") {
            position += 1
            var key: [UInt8] = []
            while true {
                guard position < bytes.count else {
                    throw FieldPathError(message: "the quoted key is not closed", offset: open)
                }
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\\") {
                    guard position < bytes.count,
                        bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "\\")
                    else {
                        throw FieldPathError(
                            message: "only `\\\"` and `\\\\` are escapes in a quoted key", offset: position - 1)
                    }
                    key.append(bytes[position])
                    position += 1
                    continue
                }
                key.append(byte)
            }
            guard position < bytes.count, bytes[position] == UInt8(ascii: "]") else {
                throw FieldPathError(message: "expected `]` after the quoted key", offset: position)
            }
            position += 1
            guard !key.isEmpty else { throw FieldPathError(message: "the quoted key is empty", offset: open) }
            return .key(String(decoding: key, as: UTF8.self))
        }
        var index = 0
        let digits = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            index = index * 10 + Int(bytes[position] - UInt8(ascii: "0"))
            position += 1
            guard index <= FieldPath.maximumIndex else {
                throw FieldPathError(
                    message: "an index is at most \(FieldPath.maximumIndex)", offset: digits)
            }
        }
        guard position > digits else {
            throw FieldPathError(message: "expected an index (digits) or a quoted key after `[`", offset: position)
        }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "]") else {
            throw FieldPathError(message: "expected `]` after the index", offset: position)
        }
        position += 1
        return .index(index)
    }
}
