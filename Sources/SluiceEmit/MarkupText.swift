/// Text from the declarations placed in generated Markdown and Mermaid: shown as written, never read as markup.
enum Markdown {
    /// Text on one line of Markdown (a table cell, a heading): line breaks become spaces, `|` cannot split a table
    /// cell, and `<`, `>`, `&`, backticks, `*`, `[`, `]` and `\` are shown rather than read as HTML, code, emphasis or
    /// links. (`_` is left alone: GitHub does not read it as emphasis inside a word, where names have it.)
    static func inline(_ text: String) -> String {
        var out = ""
        for scalar in oneLine(text).unicodeScalars {
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "|", "`", "*", "[", "]", "\\": out += "\\" + String(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A code span of `text` in a table cell: a fence longer than any run of backticks in it, and `|` escaped, which
    /// GitHub's tables need even inside code.
    static func code(_ text: String) -> String {
        let line = oneLine(text).replacingOccurrences(of: "|", with: "\\|")
        var longest = 0
        var run = 0
        for character in line {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = line.hasPrefix("`") || line.hasSuffix("`") ? " " : ""
        return fence + pad + line + pad + fence
    }

    /// Line breaks of every kind (LF, CR, U+0085, U+2028, U+2029) and other control characters as single spaces.
    static func oneLine(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let isBreak =
                scalar.properties.generalCategory == .control || scalar.value == 0x2028 || scalar.value == 0x2029
            out.append(isBreak ? " " : scalar)
        }
        return String(out)
    }
}

/// Text from the declarations in a Mermaid label: Mermaid's entity codes for the characters that would end the label
/// or be read as HTML, and one line.
enum Mermaid {
    static func label(_ text: String) -> String {
        var out = ""
        for scalar in Markdown.oneLine(text).unicodeScalars {
            switch scalar {
            case "\"": out += "#quot;"
            case "#": out += "#35;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "`": out += "#96;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
