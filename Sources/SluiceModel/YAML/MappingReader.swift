import Yams

/// Decoding state shared by every reader of one YAML file: its name and the problems found so far.
final class YAMLFile {
    let path: String
    var diagnostics = Diagnostics()
    /// The text's lines, to find where a block scalar's content starts.
    var lines = TextLines("")

    init(path: String) { self.path = path }

    func location(of node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: path, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func error(_ message: String, at node: Node) {
        diagnostics.error(message, at: location(of: node))
    }

    /// A short rendering of a node for messages.
    /// Where the text of a one-line scalar starts, when the file holds it verbatim (plain, or quoted without
    /// escapes or folding): nil otherwise.
    func textStart(of node: Node) -> SourceLocation? {
        guard case .scalar(let scalar) = node, let mark = node.mark else { return nil }
        let skip: Int
        switch scalar.style {
        case .plain: skip = 0
        case .singleQuoted, .doubleQuoted: skip = 1
        default: return nil
        }
        guard mark.line >= 1, mark.line <= lines.count, mark.column >= 1 else { return nil }
        let line = lines.line(mark.line - 1)
        let start = line.startIndex + mark.column - 1 + skip
        let expected = Array(scalar.string.unicodeScalars)
        guard start + expected.count <= line.endIndex, line[start..<(start + expected.count)].elementsEqual(expected)
        else { return nil }
        return SourceLocation(file: path, line: mark.line, column: mark.column + skip)
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            return scalar.tag == .implicit && scalar.string.isEmpty ? "nothing" : "'\(scalar.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

/// Reads one YAML mapping into a model value: typed getters that report wrong types and missing keys,
/// and, at `finish()`, every key nobody asked for, with the nearest known key suggested.
final class MappingReader {
    let file: YAMLFile
    let node: Node
    /// Where this mapping sits in the manifest, such as `processor.output`, for messages.
    let path: String
    private var entries: [(key: String, keyNode: Node, value: Node)] = []
    private var known: [String] = []
    private(set) var origin: Origin

    /// Nil (with an error reported) when `node` is not a mapping.
    init?(_ node: Node, path: String, in file: YAMLFile) {
        self.file = file
        self.node = node
        self.path = path
        self.origin = Origin(file.location(of: node))
        guard case .mapping(let mapping) = node else {
            file.error("expected a mapping for '\(path)', found \(file.describe(node))", at: node)
            return nil
        }
        var firstSeen: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                file.error("keys in '\(path)' must be plain words, found \(file.describe(keyNode))", at: keyNode)
                continue
            }
            if let first = firstSeen[scalar.string] {
                let at = file.location(of: first)
                file.error(
                    "duplicate key '\(scalar.string)' in '\(path)' (first given at line \(at.line))", at: keyNode)
                continue
            }
            firstSeen[scalar.string] = keyNode
            entries.append((scalar.string, keyNode, value))
        }
    }

    private func qualified(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value node of `key`, or nil when absent; marks the key as known either way.
    func value(_ key: String) -> Node? {
        known.append(key)
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        origin.fields[key] = file.location(of: entry.value)
        return entry.value
    }

    /// Whether the mapping has `key` (does not mark it as read).
    func has(_ key: String) -> Bool { entries.contains { $0.key == key } }

    private func missing(_ key: String) {
        file.error("missing required key '\(key)' in '\(path.isEmpty ? "top level" : path)'", at: node)
    }

    private func scalar(_ key: String, expected: String) -> (String, Node)? {
        guard let node = value(key) else { return nil }
        guard case .scalar(let scalar) = node, !(scalar.tag.rawValue == "tag:yaml.org,2002:null") else {
            file.error("expected \(expected) for '\(qualified(key))', found \(file.describe(node))", at: node)
            return nil
        }
        if scalar.style == .plain, scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" {
            file.error("expected \(expected) for '\(qualified(key))', found nothing", at: node)
            return nil
        }
        return (scalar.string, node)
    }

    /// A required string; reports it missing.
    func requiredString(_ key: String) -> String? {
        guard has(key) else {
            known.append(key)
            missing(key)
            return nil
        }
        return scalar(key, expected: "a string")?.0
    }

    func string(_ key: String, default fallback: String) -> String {
        guard has(key) else {
            known.append(key)
            return fallback
        }
        return scalar(key, expected: "a string")?.0 ?? fallback
    }

    func optionalString(_ key: String) -> String? {
        guard has(key) else {
            known.append(key)
            return nil
        }
        return scalar(key, expected: "a string")?.0
    }

    func int(_ key: String, default fallback: Int?) -> Int? {
        guard has(key) else {
            known.append(key)
            if fallback == nil { missing(key) }
            return fallback
        }
        guard let (text, node) = scalar(key, expected: "an integer") else { return fallback }
        return integer(text, key: key, at: node) ?? fallback
    }

    /// The integer a scalar holds, or nil with a located error: also for digits beyond 64 bits, which are out of any
    /// range a declaration takes.
    private func integer(_ text: String, key: String, at node: Node) -> Int? {
        if let number = Int(text) { return number }
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            file.error("the integer '\(text)' for '\(qualified(key))' is out of range (beyond 64 bits)", at: node)
        } else {
            file.error("expected an integer for '\(qualified(key))', found '\(text)'", at: node)
        }
        return nil
    }

    func optionalInt(_ key: String) -> Int? {
        guard has(key) else {
            known.append(key)
            return nil
        }
        guard let (text, node) = scalar(key, expected: "an integer") else { return nil }
        return integer(text, key: key, at: node)
    }

