/// Percent-encoding as SigV4 defines it: the RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) stay, every
/// other UTF-8 byte becomes `%XY` with upper-case hex. Stricter than Foundation's URL encoding, which leaves
/// characters such as `+`, `=` or `:` alone that AWS expects encoded.
package enum AWSURIEncoding {
    /// Encodes every byte but the unreserved ones and, when `keepingSlashes`, `/` (for an S3 object key, which
    /// goes into the path as it is, slashes included).
    package static func encode(_ string: String, keepingSlashes: Bool = false) -> String {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(string.utf8.count)
        for byte in string.utf8 {
            if isUnreserved(byte) || (keepingSlashes && byte == slash) {
                encoded.append(byte)
            } else {
                appendEscape(of: byte, to: &encoded)
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Encodes like `encode(_:keepingSlashes: true)` but keeps the `%XY` escapes already there, hex made upper case:
    /// an already encoded path stays as it is (single encoding), and a byte left unencoded gets encoded once.
    static func encodeKeepingEscapes(_ path: String) -> String {
        let bytes = Array(path.utf8)
        var encoded: [UInt8] = []
        encoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == percent, index + 2 < bytes.count, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) {
                encoded.append(percent)
                encoded.append(upperCased(bytes[index + 1]))
                encoded.append(upperCased(bytes[index + 2]))
                index += 3
                continue
            }
            if isUnreserved(byte) || byte == slash {
                encoded.append(byte)
            } else {
                appendEscape(of: byte, to: &encoded)
            }
            index += 1
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    private static let slash = UInt8(ascii: "/")
    private static let percent = UInt8(ascii: "%")
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "F"),
            UInt8(ascii: "a")...UInt8(ascii: "f"):
            return true
        default:
            return false
        }
    }

    private static func upperCased(_ hexDigit: UInt8) -> UInt8 {
        (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(hexDigit) ? hexDigit - 32 : hexDigit
    }

    private static func appendEscape(of byte: UInt8, to encoded: inout [UInt8]) {
        encoded.append(percent)
        encoded.append(hexDigits[Int(byte >> 4)])
        encoded.append(hexDigits[Int(byte & 0x0F)])
    }
}
