/// A path's text as a manifest's `from:` writes it (`FieldPath` grammar): bare keys where they can be, quoted
/// (`["app.kubernetes.io/name"]`) where not, so what `sluice logs parse` prints and `sluice new pipeline`
/// proposes reads back as the same path.
enum JSONPathText {
    /// `prefix` followed by the step to member `key` (`prefix` empty: the path's first key).
    static func appending(key: String, to prefix: String) -> String {
        if isBare(key, first: prefix.isEmpty) { return prefix.isEmpty ? key : prefix + "." + key }
        var quoted = "[\""
        for character in key.unicodeScalars {
            if character == "\"" || character == "\\" { quoted.unicodeScalars.append("\\") }
            quoted.unicodeScalars.append(character)
        }
        return prefix + quoted + "\"]"
    }

    /// `prefix` followed by the step to element `index`.
    static func appending(index: Int, to prefix: String) -> String { prefix + "[\(index)]" }

    /// Whether `key` can be written bare: one or more bytes other than `.`, `[`, `]`, `"`, spaces and control
    /// characters, and, first in a path, not starting with `$` (a line property) nor with a byte order mark (the
    /// manifest's YAML reader drops one that starts a scalar, even escaped: the path would name another key).
    private static func isBare(_ key: String, first: Bool) -> Bool {
        guard !key.isEmpty, !(first && (key.hasPrefix("$") || key.unicodeScalars.first == "\u{FEFF}")) else {
            return false
        }
        return key.utf8.allSatisfy { byte in
            switch byte {
            case 0x00...0x20, 0x7F, UInt8(ascii: "."), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\""):
                false
            default: true
            }
        }
    }
}
