/// Reads one CloudWatch Logs subscription document (`{"messageType":..., "logEvents":[{"timestamp":...,
/// "message":...}, ...], ...}`) straight from its bytes: no JSON decoder, no Foundation, no `String` per event.
///
/// It checks the whole document as JSON (RFC 8259: every string valid UTF-8 without raw control characters,
/// every escape valid, surrogates paired, numbers well formed, nesting at most `maximumDepth`), refuses a key
/// repeated in any object at any depth (readers disagree on which value such a document holds), accepts its
/// fields in any order and ignores fields it does not know. Only then are the events handed out, so a document
/// is either read whole or refused whole. A message without escapes is a range of the document's own bytes;
/// an escaped one is decoded once into `unescaped`. The buffers are reused from one document to the next.
struct CloudWatchDocumentScanner {
    /// One log event: its message, as a range of the document (`escaped` false) or of `unescaped` (true), and
    /// its timestamp when the document gives one.
    struct Event: Equatable {
        var start: Int
        var end: Int
        var escaped: Bool
        var timestamp: Int64?
    }

    /// What a document is.
    enum Outcome: Equatable {
        /// A DATA_MESSAGE: its events are in `events`.
        case data
        /// A CONTROL_MESSAGE: it carries no log events.
        case control
        /// Not a readable subscription document, with why.
        case refused(String)
    }

    /// Containers nested deeper than this are refused rather than followed (the reader recurses).
    static let maximumDepth = 512
    /// Above this many keys in one object, repeats are found with a set rather than by comparing each pair.
    static let linearKeyLimit = 16

    /// The events of the last DATA_MESSAGE scanned.
    private(set) var events: [Event] = []
    /// The decoded text of the last document's escaped messages, back to back.
    private(set) var unescaped: [UInt8] = []

    /// Keys of the open objects, innermost last: their ranges in the document, or in `keyText` when escaped.
    private var keys: [(start: Int, end: Int, escaped: Bool)] = []
    private var keyText: [UInt8] = []

    private struct Fields {
        var messageType: (start: Int, end: Int, escaped: Bool)?
        var sawLogEvents = false
        var logEventsNull = false
        var duplicate: (start: Int, end: Int, escaped: Bool)?
    }

    /// Scans `document`, which the caller keeps alive while it reads `events` from it.
    mutating func scan(_ document: UnsafeBufferPointer<UInt8>) -> Outcome {
        events.removeAll(keepingCapacity: true)
        unescaped.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        keyText.removeAll(keepingCapacity: true)
        guard let base = document.baseAddress else { return .refused(Self.notADocument) }
        var reader = Reader(bytes: base, end: document.count)
        var fields = Fields()
        do throws(ScanFailure) {
            reader.skipSpace()
            try readDocument(&reader, &fields)
            reader.skipSpace()
            guard reader.index == reader.end else { throw ScanFailure.syntax }
        } catch {
            events.removeAll(keepingCapacity: true)
            guard case .escape(let offset) = error else { return .refused(Self.notADocument) }
            return .refused("\(Self.notADocument): invalid escape at byte \(offset) of the document")
        }
        if let duplicate = fields.duplicate {
            events.removeAll(keepingCapacity: true)
            let key =
                duplicate.escaped
                ? Array(keyText[duplicate.start..<duplicate.end])
                : Array(document[duplicate.start..<duplicate.end])
            return .refused(
                "CloudWatch Logs document with a duplicated key \"\(String(decoding: key, as: UTF8.self))\"")
        }
        guard let type = fields.messageType else { return .refused(Self.notADocument) }
        let typeBytes = type.escaped ? Array(keyText[type.start..<type.end]) : Array(document[type.start..<type.end])
        if typeBytes.elementsEqual("CONTROL_MESSAGE".utf8) {
            events.removeAll(keepingCapacity: true)
            return .control
        }
        guard typeBytes.elementsEqual("DATA_MESSAGE".utf8) else {
            events.removeAll(keepingCapacity: true)
            let name = String(decoding: typeBytes, as: UTF8.self).prefix(64)
            return .refused("CloudWatch Logs document with an unknown messageType \"\(name)\"")
        }
        guard fields.sawLogEvents, !fields.logEventsNull else {
            return .refused("CloudWatch Logs DATA_MESSAGE without logEvents")
        }
        return .data
    }

