/// The few values S3's XML answers carry that a processor needs (`UploadId`, `Code`, `Message`), read without an
/// XML parser: FoundationXML would bring libxml2 into the Lambda image for three elements.
enum XMLText {
    /// The text of the first `<name>` element, with the five predefined entities decoded.
    static func first(_ name: String, in text: String) -> String? {
        guard let open = text.range(of: "<\(name)>"),
            let close = text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex)
        else { return nil }
        return decode(String(text[open.upperBound..<close.lowerBound]))
    }

    /// The raw content (entities left encoded) of every `<name>` element in order, for repeated elements that do not
    /// nest in themselves (S3's `<Contents>`); `<name/>` counts as empty.
    static func all(_ name: String, in text: String) -> [String] {
        var contents: [String] = []
        var rest = text.startIndex..<text.endIndex
        while let open = text.range(of: "<\(name)", range: rest) {
            let after = open.upperBound
            guard after < text.endIndex else { break }
            if text[after...].hasPrefix("/>") {
                contents.append("")
                rest = text.index(after, offsetBy: 2)..<text.endIndex
                continue
            }
            // `<Contents>` and not `<ContentsX>`.
            guard text[after] == ">" else {
                rest = after..<text.endIndex
                continue
            }
            let start = text.index(after: after)
            guard let close = text.range(of: "</\(name)>", range: start..<text.endIndex) else { break }
            contents.append(String(text[start..<close.lowerBound]))
            rest = close.upperBound..<text.endIndex
        }
        return contents
    }

    /// Escapes text for an element's content.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }

    private static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&#34;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }
}
