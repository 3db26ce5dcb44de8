/// What a UTF-8 lead byte announces (RFC 3629): the sequence's length, and the range its second byte must fall
/// in, narrower than 0x80...0xBF after E0, ED, F0 and F4, which is what excludes overlong forms, surrogates and
/// scalars past U+10FFFF. The JSON parser, the CloudWatch documents scanner and the NCSA escape decoder each
/// validate sequences through this one table.
enum UTF8Lead {
    /// The length (2 to 4) and second-byte range of the sequence `lead` starts; nil for a byte that starts no
    /// multi-byte sequence (ASCII, a continuation byte, C0, C1, F5 and above).
    @inline(__always)
    static func shape(_ lead: UInt8) -> (length: Int, second: ClosedRange<UInt8>)? {
        switch lead {
        case 0xC2...0xDF: (2, 0x80...0xBF)
        case 0xE0: (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80...0xBF)
        case 0xED: (3, 0x80...0x9F)
        case 0xF0: (4, 0x90...0xBF)
        case 0xF1...0xF3: (4, 0x80...0xBF)
        case 0xF4: (4, 0x80...0x8F)
        default: nil
        }
    }
}
