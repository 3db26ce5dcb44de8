/// Which columns a view's SQL names, found by tokenising it: the schema guard's answer to "which views use this
/// column" (`generated/schema.json`).
///
/// A view's SQL is free text, so this is a tokeniser, not a parser: a column counts as read when its name appears
/// as an identifier anywhere outside string literals (`'...'`) and comments (`-- ...`, `/* ... */`), unquoted or
/// quoted (`"name"`, `` `name` ``), compared without case as Athena does. An alias spelled like a column counts too:
/// over-counting names a view that does not break; missing one would let a change through. A `*` in a select list
/// (`SELECT *`, `t.*`) reads every column.
package struct ViewColumns: Sendable, Equatable {
    /// Every identifier the SQL names, lower-cased (references `{{ ref("x") }}` excluded).
    package var identifiers: Set<String>
    /// Whether a select list has `*` or `t.*`: the view reads every column of what it selects from.
    package var readsEverything: Bool
    /// The first SELECT's output columns by name (lower-cased): the identifiers each one's expression names, so that
    /// a view column can be traced to the table columns it comes from (`count(DISTINCT user_id) AS users`).
    package var outputs: [String: Set<String>]

    package init(sql: String) {
        let tokens = SQLTokens.tokens(in: sql)
        var identifiers: Set<String> = []
        var readsEverything = false
        var previous: SQLTokens.Token?
        for token in tokens {
            switch token {
            case .identifier(let name, _): identifiers.insert(name)
            case .symbol("*"):
                // `*` after SELECT, DISTINCT, ALL, a comma or a dot is a star, never a product.
                switch previous {
                case .identifier(let word, quoted: false)? where ["select", "distinct", "all"].contains(word):
                    readsEverything = true
                case .symbol(",")?, .symbol(".")?: readsEverything = true
                default: break
                }
            default: break
            }
            previous = token
        }
        self.identifiers = identifiers
        self.readsEverything = readsEverything
        outputs = Self.outputs(tokens)
    }

    /// Whether the SQL reads the column `name`.
    package func reads(_ name: String) -> Bool {
        readsEverything || identifiers.contains(name.lowercased())
    }

    /// The items of the first SELECT's list at the outermost level (a WITH's bodies are in parentheses), each
    /// named by its alias (`expr AS alias`, `expr alias`) or, for a bare column (`t.col`), by the column.
    private static func outputs(_ tokens: [SQLTokens.Token]) -> [String: Set<String>] {
        var depth = 0
        var start: Int?
        for (index, token) in tokens.enumerated() {
            switch token {
            case .symbol("("): depth += 1
            case .symbol(")"): depth -= 1
            case .identifier("select", quoted: false) where depth == 0:
                start = index + 1
            default: break
            }
            if start != nil { break }
        }
        guard let start else { return [:] }
        var items: [[SQLTokens.Token]] = [[]]
        depth = 0
        for token in tokens[start...] {
            if case .symbol("(") = token { depth += 1 }
            if case .symbol(")") = token { depth -= 1 }
            if depth == 0, case .identifier(let word, quoted: false) = token, ["from", "where", "group"].contains(word)
            {
                break
            }
            if depth == 0, case .symbol(",") = token {
                items.append([])
            } else {
                items[items.count - 1].append(token)
            }
        }
        var outputs: [String: Set<String>] = [:]
        for item in items {
            var body = item
            if case .identifier(let word, quoted: false)? = body.first, ["distinct", "all"].contains(word) {
                body.removeFirst()
            }
            guard case .identifier(let last, _)? = body.last else { continue }
            let expression: ArraySlice<SQLTokens.Token>
            if body.count >= 2, case .identifier("as", quoted: false) = body[body.count - 2] {
                expression = body.dropLast(2)
            } else if body.count >= 2, case .identifier = body[body.count - 2] {
                expression = body.dropLast()
            } else if body.count >= 2, case .symbol(")") = body[body.count - 2] {
                expression = body.dropLast()
            } else {
                expression = body[...]
            }
            var names: Set<String> = []
            for token in expression { if case .identifier(let name, _) = token { names.insert(name) } }
            outputs[last, default: []].formUnion(names)
        }
        return outputs
    }
}

/// The tokens of SQL text that matter for which names it uses: identifiers and one-character symbols. String
/// literals, comments, numbers, whitespace and `{{ ref(...) }}` references are skipped.
package enum SQLTokens {
    package enum Token: Sendable, Equatable {
        /// A name, lower-cased; `quoted` when written in double quotes or backticks (never a keyword then).
        case identifier(String, quoted: Bool)
        case symbol(Character)
    }

    package static func tokens(in sql: String) -> [Token] {
        // References name tables and views, not columns; their quoted argument must not read as an identifier.
        var text = sql
        if case .success(let references) = ViewSQL.references(in: sql) {
            text = ""
            var index = sql.startIndex
            for reference in references {
                text += sql[index..<reference.range.lowerBound]
                text += " "
                index = reference.range.upperBound
            }
            text += sql[index...]
        }
        var tokens: [Token] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func isWordStart(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || scalar.properties.isAlphabetic
        }
        func isWord(_ scalar: Unicode.Scalar) -> Bool {
            isWordStart(scalar) || ("0"..."9").contains(scalar) || scalar == "$"
        }
        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if scalar == "-", next == "-" {
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            } else if scalar == "/", next == "*" {
                index += 2
                while index < scalars.count,
                    !(scalars[index] == "*" && index + 1 < scalars.count
                        && scalars[index + 1] == "/")
                {
                    index += 1
                }
                index += 2
            } else if scalar == "'" || scalar == "\"" || scalar == "`" {
                // A quote inside is written twice.
                var content = ""
                index += 1
                while index < scalars.count {
                    if scalars[index] == scalar {
                        if index + 1 < scalars.count, scalars[index + 1] == scalar {
                            content.unicodeScalars.append(scalar)
                            index += 2
                            continue
                        }
                        break
                    }
                    content.unicodeScalars.append(scalars[index])
                    index += 1
                }
                index += 1
                if scalar != "'" { tokens.append(.identifier(content.lowercased(), quoted: true)) }
            } else if isWordStart(scalar) {
                var word = ""
                while index < scalars.count, isWord(scalars[index]) {
                    word.unicodeScalars.append(scalars[index])
                    index += 1
                }
                tokens.append(.identifier(word.lowercased(), quoted: false))
            } else if ("0"..."9").contains(scalar) {
                // A number, with its exponent or suffix letters (`1e5`, `10d`): never a name.
                while index < scalars.count, isWord(scalars[index]) || scalars[index] == "." { index += 1 }
            } else {
                if !scalar.properties.isWhitespace { tokens.append(.symbol(Character(scalar))) }
                index += 1
            }
        }
        return tokens
    }
}
