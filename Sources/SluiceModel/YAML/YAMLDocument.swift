import Yams

extension YAMLFile {
    /// Parses `text` into one document node, reporting a syntax error at its position.
    ///
    /// A leading byte-order mark (Windows editors write one; YAML allows it at the start of the stream) is dropped
    /// first: handed to libyaml inside a Swift string it reads as content, so a file starting with a key failed with
    /// "did not find expected <document start>", and columns on line 1 counted it.
    func parse(_ text: String) -> Node? {
        let text = Self.withoutByteOrderMark(text)
        lines = TextLines(text)
        if let violation = YAMLLimits.check(text) {
            diagnostics.error(
                violation.message, at: SourceLocation(file: path, line: violation.line, column: violation.column))
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                diagnostics.error("the file is empty", at: SourceLocation(file: path, line: 1, column: 1))
                return nil
            }
            return node
        } catch let error as YamlError {
            switch error {
            case .duplicatedKeysInMapping(let keys, let context):
                for key in keys { reportDuplicate(key, first: context.mark) }
            case .reader(let problem, _, _, _):
                reportUnreadable(problem)
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                // libyaml stops at 1,000 levels before the event check sees 64, and names its C setter.
                let shown =
                    problem.hasPrefix("Maximum nesting level")
                    ? "lists and mappings nest more than \(YAMLLimits.maxDepth) deep" : problem
                diagnostics.error(
                    "YAML syntax: \(shown)", at: SourceLocation(file: path, line: mark.line, column: mark.column))
            default:
                diagnostics.error("YAML syntax: \(error)", at: SourceLocation(file: path, line: 1, column: 1))
            }
            return nil
        } catch {
            diagnostics.error("YAML syntax: \(error)", at: SourceLocation(file: path, line: 1, column: 1))
            return nil
        }
    }

    /// `text` without a leading U+FEFF.
    static func withoutByteOrderMark(_ text: String) -> String {
        guard text.unicodeScalars.first == "\u{FEFF}" else { return text }
        return String(text.unicodeScalars.dropFirst())
    }

    /// Where the content of a scalar starts: after the quote of a quoted one, on the next line (at its indentation)
    /// for a `|` or `>` block.
    func sqlPlace(of node: Node) -> SQLPlace {
        let at = location(of: node)
        guard case .scalar(let scalar) = node else { return SQLPlace(start: at, lineStartColumn: at.column) }
        switch scalar.style {
        case .literal, .folded:
            let index = at.line  // the line after the indicator, zero-based
            let indent = lines.line(index).prefix { $0 == " " }.count
            let start = SourceLocation(file: path, line: at.line + 1, column: indent + 1)
            return SQLPlace(start: start, lineStartColumn: indent + 1)
        case .singleQuoted, .doubleQuoted:
            let start = SourceLocation(file: path, line: at.line, column: at.column + 1)
            return SQLPlace(start: start, lineStartColumn: 1)
        default:
            return SQLPlace(start: at, lineStartColumn: 1)
        }
    }

    /// Yams refuses a mapping with a repeated key and names only the first occurrence; point at the repetition,
    /// found as the next line with the key at the same column.
    private func reportDuplicate(_ key: String, first: Mark) {
        let column = max(first.column, 1)
        for index in max(first.line, 0)..<max(lines.count, first.line) {
            let line = lines.line(index)
            guard line.count >= column else { continue }
            let head = line.prefix(column - 1)
            let rest = String(String.UnicodeScalarView(line.dropFirst(column - 1)))
            if !head.allSatisfy({ $0 == " " || $0 == "-" }) { continue }
            if rest.hasPrefix("\(key):") {
                diagnostics.error(
                    "duplicate key '\(key)' (first given at line \(first.line))",
                    at: SourceLocation(file: path, line: index + 1, column: column))
                return
            }
        }
        diagnostics.error(
            "duplicate key '\(key)': it is given again later in the same mapping",
            at: SourceLocation(file: path, line: first.line, column: column))
    }

    /// libyaml's reader refuses characters YAML does not allow in a document (most control characters) and reports
    /// a byte offset; locate the first such character the way libyaml counts lines and columns.
    private func reportUnreadable(_ problem: String) {
        guard let offset = lines.scalars.firstIndex(where: { !Self.isPrintable($0) }) else {
            diagnostics.error("YAML syntax: \(problem)", at: SourceLocation(file: path, line: 1, column: 1))
            return
        }
        let (line, column) = lines.position(ofScalar: offset)
        diagnostics.error(
            "YAML syntax: \(problem): \(TextRules.code(lines.scalars[offset])) may not "
                + "appear in a YAML file (write it as an escape in a double-quoted string)",
            at: SourceLocation(file: path, line: line, column: column))
    }

    /// The characters YAML 1.1 (libyaml) lets a document hold.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
