/// The text of a JSON string from its bytes between the quotes: the one unescaper of Sluice, which the decoder, the
/// JSON log format's parser and the CloudWatch document scanner share.
///
/// It decodes what a validating reader has accepted, and stays safe on what none has: a `\uXXXX` pair of a high
/// and a low surrogate is one character, a lone surrogate (valid JSON syntax, but no character) becomes U+FFFD as
/// most decoders do, an escape cut short at the end (a log line cut by its logger) is dropped, and a `\u` without
/// four hex digits ends the text. `public` where `@inlinable`, as `JSONEscaper` explains.
public enum JSONUnescaper {
    /// Appends the UTF-8 text of `bytes` (a string's contents, escapes and all) to `out`.
    public static func unescape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        // Decoding never lengthens text (an escape is at least as long as what it stands for), so room for the
        // bytes themselves is enough: written through a pointer, without a capacity check per byte or run.
        // Scratch room, then one copy into the array (appending a run of zeros first went byte by byte in debug
        // builds).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { scratch in
            let written = decode(base, count: bytes.count, into: scratch.baseAddress!)
            out.append(contentsOf: UnsafeBufferPointer(start: scratch.baseAddress!, count: written))
        }
    }

    /// Writes the text of the `count` bytes at `base` from `target`; returns how many bytes it wrote.
    private static func decode(_ base: UnsafePointer<UInt8>, count end: Int, into target: UnsafeMutablePointer<UInt8>)
        -> Int
    {
        var at = target
        var index = 0
        var run = 0
        while index < end {
            guard base[index] == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            at.update(from: base + run, count: index - run)
            at += index - run
            guard index + 1 < end else { return at - target }
            let kind = base[index + 1]
            index += 2
            switch kind {
            case UInt8(ascii: "b"): at.put(0x08)
            case UInt8(ascii: "f"): at.put(0x0C)
            case UInt8(ascii: "n"): at.put(0x0A)
            case UInt8(ascii: "r"): at.put(0x0D)
            case UInt8(ascii: "t"): at.put(0x09)
            case UInt8(ascii: "u"):
                guard index + 4 <= end, let unit = hex4(base + index) else { return at - target }
                index += 4
                var scalar = UInt32(unit)
                if (0xD800..<0xDC00).contains(unit), index + 6 <= end, base[index] == UInt8(ascii: "\\"),
                    base[index + 1] == UInt8(ascii: "u"), let low = hex4(base + index + 2),
                    (0xDC00..<0xE000).contains(low)
                {
                    scalar = 0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(low - 0xDC00)
                    index += 6
                } else if (0xD800..<0xE000).contains(unit) {
                    scalar = 0xFFFD
                }
                writeUTF8(scalar, at: &at)
            default: at.put(kind)  // `"`, `\` and `/` stand for themselves
            }
            run = index
        }
        at.update(from: base + run, count: end - run)
        return at + (end - run) - target
    }

    /// The UTF-8 text of `bytes` with their escapes decoded.
    @inlinable
    public static func unescape(_ bytes: some Collection<UInt8>) -> [UInt8] {
        if let text = bytes.withContiguousStorageIfAvailable({ unescaped($0) }) { return text }
        return Array(bytes).withUnsafeBufferPointer { unescaped($0) }
    }

    /// The text of `bytes` in a new array, allocated once and never zeroed.
    @usableFromInline
    static func unescaped(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return [] }
        return [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
            count = decode(base, count: bytes.count, into: buffer.baseAddress!)
        }
    }

    /// The value of one hex digit, either case.
    @inlinable
    public static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The value of the four hex digits at `bytes`, or nil when one is not a hex digit.
    @inlinable
    public static func hex4(_ bytes: UnsafePointer<UInt8>) -> UInt16? {
        var value: UInt16 = 0
        for offset in 0..<4 {
            guard let digit = hexValue(bytes[offset]) else { return nil }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// Writes a scalar's UTF-8 (`scalar` is below 0x110000 and no surrogate).
    private static func writeUTF8(_ scalar: UInt32, at: inout UnsafeMutablePointer<UInt8>) {
        switch scalar {
        case ..<0x80: at.put(UInt8(scalar))
        case ..<0x800:
            at.put(UInt8(0xC0 | scalar >> 6))
            at.put(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            at.put(UInt8(0xE0 | scalar >> 12))
            at.put(UInt8(0x80 | scalar >> 6 & 0x3F))
            at.put(UInt8(0x80 | scalar & 0x3F))
        default:
            at.put(UInt8(0xF0 | scalar >> 18))
            at.put(UInt8(0x80 | scalar >> 12 & 0x3F))
            at.put(UInt8(0x80 | scalar >> 6 & 0x3F))
            at.put(UInt8(0x80 | scalar & 0x3F))
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
