/// One enrichment lookup as a processor runs it: rows of `schema.table` whose `key` column equals the row's
/// `match` column add `columns` to it. Compiled into the processor from the manifest.
package struct LookupSpec: Sendable, Codable, Equatable {
    package var name: String
    package var schema: String
    package var table: String
    /// The lookup table's column matched.
    package var key: String
    /// The output column whose value is looked up.
    package var match: String
    /// Columns copied from the lookup row into the output row (same names).
    package var columns: [String]
    /// `SELECT ... WHERE "<key>" IN (?)`, as `generated/sql` shows it; the one placeholder stands for a batch.
    package var sql: String

    package init(
        name: String, schema: String, table: String, key: String, match: String, columns: [String], sql: String
    ) {
        self.name = name
        self.schema = schema
        self.table = table
        self.key = key
        self.match = match
        self.columns = columns
        self.sql = sql
    }

    /// The query for a batch of `count` keys: `IN (?)` becomes `IN (?, ?, ...)`, one placeholder a key.
    package func sql(forKeys count: Int) -> String {
        let placeholders = Array(repeating: "?", count: max(1, count)).joined(separator: ", ")
        return sql.replacingOccurrences(of: "IN (?)", with: "IN (\(placeholders))")
    }

    /// A key as an Athena execution parameter: a SQL string literal, quotes doubled, since Athena substitutes
    /// parameters as they are written.
    package static func literal(_ key: String) -> String {
        "'" + key.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Whether a value taken from a log line may be looked up at all: not empty, not huge, no control bytes.
    /// Anything else cannot be a directory key, and quarantining it beats sending it to a query.
    package static func isLookupable(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.count <= 256 && !key.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }
}

/// Answers lookups for a batch of keys: Athena in a processor, a directory file under `sluice process`.
package protocol LookupResolver: Sendable {
    /// The lookup rows found among `keys`, by key; a key with no row is absent.
    func fetch(_ lookup: LookupSpec, keys: [String]) async throws -> [String: [String: String?]]
}
