/// The `{{ ref("name") }}` references in a view's SQL, and the SQL with them resolved.
public enum ViewSQL {
    /// One reference: the logical name, where it stands in the SQL (zero-based line and column), and its text.
    public struct Reference: Sendable, Equatable {
        public var name: String
        public var line: Int
        public var column: Int
        let range: Range<String.Index>
    }

    /// A `{{ ... }}` that is not a well-formed reference.
    public struct Problem: Error, Sendable {
        public var message: String
        public var line: Int
        public var column: Int
    }

    /// Every reference in order, or the first malformed one.
    public static func references(in sql: String) -> Result<[Reference], Problem> {
        var found: [Reference] = []
        var index = sql.startIndex
        while let open = sql[index...].range(of: "{{") {
            let (line, column) = position(of: open.lowerBound, in: sql)
            guard let close = sql[open.upperBound...].range(of: "}}") else {
                return .failure(Problem(message: "'{{' is never closed with '}}'", line: line, column: column))
            }
            let inside = sql[open.upperBound..<close.lowerBound].trimmingSpaces
            guard let name = referencedName(inside) else {
                return .failure(
                    Problem(
                        message: "expected {{ ref(\"name\") }}, found {{ \(inside) }}", line: line, column: column))
            }
            found.append(Reference(name: name, line: line, column: column, range: open.lowerBound..<close.upperBound))
            index = close.upperBound
        }
        return .success(found)
    }

    /// The SQL with each reference replaced by what `resolve` gives for its name (unknown names stay as written).
    public static func resolve(_ sql: String, _ resolve: (String) -> String?) -> String {
        guard case .success(let references) = references(in: sql) else { return sql }
        var result = ""
        var index = sql.startIndex
        for reference in references {
            result += sql[index..<reference.range.lowerBound]
            result += resolve(reference.name) ?? String(sql[reference.range])
            index = reference.range.upperBound
        }
        result += sql[index...]
        return result
    }

    /// `ref("name")` or `ref('name')` -> name.
    private static func referencedName(_ text: Substring) -> String? {
        guard text.hasPrefix("ref("), text.hasSuffix(")") else { return nil }
        let argument = text.dropFirst(4).dropLast().trimmingSpaces
        guard let quote = argument.first, quote == "\"" || quote == "'", argument.count >= 3, argument.last == quote
        else { return nil }
        let name = argument.dropFirst().dropLast()
        return name.isEmpty || name.contains(quote) ? nil : String(name)
    }

    private static func position(of target: String.Index, in text: String) -> (Int, Int) {
        var line = 0
        var column = 0
        var index = text.startIndex
        while index < target {
            if text[index] == "\n" {
                line += 1
                column = 0
            } else {
                column += 1
            }
            index = text.index(after: index)
        }
        return (line, column)
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" || first == "\n" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\n" { text = text.dropLast() }
        return text
    }
}
