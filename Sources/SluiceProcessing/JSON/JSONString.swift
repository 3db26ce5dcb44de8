/// A JSON string's text from its bytes between the quotes (validated by `JSONParser`).
///
/// Escapes are decoded here, only for a string a column reads. `\uXXXX` pairs of a high and a low surrogate are
/// one character; a lone surrogate (valid JSON syntax, but no character) becomes U+FFFD, as most decoders do, so
/// the text stays valid Unicode for the lake.
enum JSONString {
    /// The text of `bytes`; `escaped` when they hold a `\` (else they are copied as they are).
    static func text(of bytes: ArraySlice<UInt8>, escaped: Bool) -> String {
        guard escaped else { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: unescape(bytes), as: UTF8.self)
    }

    /// `bytes` with their escapes decoded, as UTF-8. An escape the logger cut (at the end) is dropped.
    static func unescape(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                index += 1
                continue
            }
            guard index + 1 < end else { break }
            let kind = bytes[index + 1]
            index += 2
            switch kind {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard let unit = hex4(bytes, at: index) else { return out }
                index += 4
                var scalar = UInt32(unit)
                if (0xD800..<0xDC00).contains(unit), index + 6 <= end, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u"), let low = hex4(bytes, at: index + 2),
                    (0xDC00..<0xE000).contains(low)
                {
                    scalar = 0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(low - 0xDC00)
                    index += 6
                } else if (0xD800..<0xE000).contains(unit) {
                    scalar = 0xFFFD
                }
                appendUTF8(Unicode.Scalar(scalar)!, to: &out)
            default: out.append(kind)  // `"`, `\` and `/` stand for themselves
            }
        }
        return out
    }

    /// The value of one hex digit.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func hex4(_ bytes: ArraySlice<UInt8>, at index: Int) -> UInt16? {
        guard index + 4 <= bytes.endIndex else { return nil }
        var value: UInt16 = 0
        for offset in 0..<4 {
            guard let digit = hexValue(bytes[index + offset]) else { return nil }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        for unit in UTF8.encode(scalar)! { out.append(unit) }
    }

    /// Whether `key` (a path step's UTF-8) is the key whose bytes, between quotes, are `raw`.
    static func keyEquals(_ raw: ArraySlice<UInt8>, escaped: Bool, _ key: [UInt8]) -> Bool {
        guard escaped else { return raw.elementsEqual(key) }
        return unescape(raw) == key
    }
}
