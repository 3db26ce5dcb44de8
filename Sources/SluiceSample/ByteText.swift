/// Writing text into byte buffers without making a `String` per field: the sample writer renders hundreds of
/// thousands of lines a second, and the bytes are what it hands on anyway.
extension Array where Element == UInt8 {
    mutating func appendASCII(_ text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// `value` in decimal, at least `width` digits (zero-padded), with a `-` in front when negative.
    mutating func appendDecimal(_ value: Int, width: Int = 1) {
        if value < 0 { append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        var divisor: UInt = 1
        var digits = 1
        while magnitude / divisor >= 10 {
            divisor *= 10
            digits += 1
        }
        for _ in digits..<Swift.max(digits, width) { append(UInt8(ascii: "0")) }
        var rest = magnitude
        while divisor > 0 {
            append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    mutating func appendDecimal(_ value: Int64, width: Int = 1) {
        appendDecimal(Int(value), width: width)
    }

    /// `value` in lowercase hexadecimal without leading zeros, as IPv6 groups are written.
    mutating func appendHex(_ value: UInt16) {
        let digits: StaticString = "0123456789abcdef"
        var started = false
        digits.withUTF8Buffer { table in
            for shift in stride(from: 12, through: 0, by: -4) {
                let nibble = Int((value >> UInt16(shift)) & 0xF)
                if nibble != 0 || started || shift == 0 {
                    append(table[nibble])
                    started = true
                }
            }
        }
    }
}
