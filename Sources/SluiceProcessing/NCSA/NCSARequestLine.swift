/// The parts of a logged request line (decoded, the inside of its quotes): `METHOD TARGET VERSION`.
///
/// The method is the first word when it is an HTTP token (RFC 9110's `tchar`s); the version is the last word when
/// it starts with `HTTP/`; the target is what lies between (clients do send spaces in targets), split at its
/// first `?` into path and query. A line of another shape keeps the parts it has: HTTP/0.9's `GET /` has no
/// version, and bytes that are no request at all (a TLS handshake sent to a plain port) have no parts.
struct NCSARequestLine {
    var method: String?
    var path: String?
    var query: String?
    var version: String?

    /// The parts of `request`. When the logger `cut` the line inside it, only the parts wholly logged are given,
    /// besides the target, which keeps what was logged; a trailing word that begins like `HTTP/` is then the
    /// cut version, not part of the target.
    init(_ request: String, cut: Bool) {
        var text = request
        text.withUTF8 { bytes in self = NCSARequestLine(bytes, cut: cut) }
    }

    private init(_ bytes: UnsafeBufferPointer<UInt8>, cut: Bool) {
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        var firstSpace = 0
        while firstSpace < bytes.count && bytes[firstSpace] != ASCII.space {
            guard Self.isTokenByte(bytes[firstSpace]) else { return }
            firstSpace += 1
        }
        guard firstSpace > 0 else { return }
        guard firstSpace < bytes.count else {
            if !cut { method = Self.commonMethod(bytes, 0..<firstSpace) ?? text(0..<firstSpace) }
            return
        }
        method = Self.commonMethod(bytes, 0..<firstSpace) ?? text(0..<firstSpace)
        var targetEnd = bytes.count
        var lastSpace = bytes.count - 1
        while lastSpace > firstSpace && bytes[lastSpace] != ASCII.space { lastSpace -= 1 }
        if lastSpace > firstSpace {
            let word = lastSpace + 1..<bytes.count
            if !cut && Self.starts(bytes, word, with: "HTTP/") {
                version = Self.matches(bytes, word, "HTTP/1.1") ? "HTTP/1.1" : text(word)
                targetEnd = lastSpace
            } else if cut && (Self.starts(bytes, word, with: "HTTP/") || Self.isPrefixOfHTTP(bytes, word)) {
                targetEnd = lastSpace
            }
        }
        var mark = firstSpace + 1
        while mark < targetEnd && bytes[mark] != ASCII.question { mark += 1 }
        path = text(firstSpace + 1..<mark)
        if mark < targetEnd { query = text(mark + 1..<targetEnd) }
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ text: StaticString)
        -> Bool
    {
        range.count == text.utf8CodeUnitCount && starts(bytes, range, with: text)
    }

    private static func starts(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, with text: StaticString)
        -> Bool
    {
        let count = text.utf8CodeUnitCount
        guard range.count >= count else { return false }
        for offset in 0..<count where bytes[range.lowerBound + offset] != text.utf8Start[offset] { return false }
        return true
    }

    /// A cut version: `H`, `HT`, ... `HTTP/` itself.
    private static func isPrefixOfHTTP(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let http: StaticString = "HTTP/"
        guard range.count <= http.utf8CodeUnitCount else { return false }
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != http.utf8Start[offset] { return false }
        return true
    }

    // Most lines share these, and a literal costs nothing to make where decoding the bytes again would.
    private static func commonMethod(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        if matches(bytes, range, "GET") { return "GET" }
        if matches(bytes, range, "POST") { return "POST" }
        return nil
    }

    /// RFC 9110's `tchar`: the bytes of a method.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        if (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || ASCII.isDigit(byte) { return true }
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default: return false
        }
    }
}
