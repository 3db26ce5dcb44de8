import SluiceEmit

/// Strings in the manifests `sluice new pipeline` writes: scalars through the one YAML escaper (`YAMLText`), and
/// comments made one safe line, so whatever a name or a sample log holds, the value read back is the value written
/// and a comment stays one comment line.
enum YAMLScalar {
    /// `text` plain when YAML reads it back as this very string, else double-quoted with escapes.
    static func scalar(_ text: String) -> String { YAMLText.scalar(text) }

    /// `text` double-quoted, every character a YAML reader could take for a line break or refuse escaped.
    static func quoted(_ text: String) -> String { YAMLText.quoted(text) }

    /// One comment line's text (after `# `): `text` as a quoted scalar, cut to `limit` characters, so a sample
    /// value can never end the comment or start a key.
    static func commentValue(_ text: String, limit: Int = 60) -> String {
        let cut = text.count > limit ? String(text.prefix(limit)) + "..." : text
        return quoted(cut)
    }

    /// A comment's own words, made one safe line: line breaks and controls become spaces.
    static func commentText(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { breaksLine($0) ? " " : $0 }))
    }

    /// C0 and C1 controls, DEL and the characters YAML 1.1 readers take for line breaks.
    private static func breaksLine(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
            || scalar.value == 0x2029 || scalar.value == 0xFEFF
    }
}
