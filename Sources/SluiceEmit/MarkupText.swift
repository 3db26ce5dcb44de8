/// Text from the declarations placed in generated Markdown and Mermaid: shown as written, never read as markup.
package enum Markdown {
    /// Text on one line of Markdown (a table cell, a heading): line breaks become spaces, `|` cannot split a table
    /// cell, and `<`, `>`, `&`, backticks, `*`, `[`, `]` and `\` are shown rather than read as HTML, code, emphasis or
    /// links. (`_` is left alone: GitHub does not read it as emphasis inside a word, where names have it.)
    package static func inline(_ text: String) -> String {
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

    /// Text as a paragraph of its own: `inline`, and what Markdown reads as a block at the start of a line (`#`
    /// headings, `-`, `+` and `1.` list items, `---`, `___` and `===` rules, `~~~` fences, four spaces of code) is
    /// shown as written. (`>`, `<`, `*` and backticks are already escaped by `inline`.)
    package static func paragraph(_ text: String) -> String {
        let line = inline(text).drop { $0 == " " || $0 == "\t" }
        guard let first = line.first else { return "" }
        if "#-+=_~".contains(first) { return "\\" + String(line) }
        // An ordered list item: up to nine digits, then `.` or `)`.
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        let rest = line.dropFirst(digits.count)
        if !digits.isEmpty, digits.count <= 9, rest.first == "." || rest.first == ")" {
            return String(digits) + "\\" + String(rest)
        }
        return String(line)
    }

    /// A code span of `text` in a table cell: a fence longer than any run of backticks in it, and `|` escaped, which
    /// GitHub's tables need even inside code (outside a table, `inTable: false`, the `\\` would show).
    package static func code(_ text: String, inTable: Bool = true) -> String {
        let line = inTable ? oneLine(text).replacingOccurrences(of: "|", with: "\\|") : oneLine(text)
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
    package static func oneLine(_ text: String) -> String {
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
