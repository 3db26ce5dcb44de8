import SluiceJSON

/// Bytes of JSON lines being built for the lake writer, written through a pointer: appending to an `[UInt8]`
/// checks uniqueness and capacity for every byte or run, which cost more than the bytes themselves. Room for a
/// row is made once (`Row.jsonLineBound`), then the row is written without any check.
final class JSONLineBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    func removeAll() { count = 0 }

    /// Appends `row` as `encoder.appendJSONLine` does.
    func append(_ row: Row, _ encoder: JSONRowEncoder) {
        let bound = encoder.jsonLineBound(row)
        if count + bound > capacity {
            let grown = max(capacity * 2, count + bound)
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            larger.update(from: base, count: count)
            base.deallocate()
            base = larger
            capacity = grown
        }
        let end = encoder.writeJSONLine(row, at: base + count)
        count = base.distance(to: end)
    }
}

extension JSONRowEncoder {
    /// At most the bytes `appendJSONLine` writes for `row`.
    func jsonLineBound(_ row: Row) -> Int {
        var bound = keyBytes + 3  // `{` of a row of no columns, `}` and the newline
        for index in keys.indices where index < row.count {
            switch row[index] {
            case .string(let text): bound += JSONEscaper.bound(byteCount: text.utf8.count)
            case .int: bound += 20
            case .double: bound += 32
            case .bool, .null: bound += 5
            case .timestamp: bound += 2 + 23
            case .date: bound += 2 + 10
            }
        }
        return bound + 5 * max(0, keys.count - row.count)
    }

    /// Writes `row` as `appendJSONLine` does, from `start`, into at least `jsonLineBound(row)` bytes; returns
    /// where it ended.
    func writeJSONLine(_ row: Row, at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var at = start
        if keys.isEmpty { at.put(UInt8(ascii: "{")) }
        // The keys from one buffer and the values read in place: copying `keys[index]` and `row[index]` retained
        // and released an array and a string per column, over half the time of writing a line (profiled).
        joinedKeys.withUnsafeBufferPointer { joined in
            row.values.withUnsafeBufferPointer { values in
                var keyStart = 0
                for index in keyEnds.indices {
                    let keyEnd = keyEnds[index]
                    at.update(from: joined.baseAddress! + keyStart, count: keyEnd - keyStart)
                    at += keyEnd - keyStart
                    keyStart = keyEnd
                    if index < values.count {
                        Self.write(values[index], at: &at)
                    } else {
                        JSONText.writeRaw("null".utf8, at: &at)
                    }
                }
            }
        }
        at.put(UInt8(ascii: "}"))
        at.put(UInt8(ascii: "\n"))
        return at
    }

    /// Writes one value as `Row.Value.appendJSON` does.
    @inline(__always)
    private static func write(_ value: Row.Value, at: inout UnsafeMutablePointer<UInt8>) {
        switch value {
        case .string(let text): JSONEscaper.write(text, at: &at)
        case .int(let number): JSONText.writeInteger(number, at: &at)
        case .double(let number): JSONText.writeRaw((number.isFinite ? String(number) : "null").utf8, at: &at)
        case .bool(let flag): JSONText.writeRaw((flag ? "true" : "false").utf8, at: &at)
        case .timestamp(let milliseconds):
            at.put(UInt8(ascii: "\""))
            at += Timestamps.writeAthena(milliseconds, into: UnsafeMutableBufferPointer(start: at, count: 23))
            at.put(UInt8(ascii: "\""))
        case .date(let days):
            at.put(UInt8(ascii: "\""))
            at += Timestamps.writeDay(days, into: UnsafeMutableBufferPointer(start: at, count: 10))
            at.put(UInt8(ascii: "\""))
        case .null: JSONText.writeRaw("null".utf8, at: &at)
        }
    }
}

extension UnsafeMutablePointer<UInt8> {
    /// Stores `byte` and moves past it.
    @inline(__always)
    fileprivate mutating func put(_ byte: UInt8) {
        pointee = byte
        self += 1
    }
}

extension JSONText {
    /// Writes a decimal integer (at most 20 bytes).
    static func writeInteger(_ number: Int64, at: inout UnsafeMutablePointer<UInt8>) {
        if number < 0 { at.put(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        var position = at + digits
        repeat {
            position -= 1
            position.pointee = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        at += digits
    }

    fileprivate static func writeRaw(_ bytes: String.UTF8View, at: inout UnsafeMutablePointer<UInt8>) {
        for byte in bytes { at.put(byte) }
    }
}
