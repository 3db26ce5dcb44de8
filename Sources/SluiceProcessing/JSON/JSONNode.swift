/// One value of a parsed JSON line: where its bytes are, and where its subtree ends in the record's node array.
///
/// Why a flat array of spans: a line is parsed once, into one allocation, and a column's path is resolved by
/// walking it, skipping a member's whole subtree in one step (`next`); no member is decoded, and no `String`
/// made, until a column reads it.
struct JSONNode: Sendable {
    /// What kind of value.
    enum Kind: UInt8, Sendable {
        case object, array, string, number, `true`, `false`, null
    }

    /// The value's first byte in the line (a string's opening quote, a container's bracket).
    var start: Int32
    /// Just past the value's last byte (a string's closing quote, a container's closing bracket); for a value
    /// the logger cut, the end of the line (for a string, of its last whole character or escape).
    var end: Int32
    /// The member's key, between its quotes (`keyStart == keyEnd == -1` for an array element or the root).
    var keyStart: Int32
    var keyEnd: Int32
    /// The index of the node after this value and everything inside it: its next sibling, if any.
    var next: Int32
    /// The index of the enclosing object or array (-1 for the root).
    var parent: Int32
    var kind: Kind
    /// `Flags` bits.
    var flags: UInt8

    /// The bits of `flags`.
    enum Flags {
        /// The string value holds a `\` escape: read through `JSONString.unescape`.
        static let escaped: UInt8 = 1
        /// The key holds a `\` escape.
        static let keyEscaped: UInt8 = 2
        /// The line ends inside the value: the logger cut it. A container missing its close, a string missing
        /// its closing quote, a number or literal running to the end of the line.
        static let incomplete: UInt8 = 4
    }

    var isIncomplete: Bool { flags & Flags.incomplete != 0 }
    var isContainer: Bool { kind == .object || kind == .array }
}
