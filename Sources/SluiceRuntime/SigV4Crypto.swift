import Crypto
import Foundation

/// The hashing SigV4 needs: SHA-256 of the payload and the canonical request, and the HMAC-SHA256 key chain.
enum SigV4Crypto {
    /// Lower-case hex SHA-256, the form SigV4 puts into the canonical request and the string to sign.
    static func sha256Hex(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// The signing key: the secret chained through the day, region, service and `aws4_request`. It depends on
    /// the day only, not the time, so the same key signs a whole day's requests.
    static func signingKey(secretAccessKey: String, day: String, region: String, service: String) -> [UInt8] {
        var key = Array("AWS4\(secretAccessKey)".utf8)
        for part in [day, region, service, "aws4_request"] {
            key = hmac(key: key, message: part)
        }
        return key
    }

    /// HMAC-SHA256 of a UTF-8 message under a raw key.
    static func hmac(key: [UInt8], message: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: SymmetricKey(data: key)))
    }

    /// Lower-case hex of any bytes.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
