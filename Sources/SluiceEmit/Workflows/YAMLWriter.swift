/// A YAML value of a workflow: the shapes the Sluice workflows use, each written by `YAMLWriter` only.
indirect enum YAMLNode: Sendable {
    case scalar(ScalarText)
    /// A key with no value, such as an event with no filter: `workflow_dispatch:`.
    case null
    /// `{}`: for `permissions:`, nothing granted.
    case emptyMapping
    /// A flow sequence on the key's line: `[a, "b c"]`.
    case flow([ScalarText])
    /// A literal block scalar (`|`): Sluice's own lines (a committed script, fixed paths), kept as they are. Text from
    /// the declarations never goes here; it goes through a quoted scalar.
    case literal([String])
    case mapping([YAMLEntry])
    case sequence([YAMLItem])
}

/// A key and its value in a mapping, with the comment lines above it and a comment after a scalar value.
struct YAMLEntry: Sendable {
    var key: ScalarText
    var value: YAMLNode
    /// Comment lines above the entry; a line break in one starts another comment line.
    var comment: [String] = []
    /// A fixed comment of this module after the value (why a permission is granted, an action's release).
    var trailingComment: StaticString?
    /// An empty line before the entry (and its comment), between the sections of a workflow and between jobs.
    var blankLineBefore = false

    init(_ key: ScalarText, _ value: YAMLNode, comment: [String] = [], trailingComment: StaticString? = nil) {
        self.key = key
        self.value = value
        self.comment = comment
        self.trailingComment = trailingComment
    }

    init(_ key: ScalarText, _ value: ScalarText, comment: [String] = [], trailingComment: StaticString? = nil) {
        self.init(key, .scalar(value), comment: comment, trailingComment: trailingComment)
    }
}

/// An item of a block sequence: a mapping (the only kind the workflows list), with the comment lines above its `- `.
/// An item without entries is not written.
struct YAMLItem: Sendable {
    var entries: [YAMLEntry]
    var comment: [String] = []
}

/// Writes a workflow's YAML: two spaces a level, comments above what they explain, one line per scalar.
enum YAMLWriter {
    static let indent = "  "

    /// A document: a top-level mapping, with the comment lines above it.
    static func document(_ entries: [YAMLEntry], header: [String]) -> String {
        (comments(header, at: "") + lines(entries, at: "")).joined(separator: "\n") + "\n"
    }

    /// Comment lines: each line of the text (split at every line break YAML 1.1 or 1.2 knows, so no text can end a
    /// comment early) after `# `, or a lone `#` for an empty one.
    static func comments(_ text: [String], at padding: String) -> [String] {
        let breaks: Set<Character> = ["\n", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}"]
        return text.flatMap { $0.split(omittingEmptySubsequences: false, whereSeparator: breaks.contains) }
            .map { $0.isEmpty ? "\(padding)#" : "\(padding)# \($0)" }
    }

    static func lines(_ entries: [YAMLEntry], at padding: String) -> [String] {
        var out: [String] = []
        for entry in entries {
            if entry.blankLineBefore { out.append("") }
            out += comments(entry.comment, at: padding)
            let key = "\(padding)\(entry.key.written):"
            let trailing = entry.trailingComment.map { " # \($0)" } ?? ""
            switch entry.value {
            case .scalar(let scalar): out.append("\(key) \(scalar.written)\(trailing)")
            case .null: out.append(key + trailing)
            case .emptyMapping: out.append("\(key) {}\(trailing)")
            case .flow(let scalars): out.append("\(key) [\(scalars.map(\.written).joined(separator: ", "))]\(trailing)")
            case .literal(let text):
                out.append("\(key) |\(trailing)")
                out += text.map { $0.isEmpty ? "" : padding + indent + $0 }
            case .mapping(let children):
                out.append(key + trailing)
                out += lines(children, at: padding + indent)
            case .sequence(let items):
                out.append(key + trailing)
                out += sequence(items, at: padding + indent)
            }
        }
        return out
    }

    /// Block sequence items: `- ` on the item's first line, its other lines under that line.
    static func sequence(_ items: [YAMLItem], at padding: String) -> [String] {
        var out: [String] = []
        for item in items {
            guard var first = item.entries.first else { continue }
            // The dash goes on the first entry's line: that entry's comment goes above the dash.
            out += comments(item.comment + first.comment, at: padding)
            first.comment = []
            first.blankLineBefore = false
            var body = lines([first] + item.entries.dropFirst(), at: padding + indent)
            body[0] = padding + "- " + body[0].dropFirst(padding.count + indent.count)
            out += body
        }
        return out
    }
}