    static let notADocument = "not a CloudWatch Logs document"

    // MARK: The document's own fields

    private mutating func readDocument(_ reader: inout Reader, _ fields: inout Fields) throws(ScanFailure) {
        try reader.expect(UInt8(ascii: "{"))
        let firstKey = keys.count
        var seen: Set<[UInt8]>?
        defer { keys.removeSubrange(firstKey...) }
        reader.skipSpace()
        if reader.take(UInt8(ascii: "}")) { return }
        while true {
            let key = try readKey(&reader, firstKey: firstKey, seen: &seen, fields: &fields)
            if isKey(key, "messageType", reader.bytes) {
                if fields.messageType == nil {
                    fields.messageType = try readStringValue(&reader)
                } else {
                    try skipValue(&reader, depth: 1, fields: &fields)
                }
            } else if isKey(key, "logEvents", reader.bytes), !fields.sawLogEvents {
                fields.sawLogEvents = true
                if reader.takeLiteral("null") {
                    fields.logEventsNull = true
                } else {
                    try readEvents(&reader, &fields)
                }
            } else {
                try skipValue(&reader, depth: 1, fields: &fields)
            }
            reader.skipSpace()
            if reader.take(UInt8(ascii: "}")) { return }
            try reader.expect(UInt8(ascii: ","))
            reader.skipSpace()
        }
    }

    private mutating func readStringValue(_ reader: inout Reader) throws(ScanFailure) -> (Int, Int, Bool) {
        reader.skipSpace()
        guard reader.peek == UInt8(ascii: "\"") else { throw .syntax }
        let raw = try reader.string()
        guard raw.escaped else { return (raw.start, raw.end, false) }
        let start = keyText.count
        Self.unescape(reader.bytes, raw.start, raw.end, into: &keyText)
        return (start, keyText.count, true)
    }

    private mutating func readEvents(_ reader: inout Reader, _ fields: inout Fields) throws(ScanFailure) {
        try reader.expect(UInt8(ascii: "["))
        reader.skipSpace()
        if reader.take(UInt8(ascii: "]")) { return }
        while true {
            try readEvent(&reader, &fields)
            reader.skipSpace()
            if reader.take(UInt8(ascii: "]")) { return }
            try reader.expect(UInt8(ascii: ","))
            reader.skipSpace()
        }
    }

    private mutating func readEvent(_ reader: inout Reader, _ fields: inout Fields) throws(ScanFailure) {
        try reader.expect(UInt8(ascii: "{"))
        let firstKey = keys.count
        var seen: Set<[UInt8]>?
        defer { keys.removeSubrange(firstKey...) }
        var event: Event?
        var timestamp: Int64?
        var sawTimestamp = false
        reader.skipSpace()
        if !reader.take(UInt8(ascii: "}")) {
            while true {
                let key = try readKey(&reader, firstKey: firstKey, seen: &seen, fields: &fields)
                if event == nil, isKey(key, "message", reader.bytes) {
                    reader.skipSpace()
                    guard reader.peek == UInt8(ascii: "\"") else { throw .syntax }
                    let raw = try reader.string()
                    if raw.escaped {
                        let start = unescaped.count
                        Self.unescape(reader.bytes, raw.start, raw.end, into: &unescaped)
                        event = Event(start: start, end: unescaped.count, escaped: true)
                    } else {
                        event = Event(start: raw.start, end: raw.end, escaped: false)
                    }
                } else if !sawTimestamp, isKey(key, "timestamp", reader.bytes) {
                    sawTimestamp = true
                    timestamp = try reader.takeLiteral("null") ? nil : reader.integer()
                } else {
                    try skipValue(&reader, depth: 3, fields: &fields)
                }
                reader.skipSpace()
                if reader.take(UInt8(ascii: "}")) { break }
                try reader.expect(UInt8(ascii: ","))
                reader.skipSpace()
            }
        }
        guard var event else { throw .syntax }
        event.timestamp = timestamp
        events.append(event)
    }

    // MARK: Keys

