/// Text of an NCSA line as a valid UTF-8 `String`, its loggers' escapes decoded.
///
/// The escapes: nginx (`log_format escape=default`) writes `"`, `\` and every byte outside printable ASCII as
/// `\xHH`; Apache writes `\"`, `\\`, `\b`, `\n`, `\r`, `\t`, `\v` and other bytes as `\xhh`. Each becomes the
/// byte it stands for (`\f` too); a backslash starting none of them (`\q`, a `\x` without two hex digits) is
/// kept as it is.
///
/// The rule that keeps the text valid UTF-8 without losing anything: the bytes (decoded or raw) that together
/// form valid UTF-8 become those characters, so a user agent nginx logged as `\xE2\x9C\x93` reads `✓`. A byte
/// that is not part of a valid UTF-8 sequence stays as text: an escaped one as its escape, as logged (`\xFF`), a
/// raw one (a logger that does not escape) as `\xHH`. Such a value then reads exactly like the escape would, so
/// the text is the log line's, never a U+FFFD that hides which byte it was.
enum EscapedText {
    /// The text of `range`, its escapes decoded when `decoding` (kept as logged otherwise: `extra`).
    static func string(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, decoding: Bool) -> String {
        var plain = true
        for index in range where bytes[index] >= 0x80 || (decoding && bytes[index] == ASCII.backslash) {
            plain = false
            break
        }
        if plain { return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        let reader = Units(bytes: bytes, end: range.upperBound, decoding: decoding)
        var index = range.lowerBound
        while index < range.upperBound {
            let lead = reader.unit(at: index)
            if lead.byte < 0x80 {
                out.append(lead.byte)
                index = lead.next
                continue
            }
            if let next = reader.validSequence(startingWith: lead, appendingTo: &out) {
                index = next
                continue
            }
            if lead.escaped {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<lead.next]))
            } else {
                appendEscape(lead.byte, to: &out)
            }
            index = lead.next
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `\xHH`, upper-case, for a raw byte that is not UTF-8.
    private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
        func digit(_ value: UInt8) -> UInt8 { value < 10 ? ASCII.zero + value : UInt8(ascii: "A") + value - 10 }
        out.append(ASCII.backslash)
        out.append(UInt8(ascii: "x"))
        out.append(digit(byte >> 4))
        out.append(digit(byte & 0x0F))
    }

    /// One byte of the text: raw, or what an escape stands for, and where the next one starts.
    struct Unit {
        var byte: UInt8
        var next: Int
        var escaped: Bool
    }

    /// Reads the text byte by byte, decoding escapes.
    struct Units {
        let bytes: UnsafeBufferPointer<UInt8>
        let end: Int
        let decoding: Bool

        func unit(at index: Int) -> Unit {
            let byte = bytes[index]
            guard decoding && byte == ASCII.backslash && index + 1 < end else {
                return Unit(byte: byte, next: index + 1, escaped: false)
            }
            let simple: UInt8? =
                switch bytes[index + 1] {
                case ASCII.quote: ASCII.quote
                case ASCII.backslash: ASCII.backslash
                case UInt8(ascii: "n"): ASCII.newline
                case UInt8(ascii: "t"): ASCII.tab
                case UInt8(ascii: "r"): ASCII.carriageReturn
                case UInt8(ascii: "b"): 0x08
                case UInt8(ascii: "v"): 0x0B
                case UInt8(ascii: "f"): 0x0C
                default: nil
                }
            if let simple { return Unit(byte: simple, next: index + 2, escaped: true) }
            if bytes[index + 1] == UInt8(ascii: "x") && index + 3 < end,
                let high = hexValue(bytes[index + 2]), let low = hexValue(bytes[index + 3])
            {
                return Unit(byte: high << 4 | low, next: index + 4, escaped: true)
            }
            return Unit(byte: byte, next: index + 1, escaped: false)
        }

        /// Appends the UTF-8 sequence `lead` starts and returns where the text goes on, or appends nothing and
        /// returns nil when `lead` and the units after it are not one valid sequence.
        func validSequence(startingWith lead: Unit, appendingTo out: inout [UInt8]) -> Int? {
            guard let (length, secondRange) = UTF8Lead.shape(lead.byte) else { return nil }
            var sequence: (UInt8, UInt8, UInt8) = (0, 0, 0)
            var index = lead.next
            for position in 1..<length {
                guard index < end else { return nil }
                let unit = unit(at: index)
                guard (position == 1 ? secondRange : 0x80...0xBF).contains(unit.byte) else { return nil }
                switch position {
                case 1: sequence.0 = unit.byte
                case 2: sequence.1 = unit.byte
                default: sequence.2 = unit.byte
                }
                index = unit.next
            }
            out.append(lead.byte)
            out.append(sequence.0)
            if length > 2 { out.append(sequence.1) }
            if length > 3 { out.append(sequence.2) }
            return index
        }

        private func hexValue(_ byte: UInt8) -> UInt8? {
            if ASCII.isDigit(byte) { return byte &- ASCII.zero }
            let lower = byte | 0x20
            return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f") ? lower - UInt8(ascii: "a") + 10 : nil
        }
    }
}
