import SluiceModel

/// Which of the table's columns a view reads: the identifiers its SQL names (and the SQL of the views it reads),
/// outside strings and comments, that are columns of the table. A `*` after SELECT, a comma or a dot reads every
/// column. Partition keys are not counted: their values are in the object keys, not in the files.
package enum ViewColumns {
    /// The stored columns of the pipeline's table that `view` reads, in the table's order.
    package static func read(by view: View, in pipeline: Pipeline) -> [String] {
        let columns = pipeline.processor.output.columns.map(\.name)
        var words: Set<String> = []
        var readsAll = false
        var pending = [view.name]
        var visited: Set<String> = []
        while let name = pending.popLast() {
            guard visited.insert(name).inserted, let current = pipeline.views.first(where: { $0.name == name }) else {
                continue
            }
            let tokens = tokens(in: current.sql)
            readsAll = readsAll || tokens.readsAll
            words.formUnion(tokens.words)
            // A view read through {{ ref("name") }} is a quoted word; its SQL counts too.
            pending.append(contentsOf: pipeline.views.map(\.name).filter { tokens.words.contains($0.lowercased()) })
        }
        return readsAll ? columns : columns.filter { words.contains($0.lowercased()) }
    }

    /// The share of the table's stored columns `view` reads, by count (every column counted alike).
    package static func share(of view: View, in pipeline: Pipeline) -> (read: Int, of: Int) {
        (read(by: view, in: pipeline).count, pipeline.processor.output.columns.count)
    }

    /// The lower-cased identifiers of `sql` (bare or double-quoted) outside '...' strings and -- or /* */
    /// comments, and whether a `*` selects every column.
    package static func tokens(in sql: String) -> (words: Set<String>, readsAll: Bool) {
        let scalars = Array(sql.unicodeScalars)
        var words: Set<String> = []
        var readsAll = false
        var previous = ""
        var index = 0
        func isWordStart(_ scalar: Unicode.Scalar) -> Bool { scalar == "_" || scalar.properties.isAlphabetic }
        func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
            isWordStart(scalar) || ("0"..."9").contains(scalar)
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
                { index += 1 }
                index += 2
            } else if scalar == "'" || scalar == "\"" {
                // '' inside a string (or "" inside a quoted identifier) is the quote itself.
                var text = String.UnicodeScalarView()
                index += 1
                while index < scalars.count {
                    if scalars[index] == scalar {
                        if index + 1 < scalars.count, scalars[index + 1] == scalar {
                            text.append(scalar)
                            index += 2
                            continue
                        }
                        break
                    }
                    text.append(scalars[index])
                    index += 1
                }
                index += 1
                if scalar == "\"" {
                    words.insert(String(text).lowercased())
                    previous = "word"
                } else {
                    previous = "string"
                }
            } else if isWordStart(scalar) {
                var word = String.UnicodeScalarView()
                while index < scalars.count, isWordPart(scalars[index]) {
                    word.append(scalars[index])
                    index += 1
                }
                let text = String(word).lowercased()
                words.insert(text)
                previous = text
            } else {
                if scalar == "*", ["select", ",", ".", "distinct"].contains(previous) { readsAll = true }
                if !scalar.properties.isWhitespace { previous = String(scalar) }
                index += 1
            }
        }
        return (words, readsAll)
    }
}
