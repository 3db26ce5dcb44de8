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
        let firstSpace = bytes.firstIndex(of: ASCII.space)
        let methodEnd = firstSpace ?? bytes.count
        guard methodEnd > 0, bytes[..<methodEnd].allSatisfy(Self.isTokenByte) else { return }
        guard let firstSpace else {
            if !cut { method = Self.commonMethod(bytes[...]) ?? text(0..<methodEnd) }
            return
        }
        method = Self.commonMethod(bytes[..<firstSpace]) ?? text(0..<firstSpace)
        var targetEnd = bytes.count
        if let lastSpace = bytes.lastIndex(of: ASCII.space), lastSpace > firstSpace {
            let word = bytes[(lastSpace + 1)...]
            if !cut && Self.startsWithHTTP(word) {
                version = word.elementsEqual("HTTP/1.1".utf8) ? "HTTP/1.1" : text(lastSpace + 1..<bytes.count)
                targetEnd = lastSpace
            } else if cut && (Self.startsWithHTTP(word) || "HTTP/".utf8.starts(with: word)) {
                targetEnd = lastSpace
            }
        }
        let target = firstSpace + 1..<targetEnd
        if let mark = bytes[target].firstIndex(of: ASCII.question) {
            path = text(target.lowerBound..<mark)
            query = text(mark + 1..<target.upperBound)
        } else {
            path = text(target)
        }
    }

    private static func startsWithHTTP(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        word.starts(with: "HTTP/".utf8)
    }

    // Most lines share these, and a literal costs nothing to make where decoding the bytes again would.
    private static func commonMethod(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        if word.elementsEqual("GET".utf8) { return "GET" }
        if word.elementsEqual("POST".utf8) { return "POST" }
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