    /// Reads `"key":`, remembering the key in its object and noting the document's first repeated key.
    private mutating func readKey(
        _ reader: inout Reader, firstKey: Int, seen: inout Set<[UInt8]>?, fields: inout Fields
    ) throws(ScanFailure) -> (start: Int, end: Int, escaped: Bool) {
        guard reader.peek == UInt8(ascii: "\"") else { throw .syntax }
        let raw = try reader.string()
        var key = (start: raw.start, end: raw.end, escaped: false)
        if raw.escaped {
            let start = keyText.count
            Self.unescape(reader.bytes, raw.start, raw.end, into: &keyText)
            key = (start, keyText.count, true)
        }
        if fields.duplicate == nil {
            if seen == nil, keys.count - firstKey >= Self.linearKeyLimit {
                seen = Set(keys[firstKey...].map { keyBytes($0, reader.bytes) })
            }
            if seen != nil {
                if !seen!.insert(keyBytes(key, reader.bytes)).inserted { fields.duplicate = key }
            } else if keys[firstKey...].contains(where: { sameKey($0, key, reader.bytes) }) {
                fields.duplicate = key
            }
        }
        keys.append(key)
        reader.skipSpace()
        try reader.expect(UInt8(ascii: ":"))
        reader.skipSpace()
        return key
    }

    private func keyBytes(_ key: (start: Int, end: Int, escaped: Bool), _ bytes: UnsafePointer<UInt8>) -> [UInt8] {
        key.escaped
            ? Array(keyText[key.start..<key.end])
            : Array(
                UnsafeBufferPointer(
                    start: bytes + key.start,
                    count: key.end - key.start))
    }

    private func sameKey(
        _ a: (start: Int, end: Int, escaped: Bool), _ b: (start: Int, end: Int, escaped: Bool),
        _ bytes: UnsafePointer<UInt8>
    ) -> Bool {
        guard a.end - a.start == b.end - b.start else { return false }
        return keyText.withUnsafeBufferPointer { text in
            let left = a.escaped ? text.baseAddress! + a.start : bytes + a.start
            let right = b.escaped ? text.baseAddress! + b.start : bytes + b.start
            for offset in 0..<(a.end - a.start) where left[offset] != right[offset] { return false }
            return true
        }
    }

    private func isKey(
        _ key: (start: Int, end: Int, escaped: Bool), _ name: StaticString, _ bytes: UnsafePointer<UInt8>
    )
        -> Bool
    {
        guard key.end - key.start == name.utf8CodeUnitCount else { return false }
        let expected = name.utf8Start
        if key.escaped {
            return keyText.withUnsafeBufferPointer { text in
                (0..<name.utf8CodeUnitCount).allSatisfy { text[key.start + $0] == expected[$0] }
            }
        }
        for offset in 0..<name.utf8CodeUnitCount where bytes[key.start + offset] != expected[offset] { return false }
        return true
    }

    // MARK: Values the reader does not use

    /// Checks and passes over any JSON value, noting repeated keys in the objects it holds.
    private mutating func skipValue(_ reader: inout Reader, depth: Int, fields: inout Fields) throws(ScanFailure) {
        reader.skipSpace()
        guard let byte = reader.peek else { throw .syntax }
        switch byte {
        case UInt8(ascii: "\""): _ = try reader.string()
        case UInt8(ascii: "{"):
            guard depth < Self.maximumDepth else { throw .tooDeep }
            reader.index += 1
            let firstKey = keys.count
            var seen: Set<[UInt8]>?
            defer { keys.removeSubrange(firstKey...) }
            reader.skipSpace()
            if reader.take(UInt8(ascii: "}")) { return }
            while true {
                _ = try readKey(&reader, firstKey: firstKey, seen: &seen, fields: &fields)
                try skipValue(&reader, depth: depth + 1, fields: &fields)
                reader.skipSpace()
                if reader.take(UInt8(ascii: "}")) { return }
                try reader.expect(UInt8(ascii: ","))
                reader.skipSpace()
            }
        case UInt8(ascii: "["):
            guard depth < Self.maximumDepth else { throw .tooDeep }
            reader.index += 1
            reader.skipSpace()
            if reader.take(UInt8(ascii: "]")) { return }
            while true {
                try skipValue(&reader, depth: depth + 1, fields: &fields)
                reader.skipSpace()
                if reader.take(UInt8(ascii: "]")) { return }
                try reader.expect(UInt8(ascii: ","))
            }
        case UInt8(ascii: "t"): guard reader.takeLiteral("true") else { throw .syntax }
        case UInt8(ascii: "f"): guard reader.takeLiteral("false") else { throw .syntax }
        case UInt8(ascii: "n"): guard reader.takeLiteral("null") else { throw .syntax }
        default: try reader.number()
        }
    }

