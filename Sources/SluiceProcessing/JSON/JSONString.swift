import SluiceJSON

/// A JSON string's text from its bytes between the quotes (validated by `JSONParser`).
///
/// Escapes are decoded here, only for a string a column reads, by the one unescaper (`JSONUnescaper`): a lone
/// surrogate (valid JSON syntax, but no character) becomes U+FFFD, so the text stays valid Unicode for the lake.
enum JSONString {
    /// The text of `bytes`; `escaped` when they hold a `\` (else they are copied as they are).
    static func text(of bytes: ArraySlice<UInt8>, escaped: Bool) -> String {
        guard escaped else { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: unescape(bytes), as: UTF8.self)
    }

    /// `bytes` with their escapes decoded, as UTF-8 (`JSONUnescaper`: an escape the logger cut is dropped).
    static func unescape(_ bytes: ArraySlice<UInt8>) -> [UInt8] { JSONUnescaper.unescape(bytes) }

    /// Whether `key` (a path step's UTF-8) is the key whose bytes, between quotes, are `raw`.
    static func keyEquals(_ raw: ArraySlice<UInt8>, escaped: Bool, _ key: [UInt8]) -> Bool {
        guard escaped else { return raw.elementsEqual(key) }
        return unescape(raw) == key
    }
}
