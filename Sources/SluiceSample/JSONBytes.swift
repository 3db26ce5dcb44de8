/// JSON strings written straight into bytes, for CloudWatch documents and the sample directory.
enum JSONBytes {
    /// `text` as a quoted JSON string. Bytes that are not UTF-8 become U+FFFD: JSON cannot carry them, and
    /// CloudWatch Logs only takes UTF-8 messages.
    static func appendString(_ text: some Collection<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if text.contains(where: { $0 >= 0x80 }) {
            appendEscaped(String(decoding: text, as: UTF8.self).utf8, to: &out)
        } else {
            appendEscaped(text, to: &out)
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendEscaped(_ text: some Sequence<UInt8>, to out: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        for byte in text {
            switch byte {
            case UInt8(ascii: "\""): out.appendASCII("\\\"")
            case UInt8(ascii: "\\"): out.appendASCII("\\\\")
            case UInt8(ascii: "\n"): out.appendASCII("\\n")
            case UInt8(ascii: "\r"): out.appendASCII("\\r")
            case UInt8(ascii: "\t"): out.appendASCII("\\t")
            case 0..<0x20:
                out.appendASCII("\\u00")
                hex.withUTF8Buffer { table in
                    out.append(table[Int(byte >> 4)])
                    out.append(table[Int(byte & 0xF)])
                }
            default: out.append(byte)
            }
        }
    }
}