    // MARK: Unescaping

    /// Appends the decoded text of a string whose escapes `Reader.string` has checked.
    static func unescape(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into output: inout [UInt8]) {
        var index = start
        var run = start
        while index < end {
            guard bytes[index] == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            if index > run { output.append(contentsOf: UnsafeBufferPointer(start: bytes + run, count: index - run)) }
            let kind = bytes[index + 1]
            index += 2
            switch kind {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = UInt32(hex4(bytes + index))
                index += 4
                if scalar >= 0xD800, scalar < 0xDC00 {
                    let low = UInt32(hex4(bytes + index + 2))
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                appendUTF8(scalar, to: &output)
            default: output.append(kind)  // \" \\ \/
            }
            run = index
        }
        if end > run { output.append(contentsOf: UnsafeBufferPointer(start: bytes + run, count: end - run)) }
    }

    /// The value of four hex digits, or nil when one is not a hex digit.
    static func hex4OrNil(_ bytes: UnsafePointer<UInt8>) -> UInt16? {
        var value: UInt16 = 0
        for offset in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private static func hex4(_ bytes: UnsafePointer<UInt8>) -> UInt16 { hex4OrNil(bytes) ?? 0 }

    private static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case ..<0x80: output.append(UInt8(scalar))
        case ..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}

/// Why a document is not JSON the scanner reads.
private enum ScanFailure: Error {
    case syntax
    /// An invalid escape, at this offset of the document.
    case escape(Int)
    case tooDeep
}

/// A position in a document's bytes, with the JSON tokens the scanner checks.
private struct Reader {
    let bytes: UnsafePointer<UInt8>
    let end: Int
    var index = 0

    init(bytes: UnsafePointer<UInt8>, end: Int) {
        self.bytes = bytes
        self.end = end
    }

    var peek: UInt8? { index < end ? bytes[index] : nil }

    mutating func skipSpace() {
        while index < end {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < end, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func expect(_ byte: UInt8) throws(ScanFailure) {
        guard take(byte) else { throw .syntax }
    }

    mutating func takeLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard end - index >= count else { return false }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// Reads a string token at `index` (its opening quote); returns the range between its quotes and whether it
    /// holds escapes. Checks UTF-8, control characters and escapes (surrogates paired).
    mutating func string() throws(ScanFailure) -> (start: Int, end: Int, escaped: Bool) {
        index += 1
        let start = index
        var escaped = false
        while index < end {
            // Eight plain ASCII bytes at a time: no quote, backslash, control character or high bit among them.
            if end - index >= 8 {
                let word = UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0, !JSONText.mayNeedEscape(word) {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return (start, index - 1, escaped)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                try escape()
            } else if byte < 0x20 {
                throw .syntax
            } else if byte < 0x80 {
                index += 1
            } else {
                try scalar()
            }
        }
        throw .syntax
    }

    /// Checks one escape at `index` (its backslash) and passes it.
    private mutating func escape() throws(ScanFailure) {
        let at = index
        guard index + 1 < end else { throw .escape(at) }
        switch bytes[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 2
        case UInt8(ascii: "u"):
            guard end - index >= 6, let unit = CloudWatchDocumentScanner.hex4OrNil(bytes + index + 2) else {
                throw .escape(at)
            }
            index += 6
            if unit >= 0xDC00, unit < 0xE000 { throw .escape(at) }  // a low surrogate alone
            if unit >= 0xD800, unit < 0xDC00 {
                guard end - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                    let low = CloudWatchDocumentScanner.hex4OrNil(bytes + index + 2), low >= 0xDC00, low < 0xE000
                else { throw .escape(at) }
                index += 6
            }
        default: throw .escape(at)
        }
    }

    /// Checks one UTF-8 encoded scalar of two to four bytes at `index` and passes it.
    private mutating func scalar() throws(ScanFailure) {
        let lead = bytes[index]
        let count: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: count = 2
        case 0xE0: (count, low) = (3, 0xA0)
        case 0xE1...0xEC, 0xEE...0xEF: count = 3
        case 0xED: (count, high) = (3, 0x9F)
        case 0xF0: (count, low) = (4, 0x90)
        case 0xF1...0xF3: count = 4
        case 0xF4: (count, high) = (4, 0x8F)
        default: throw .syntax
        }
        guard end - index >= count else { throw .syntax }
        let second = bytes[index + 1]
        guard second >= low, second <= high else { throw .syntax }
        for offset in 2..<max(count, 2) where bytes[index + offset] & 0xC0 != 0x80 { throw .syntax }
        index += count
    }

    /// Reads a number whose value is an integer that fits in 64 bits (a timestamp). Like Foundation's decoder,
    /// which read these documents before, it takes any spelling of such a value (`17e11`, `1700000000000.0`)
    /// and refuses a fraction (`1.5`).
    mutating func integer() throws(ScanFailure) -> Int64 {
        skipSpace()
        let start = index
        try number()
        let negative = bytes[start] == UInt8(ascii: "-")
        var cursor = negative ? start + 1 : start
        let integerDigits = cursor..<digitsEnd(from: cursor)
        cursor = integerDigits.upperBound
        if cursor == index {
            // The usual spelling: digits alone.
            var value: Int64 = 0
            for at in integerDigits { value = try accumulate(value, Int64(bytes[at] - UInt8(ascii: "0")), negative) }
            return value
        }
        var fractionDigits = cursor..<cursor
        if bytes[cursor] == UInt8(ascii: ".") {
            fractionDigits = cursor + 1..<digitsEnd(from: cursor + 1)
            cursor = fractionDigits.upperBound
        }
        var exponent = 0
        if cursor < index {  // e or E, perhaps a sign, digits: number() checked them
            cursor += 1
            let exponentNegative = bytes[cursor] == UInt8(ascii: "-")
            if bytes[cursor] == UInt8(ascii: "-") || bytes[cursor] == UInt8(ascii: "+") { cursor += 1 }
            while cursor < index {
                // Capped far beyond an Int64's 19 digits, so that it cannot overflow.
                exponent = min(exponent * 10 + Int(bytes[cursor] - UInt8(ascii: "0")), 100_000)
                cursor += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        // The value is the digits times 10^scale: those weighing less than one must be zeros.
        let scale = exponent - fractionDigits.count
        let count = integerDigits.count + fractionDigits.count
        let whole = min(max(count + scale, 0), count)
        var value: Int64 = 0
        var position = 0
        for range in [integerDigits, fractionDigits] {
            for at in range {
                let digit = Int64(bytes[at] - UInt8(ascii: "0"))
                if position < whole {
                    value = try accumulate(value, digit, negative)
                } else if digit != 0 {
                    throw .syntax
                }
                position += 1
            }
        }
        if value != 0, scale > 0 {
            for _ in 0..<min(scale, 20) { value = try accumulate(value, 0, negative) }
        }
        return value
    }

    /// Where the run of digits starting at `start` ends.
    private func digitsEnd(from start: Int) -> Int {
        var cursor = start
        while cursor < index, bytes[cursor] >= UInt8(ascii: "0"), bytes[cursor] <= UInt8(ascii: "9") { cursor += 1 }
        return cursor
    }

    /// `value * 10 + digit` (minus the digit when negative), refused on overflow.
    private func accumulate(_ value: Int64, _ digit: Int64, _ negative: Bool) throws(ScanFailure) -> Int64 {
        let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
        let (sum, overflowSum) =
            negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
        guard !overflowTimes, !overflowSum else { throw .syntax }
        return sum
    }

    /// Checks and passes a JSON number.
    mutating func number() throws(ScanFailure) {
        _ = take(UInt8(ascii: "-"))
        guard index < end else { throw .syntax }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            guard digits() > 0 else { throw .syntax }
        }
        if take(UInt8(ascii: ".")) { guard digits() > 0 else { throw .syntax } }
        if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            guard digits() > 0 else { throw .syntax }
        }
    }

    private mutating func digits() -> Int {
        let start = index
        while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        return index - start
    }
}
