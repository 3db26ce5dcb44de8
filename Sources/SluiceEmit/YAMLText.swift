import SluiceJSON

/// The one YAML scalar escaper: the workflows and the manifests `sluice new pipeline` writes put text into YAML only
/// through it, so whatever a name or a logged value holds, a YAML reader gets back the very same string.
package enum YAMLText {
    /// `text` double-quoted. JSON's string syntax is valid YAML; YAML also wants DEL, the C1 controls, the Unicode line
    /// and paragraph separators (line breaks to YAML 1.1 readers) and the byte order mark escaped.
    package static func quoted(_ text: String) -> String {
        var out = ""
        for scalar in JSONEscaper.quoted(text).unicodeScalars {
            if (0x7F...0x9F).contains(scalar.value) || [0x2028, 0x2029, 0xFEFF].contains(scalar.value) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` plain when it reads back as this very string, in a block or a flow; quoted otherwise.
    package static func scalar(_ text: String) -> String { isPlain(text) ? text : quoted(text) }

    /// Only ASCII letters, digits and ` ._/-` (no indicator, comment, quote or line break), starting with a letter or
    /// `/`, not ending in a space (a plain scalar drops it), and no word a YAML 1.1 or 1.2 reader takes for a boolean
    /// or null.
    package static func isPlain(_ text: String) -> Bool {
        guard let first = text.first, first == "/" || (first.isASCII && first.isLetter), text.last != " " else {
            return false
        }
        return !reservedWords.contains(text.lowercased())
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || " ._/-".contains($0)) }
    }

    /// Plain words that YAML 1.1 or 1.2 readers take for a boolean or null rather than text.
    package static let reservedWords: Set<String> = ["true", "false", "yes", "no", "y", "n", "on", "off", "null", "~"]
}