    /// A decimal number (`0.5`), or nil when absent; a non-number, an infinity or NaN is reported.
    func optionalDecimal(_ key: String) -> Double? {
        guard has(key) else {
            known.append(key)
            return nil
        }
        guard let (text, node) = scalar(key, expected: "a number") else { return nil }
        // Decimal notation only: Swift's Double(_:) also reads "nan", "inf" and hexadecimal.
        let allowed = text.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }
        guard allowed, let number = Double(text), number.isFinite else {
            file.error("expected a number for '\(qualified(key))', found '\(text)'", at: node)
            return nil
        }
        return number
    }

    func bool(_ key: String, default fallback: Bool) -> Bool {
        guard has(key) else {
            known.append(key)
            return fallback
        }
        guard let (text, node) = scalar(key, expected: "true or false") else { return fallback }
        switch text {
        case "true": return true
        case "false": return false
        default:
            file.error("expected true or false for '\(qualified(key))', found '\(text)'", at: node)
            return fallback
        }
    }

    /// One of an enumeration's raw values; a wrong one is reported with the nearest valid value.
    func choice<E: RawRepresentable & CaseIterable>(_ key: String, default fallback: E?) -> E?
    where E.RawValue == String {
        guard has(key) else {
            known.append(key)
            if fallback == nil { missing(key) }
            return fallback
        }
        let allowed = E.allCases.map(\.rawValue)
        guard let (text, node) = scalar(key, expected: "one of \(allowed.joined(separator: ", "))") else {
            return fallback
        }
        guard let value = E(rawValue: text) else {
            let hint = Suggestion.hint(for: text, in: allowed)
            file.error(
                "'\(text)' is not a valid '\(qualified(key))'; expected one of \(allowed.joined(separator: ", "))\(hint)",
                at: node)
            return fallback
        }
        return value
    }

    /// An optional choice: nil when the key is absent, otherwise as `choice`.
    func optionalChoice<E: RawRepresentable & CaseIterable>(_ key: String) -> E? where E.RawValue == String {
        guard has(key) else {
            known.append(key)
            return nil
        }
        return choice(key, default: nil)
    }

    /// A nested mapping, or nil when absent (reported if required) or not a mapping.
    func mapping(_ key: String, required: Bool) -> MappingReader? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        return MappingReader(node, path: qualified(key), in: file)
    }

    /// The items of a list, each with its path (`views[2]`); absent means empty, and reported when required.
    func list(_ key: String, required: Bool = false) -> [(node: Node, path: String)] {
        guard let node = value(key) else {
            if required { missing(key) }
            return []
        }
        guard case .sequence(let sequence) = node else {
            file.error("expected a list for '\(qualified(key))', found \(file.describe(node))", at: node)
            return []
        }
        return sequence.enumerated().map { ($0.element, "\(qualified(key))[\($0.offset)]") }
    }

    /// A list of plain strings.
    func stringList(_ key: String, required: Bool = false) -> [String] {
        list(key, required: required).compactMap { item in
            guard case .scalar(let scalar) = item.node else {
                file.error("expected a string in '\(item.path)', found \(file.describe(item.node))", at: item.node)
                return nil
            }
            return scalar.string
        }
    }

    /// A mapping of names to mappings (`volume.views`): each name, where it is written, and its reader; an entry
    /// that is not a mapping is reported.
    func namedMappings(_ key: String) -> [(name: String, keyLocation: SourceLocation, reader: MappingReader)] {
        guard let reader = mapping(key, required: false) else { return [] }
        reader.known = reader.entries.map(\.key)
        return reader.entries.compactMap { entry in
            MappingReader(entry.value, path: "\(reader.path).\(entry.key)", in: file).map {
                (entry.key, file.location(of: entry.keyNode), $0)
            }
        }
    }

    /// A mapping of strings to strings (environment, tags).
    func stringMap(_ key: String) -> [String: String] {
        guard let reader = mapping(key, required: false) else { return [:] }
        var result: [String: String] = [:]
        for entry in reader.entries {
            guard case .scalar(let scalar) = entry.value else {
                file.error(
                    "expected a string for '\(reader.path).\(entry.key)', found \(file.describe(entry.value))",
                    at: entry.value)
                continue
            }
            result[entry.key] = scalar.string
        }
        reader.known = reader.entries.map(\.key)
        return result
    }

    /// Reports every key that no getter asked for, suggesting the nearest known one for the first
    /// `hintedUnknownKeys` of them (a mapping of thousands is no typo, and only the first errors of a file are shown).
    func finish() {
        let known = Set(known)
        let candidates = known.sorted()
        var unknown = 0
        for entry in entries where !known.contains(entry.key) {
            unknown += 1
            let hint = unknown <= Self.hintedUnknownKeys ? Suggestion.hint(for: entry.key, in: candidates) : ""
            file.error("unknown key '\(entry.key)' in '\(path.isEmpty ? "top level" : path)'\(hint)", at: entry.keyNode)
        }
    }
}

extension MappingReader {
    /// Unknown keys of one mapping that get a "did you mean" hint.
    static let hintedUnknownKeys = 100

    /// Records where the text of `key`'s value starts (`YAMLFile.textStart`).
    func noteTextStart(_ key: String, _ location: SourceLocation) {
        origin.textStarts[key] = location
    }

    /// Records a nested mapping's field (the crawler's `schedule`) as a field of this one, for values the model
    /// keeps flat.
    func adopt(_ key: String, from nested: MappingReader) {
        if let location = nested.origin.fields[key] { origin.fields[key] = location }
    }
}
