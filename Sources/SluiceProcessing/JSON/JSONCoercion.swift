/// A JSON value as the value of a column of a declared type, or the quarantine reason it cannot be one: the rules
/// README's "json" section writes down. Every reason names the path and the value as logged (shortened).
enum JSONCoercion {
    /// The value `path` leads to in `record`, as a value of `type`.
    static func read(_ path: JSONPath, from record: JSONRecord, as type: ColumnType) -> Result<Row.Value, LineFailure> {
        switch path.resolve(in: record) {
        case .missing: return .success(.null)
        case .cutAway: return .failure(JSONFormat.cutAwayFailure(path.text))
        case .duplicate(let key):
            return .failure(
                LineFailure(
                    "\(path.text): the key \(shorten(key).debugDescription) occurs more than once in its object, "
                        + "so which value is meant is ambiguous"))
        case .found(let index): return value(record.nodes[index], of: record, at: path.text, as: type)
        }
    }

    /// `node`'s value as a value of `type`.
    static func value(_ node: JSONNode, of record: JSONRecord, at path: String, as type: ColumnType)
        -> Result<Row.Value, LineFailure>
    {
        func refuse(_ why: String) -> Result<Row.Value, LineFailure> {
            .failure(LineFailure("\(path) = \(shown(node, of: record)): \(why)"))
        }
        if node.isIncomplete {
            // What was logged of a cut string, object or array is kept as text; a cut number or literal, or a
            // cut string read as another type, could be wrong (`20` of `200`): the line is quarantined.
            let keptAsText = type == .string && (node.kind == .string || node.kind == .object || node.kind == .array)
            guard keptAsText else {
                return .failure(LineFailure("line cut by the logger inside \(path), which the table reads"))
            }
        }
        if node.kind == .null { return .success(.null) }
        switch type {
        case .string:
            switch node.kind {
            case .string: return .success(.string(record.string(node)))
            case .true: return .success(.string("true"))
            case .false: return .success(.string("false"))
            case .number, .object, .array: return .success(.string(String(decoding: record.bytes(node), as: UTF8.self)))
            case .null: return .success(.null)
            }
        case .int, .bigint:
            guard let text = numberText(node, of: record) else { return refuse("\(kind(node)) is not an integer") }
            switch JSONNumber.integer(text) {
            case .value(let integer):
                guard type == .bigint || Int64(Int32.min)...Int64(Int32.max) ~= integer else {
                    return refuse("out of the int range (declare the column bigint)")
                }
                return .success(.int(integer))
            case .fraction: return refuse("has a fraction, not an integer (declare the column double)")
            case .outOfRange: return refuse("out of the \(type.rawValue) range")
            case .notANumber: return refuse("\(kind(node)) that is not an integer")
            }
        case .double:
            guard let text = numberText(node, of: record) else { return refuse("\(kind(node)) is not a number") }
            guard let number = JSONNumber.double(text) else { return refuse("\(kind(node)) that is not a number") }
            guard number.isFinite else { return refuse("out of the double range") }
            return .success(.double(number))
        case .boolean:
            switch node.kind {
            case .true: return .success(.bool(true))
            case .false: return .success(.bool(false))
            case .string:
                let text = stringBytes(node, of: record)
                if text.elementsEqual("true".utf8) { return .success(.bool(true)) }
                if text.elementsEqual("false".utf8) { return .success(.bool(false)) }
                return refuse("a string that is not \"true\" or \"false\"")
            default: return refuse("\(kind(node)) is not a boolean")
            }
        case .timestamp, .date:
            let milliseconds: Int64?
            switch node.kind {
            case .string:
                let text = stringBytes(node, of: record)
                if let instant = JSONTimestamp.milliseconds(text: text) {
                    // An offset can move 0001-01-01 or 9999-12-31 out of the years a timestamp holds.
                    guard JSONTimestamp.range.contains(instant) else {
                        return refuse("outside the years 1 to 9999 in UTC")
                    }
                    milliseconds = instant
                } else {
                    milliseconds = JSONTimestamp.milliseconds(epoch: text)
                }
            case .number: milliseconds = JSONTimestamp.milliseconds(epoch: record.bytes(node))
            default: return refuse("\(kind(node)) is not a \(type.rawValue)")
            }
            guard let milliseconds else {
                return refuse(
                    node.kind == .number
                        ? "out of the \(type.rawValue) range as epoch time"
                        : "not an RFC 3339 \(type.rawValue), nor a number of epoch time")
            }
            return .success(type == .date ? .date(Timestamps.days(milliseconds)) : .timestamp(milliseconds))
        }
    }

    /// A number's text, or a string's (which a numeric column reads as the number it holds); nil for other kinds.
    private static func numberText(_ node: JSONNode, of record: JSONRecord) -> ArraySlice<UInt8>? {
        switch node.kind {
        case .number: record.bytes(node)
        case .string: stringBytes(node, of: record)
        default: nil
        }
    }

    /// A string's bytes, unescaped.
    private static func stringBytes(_ node: JSONNode, of record: JSONRecord) -> ArraySlice<UInt8> {
        let contents = record.contents(node)
        return node.flags & JSONNode.Flags.escaped != 0 ? JSONString.unescape(contents)[...] : contents
    }

    private static func kind(_ node: JSONNode) -> String {
        switch node.kind {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .true, .false: "a boolean"
        case .null: "null"
        }
    }

    /// The longest value a reason quotes, in bytes.
    static let shownLength = 60

    /// `node`'s value as logged, shortened to `shownLength` bytes (at a character's start) with `…` after.
    static func shown(_ node: JSONNode, of record: JSONRecord) -> String {
        shorten(String(decoding: record.bytes(node), as: UTF8.self))
    }

    static func shorten(_ text: String) -> String {
        guard text.utf8.count > shownLength else { return text }
        let bytes = Array(text.utf8.prefix(shownLength + 1))
        var end = shownLength
        while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }  // not inside a character
        return String(decoding: bytes[..<end], as: UTF8.self) + "…"
    }
}
