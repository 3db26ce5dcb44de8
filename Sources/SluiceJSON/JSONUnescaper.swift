/// The text of a JSON string from its bytes between the quotes: the one unescaper of Sluice, which the decoder, the
/// JSON log format's parser and the CloudWatch document scanner share.
///
/// It decodes what a validating reader has accepted, and stays safe on what none has: a `\uXXXX` pair of a high
/// and a low surrogate is one character, a lone surrogate (valid JSON syntax, but no character) becomes U+FFFD as
/// most decoders do, an escape cut short at the end (a log line cut by its logger) is dropped, and a `\u` without
/// four hex digits ends the text.
package enum JSONUnescaper {
    /// Appends the UTF-8 text of `bytes` (a string's contents, escapes and all) to `out`.
    package static func unescape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        guard let base = bytes.baseAddress else { return }
        let end = bytes.count
        var index = 0
        var run = 0
        while index < end {
            guard base[index] == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            if index > run { out.append(contentsOf: UnsafeBufferPointer(start: base + run, count: index - run)) }
            guard index + 1 < end else { return }
            let kind = base[index + 1]
            index += 2
            switch kind {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard index + 4 <= end, let unit = hex4(base + index) else { return }
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
                appendUTF8(scalar, to: &out)
            default: out.append(kind)  // `"`, `\` and `/` stand for themselves
            }
            run = index
        }
        if end > run { out.append(contentsOf: UnsafeBufferPointer(start: base + run, count: end - run)) }
    }

    /// The UTF-8 text of `bytes` with their escapes decoded.
    @inlinable
    package static func unescape(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        if bytes.withContiguousStorageIfAvailable({ unescape($0, into: &out) }) == nil {
            Array(bytes).withUnsafeBufferPointer { unescape($0, into: &out) }
        }
        return out
    }

    /// The value of one hex digit, either case.
    @inlinable
    package static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The value of the four hex digits at `bytes`, or nil when one is not a hex digit.
    @inlinable
    package static func hex4(_ bytes: UnsafePointer<UInt8>) -> UInt16? {
        var value: UInt16 = 0
        for offset in 0..<4 {
            guard let digit = hexValue(bytes[offset]) else { return nil }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// Appends a scalar's UTF-8 (`scalar` is below 0x110000 and no surrogate).
    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case ..<0x80: out.append(UInt8(scalar))
        case ..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
