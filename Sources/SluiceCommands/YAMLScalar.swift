/// Strings as YAML scalars and comments, for the manifests `sluice new pipeline` writes: whatever a name or a
/// sample log holds (quotes, `#`, line breaks, control characters, YAML 1.1's `yes`), the value read back is the
/// value written, and a comment stays one comment line.
enum YAMLScalar {
    /// `text` plain when YAML reads it back as this very string, else double-quoted with escapes.
    static func scalar(_ text: String) -> String {
        isPlainSafe(text) ? text : quoted(text)
    }

    /// `text` double-quoted: `"`, `\` and every character a YAML reader could take for a line break or refuse
    /// (C0 and C1 controls, DEL, U+2028, U+2029, the byte order mark) escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where needsEscape(scalar):
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out +=
                    scalar.value <= 0xFF
                    ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                    : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// One comment line's text (after `# `): `text` as a quoted scalar, cut to `limit` characters, so a sample
    /// value can never end the comment or start a key.
    static func commentValue(_ text: String, limit: Int = 60) -> String {
        let cut = text.count > limit ? String(text.prefix(limit)) + "..." : text
        return quoted(cut)
    }

    /// A comment's own words, made one safe line: line breaks and controls become spaces.
    static func commentText(_ text: String) -> String {
        String(
            String.UnicodeScalarView(text.unicodeScalars.map { needsEscape($0) || $0 == "\n" || $0 == "\r" ? " " : $0 })
        )
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
            || scalar.value == 0x2029 || scalar.value == 0xFEFF
    }

    /// Words YAML 1.1 (which the manifest reader follows) reads as booleans or null.
    private static let specialWords: Set<String> = [
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~",
    ]

    /// Lowercase letters, digits, `_`, `-`, `/` and `.`, starting with a letter or `/`, not a special word and not
    /// a number: a scalar YAML reads back as this string.
    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first,
            first == "/" || ("a"..."z").contains(first) || ("A"..."Z").contains(first)
        else { return false }
        guard !specialWords.contains(text.lowercased()) else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "_" || scalar == "-" || scalar == "/" || scalar == "."
        }
    }
}
