/// One enrichment lookup: rows of `schema.table` whose `key` column equals the row's `match` column add `columns` to
/// it. The one lookup type: the manifest declares it (SluiceModel's `Lookup` adds where), the processor runs it
/// (compiled into the processor's config), both through the query `query(catalog:)` writes.
package struct LookupSpec: Sendable, Codable, Equatable {
    package var name: String
    package var schema: String
    package var table: String
    /// The lookup table's column matched.
    package var key: String
    /// The output column whose value is looked up.
    package var match: String
    /// Columns copied from the lookup row into the output row (same names); each must be an output column.
    package var columns: [String]

    package init(name: String, schema: String, table: String, key: String, match: String, columns: [String]) {
        self.name = name
        self.schema = schema
        self.table = table
        self.key = key
        self.match = match
        self.columns = columns
    }

    /// The Athena query the processor runs for this lookup, once per object, as `generated/sql` shows it: `(?)`
    /// stands for the batch of distinct keys found in the object, one `?` each, passed as execution parameters.
    package func query(catalog: String) -> String { query(catalog: catalog, placeholders: "?") }

    /// The query for a batch of `count` keys: `IN (?)` becomes `IN (?, ?, ...)`, one placeholder a key.
    package func query(catalog: String, keys count: Int) -> String {
        query(catalog: catalog, placeholders: Array(repeating: "?", count: max(1, count)).joined(separator: ", "))
    }

    private func query(catalog: String, placeholders: String) -> String {
        // Identifiers are validated; quoting them (a `"` doubled) keeps the query one statement regardless.
        func quoted(_ name: String) -> String { "\"" + name.replacing("\"", with: "\"\"") + "\"" }
        let selected = ([key] + columns).map(quoted).joined(separator: ", ")
        let from = "\(quoted(catalog)).\(quoted(schema)).\(quoted(table))"
        return "SELECT \(selected)\nFROM \(from)\nWHERE \(quoted(key)) IN (\(placeholders))"
    }

    /// A key as an Athena execution parameter: a SQL string literal, quotes doubled, since Athena substitutes
    /// parameters as they are written.
    package static func literal(_ key: String) -> String {
        "'" + key.replacing("'", with: "''") + "'"
    }

    /// Whether a value taken from a log line may be looked up at all: not empty, not huge, no control bytes.
    /// Anything else cannot be a directory key, and quarantining it beats sending it to a query.
    package static func isLookupable(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.count <= 256 && !key.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }
}
