/// The `{{ ref("name") }}` references in a view's SQL, and the SQL with them resolved.
package enum ViewSQL {
    /// One reference: the logical name, where it stands in the SQL (zero-based line and column), and its text.
    package struct Reference: Sendable, Equatable {
        package var name: String
        package var line: Int
        package var column: Int
        let range: Range<String.Index>
    }

    /// A `{{ ... }}` that is not a well-formed reference.
    package struct Problem: Error, Sendable {
        package var message: String
        package var line: Int
        package var column: Int
    }

    /// Every reference in order, or the first malformed one. One pass over the text: positions are counted as the
    /// scan goes, so a view with thousands of references costs no more than its length.
    package static func references(in sql: String) -> Result<[Reference], Problem> {
        var found: [Reference] = []
        var positions = Positions(sql)
        var index = sql.utf8.startIndex
        while let open = find("{{", in: sql, from: index) {
            let (line, column) = positions.of(open.lowerBound)
            guard let close = find("}}", in: sql, from: open.upperBound) else {
                return .failure(Problem(message: "'{{' is never closed with '}}'", line: line, column: column))
            }
            let inside = sql[open.upperBound..<close.lowerBound].trimmingSpaces
            guard let name = referencedName(inside) else {
                let shown = inside.count > 80 ? "\(inside.prefix(80))..." : String(inside)
                return .failure(
                    Problem(message: "expected {{ ref(\"name\") }}, found {{ \(shown) }}", line: line, column: column))
            }
            found.append(Reference(name: name, line: line, column: column, range: open.lowerBound..<close.upperBound))
            index = close.upperBound
        }
        return .success(found)
    }

    /// The SQL with each reference replaced by what `resolve` gives for its name (unknown names stay as written).
    package static func resolve(_ sql: String, _ resolve: (String) -> String?) -> String {
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

    /// The first `pattern` (two ASCII bytes) at or after `start`, compared as UTF-8 so that no bridging or
    /// grapheme breaking makes each search cost the whole text.
    private static func find(
        _ pattern: StaticString, in text: String, from start: String.Index
    ) -> Range<String.Index>? {
        let first = pattern.utf8Start[0]
        let second = pattern.utf8Start[1]
        let utf8 = text.utf8
        var index = start
        while index < utf8.endIndex {
            let next = utf8.index(after: index)
            if utf8[index] == first, next < utf8.endIndex, utf8[next] == second {
                return index..<utf8.index(after: next)
            }
            index = next
        }
        return nil
    }

    /// Zero-based lines and columns (in Unicode scalars, breaks as libyaml counts them) of increasing positions in
    /// one text, each found by moving on from the previous one.
    private struct Positions {
        let scalars: String.UnicodeScalarView
        var index: String.Index
        var cursor = LineCursor()

        init(_ text: String) {
            scalars = text.unicodeScalars
            index = scalars.startIndex
        }

        mutating func of(_ target: String.Index) -> (Int, Int) {
            while index < target, index < scalars.endIndex {
                cursor.advance(over: scalars[index])
                scalars.formIndex(after: &index)
            }
            return (cursor.line, cursor.column)
        }
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
