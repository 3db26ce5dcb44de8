import SluiceCloud

/// The YAML escaper: every text from the declarations that a workflow holds goes through it.
enum YAML {
    /// Text from the declarations as a double-quoted scalar (JSON string syntax is valid YAML), made inert for GitHub:
    /// GitHub evaluates `${{` wherever it occurs in a value, so each one is written as an expression that yields `$`
    /// followed by the text `{{`. Validation refuses `${{` in the declarations; this keeps the output safe regardless.
    static func quoted(_ value: String) -> String {
        var out = ""
        // JSON escapes quotes, backslashes and C0 controls; YAML also wants DEL, C1 controls, the Unicode line and
        // paragraph separators (line breaks to YAML 1.1 readers) and the byte order mark escaped.
        for scalar in TerraformValue.string(inert(value)).compact().unicodeScalars {
            if (0x7F...0x9F).contains(scalar.value) || [0x2028, 0x2029, 0xFEFF].contains(scalar.value) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text from the declarations written plain when it reads the same plain, in a block or a flow: only letters,
    /// digits and ` ._/-`, from a letter, not ending in a space (a plain scalar drops it), and no word a YAML 1.1
    /// reader takes for a boolean or null. Quoted otherwise.
    static func scalar(_ value: String) -> String {
        let plain =
            isPlain(value) && value.first?.isLetter == true && value.last != " "
            && !reservedWords.contains(value.lowercased())
        return plain ? value : quoted(value)
    }

    /// Plain words that YAML 1.1 or 1.2 readers take for a boolean or null rather than text.
    static let reservedWords: Set<String> = ["true", "false", "yes", "no", "y", "n", "on", "off", "null"]

    /// Only letters, digits and ` ._/-`: no indicator, comment, quote or line break.
    static func isPlain(_ value: String) -> Bool {
        !value.isEmpty && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || " ._/-".contains($0)) }
    }

    /// `${{` as `${{ '$' }}{{`: GitHub reads it as the text `${{`, evaluating nothing from the declaration.
    static func inert(_ value: String) -> String { value.replacingOccurrences(of: "${{", with: "${{ '$' }}{{") }
}
