import Yams

extension YAMLFile {
    /// Parses `text` into one document node, reporting a syntax error at its position.
    func parse(_ text: String) -> Node? {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        do {
            guard let node = try Yams.compose(yaml: text) else {
                diagnostics.error("the file is empty", at: SourceLocation(file: path, line: 1, column: 1))
                return nil
            }
            return node
        } catch let error as YamlError {
            switch error {
            case .duplicatedKeysInMapping(let keys, let context):
                for key in keys { reportDuplicate(key, first: context.mark, in: text) }
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                diagnostics.error(
                    "YAML syntax: \(problem)", at: SourceLocation(file: path, line: mark.line, column: mark.column))
            default:
                diagnostics.error("YAML syntax: \(error)", at: SourceLocation(file: path, line: 1, column: 1))
            }
            return nil
        } catch {
            diagnostics.error("YAML syntax: \(error)", at: SourceLocation(file: path, line: 1, column: 1))
            return nil
        }
    }

    /// Where the content of a scalar starts: after the quote of a quoted one, on the next line (at its indentation)
    /// for a `|` or `>` block.
    func sqlPlace(of node: Node) -> SQLPlace {
        let at = location(of: node)
        guard case .scalar(let scalar) = node else { return SQLPlace(start: at, lineStartColumn: at.column) }
        switch scalar.style {
        case .literal, .folded:
            let index = at.line  // the line after the indicator, zero-based
            let indent = index < lines.count ? lines[index].prefix { $0 == " " }.count : 0
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
    private func reportDuplicate(_ key: String, first: Mark, in text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for index in first.line..<lines.count {
            let line = lines[index].unicodeScalars
            guard line.count >= first.column else { continue }
            let head = String(String.UnicodeScalarView(line.prefix(first.column - 1)))
            let rest = String(String.UnicodeScalarView(line.dropFirst(first.column - 1)))
            let indent = head.allSatisfy { $0 == " " || $0 == "-" }
            if !indent { continue }
            if rest.hasPrefix("\(key):") {
                diagnostics.error(
                    "duplicate key '\(key)' (first given at line \(first.line))",
                    at: SourceLocation(file: path, line: index + 1, column: first.column))
                return
            }
        }
        diagnostics.error(
            "duplicate key '\(key)': it is given again later in the same mapping",
            at: SourceLocation(file: path, line: first.line, column: first.column))
    }
}
