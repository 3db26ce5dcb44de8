import SluiceJSON

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
        var reader = DocumentReader(bytes: base, end: document.count)
        var fields = Fields()
        do throws(DocumentScanFailure) {
            reader.skipSpace()
            try readDocument(&reader, &fields)
            reader.skipSpace()
            guard reader.index == reader.end else { throw DocumentScanFailure.syntax }
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

    private mutating func readDocument(_ reader: inout DocumentReader, _ fields: inout Fields)
        throws(DocumentScanFailure)
    {
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

    private mutating func readStringValue(_ reader: inout DocumentReader) throws(DocumentScanFailure) -> (
        Int, Int, Bool
    ) {
        reader.skipSpace()
        guard reader.peek == UInt8(ascii: "\"") else { throw .syntax }
        let raw = try reader.string()
        guard raw.escaped else { return (raw.start, raw.end, false) }
        let start = keyText.count
        Self.unescape(reader.bytes, raw.start, raw.end, into: &keyText)
        return (start, keyText.count, true)
    }

    private mutating func readEvents(_ reader: inout DocumentReader, _ fields: inout Fields) throws(DocumentScanFailure)
    {
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

    private mutating func readEvent(_ reader: inout DocumentReader, _ fields: inout Fields) throws(DocumentScanFailure)
    {
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
        _ reader: inout DocumentReader, firstKey: Int, seen: inout Set<[UInt8]>?, fields: inout Fields
    ) throws(DocumentScanFailure) -> (start: Int, end: Int, escaped: Bool) {
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
    private mutating func skipValue(_ reader: inout DocumentReader, depth: Int, fields: inout Fields)
        throws(DocumentScanFailure)
    {
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

    /// Appends the decoded text of a string whose escapes `DocumentReader.string` has checked.
    static func unescape(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into output: inout [UInt8]) {
        JSONUnescaper.unescape(UnsafeBufferPointer(start: bytes + start, count: end - start), into: &output)
    }
}
