/// Why a line is not one JSON object, and where: the quarantine reason `not JSON: expected ':' at byte 17`.
struct JSONSyntaxError: Error, Sendable, Equatable {
    /// What the parser expected or found.
    let message: String
    /// The byte offset of the problem in the line, from 0.
    let offset: Int

    /// The quarantine reason; the byte is counted from 1, as editors count columns.
    var reason: String { "not JSON: \(message) at byte \(offset + 1)" }

    /// An error at `offset` saying what was expected, and which byte was found instead.
    static func expected(_ what: String, at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> JSONSyntaxError {
        JSONSyntaxError(message: "expected \(what), found \(describe(bytes[offset]))", offset: offset)
    }

    /// A byte as a reason shows it: printable ASCII quoted, anything else in hex.
    static func describe(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x" + hex(byte)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
