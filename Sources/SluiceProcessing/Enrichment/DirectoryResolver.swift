import SluiceJSON

/// Lookups answered from a JSON file of tables, `{"<schema>.<table>": [{"<column>": "<value>", ...}, ...]}`:
/// what `sluice process` uses in place of the Athena federated catalog, and what `sluice sample` writes.
package struct DirectoryResolver: LookupResolver {
    private let tables: [String: [[String: String?]]]

    /// Reads the file's bytes. Numbers and booleans become their text, as Athena returns every value as text.
    package init(json: [UInt8]) throws(DirectoryFileError) {
        let shape = "a directory file is a JSON object of tables: {\"schema.table\": [rows]}"
        let parsed: JSONValue
        do {
            parsed = try JSONValue(parsing: json)
        } catch {
            throw DirectoryFileError("\(shape); \(error)")
        }
        guard let top = parsed.objectValue else { throw DirectoryFileError(shape) }
        var tables: [String: [[String: String?]]] = [:]
        for (name, value) in top {
            guard let rows = value.arrayValue?.compactMap(\.objectValue), rows.count == value.arrayValue?.count else {
                throw DirectoryFileError("table \(name) is not a list of rows (JSON objects)")
            }
            tables[name] = rows.map { row in row.mapValues(Self.text) }
        }
        self.tables = tables
    }

    /// A value as Athena would return it: text, numbers as written, booleans as `true` or `false`; nil for null.
    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .null: nil
        case .string(let text): text
        case .int(let number): String(number)
        case .number(let text): text
        case .bool(let flag): String(flag)
        case .array, .object: value.compact()
        }
    }

    package func fetch(_ lookup: LookupSpec, keys: [String]) async throws -> [String: [String: String?]] {
        guard let rows = tables["\(lookup.schema).\(lookup.table)"] else {
            throw DirectoryFileError(
                "the directory file has no table \(lookup.schema).\(lookup.table) (lookup \(lookup.name))")
        }
        let wanted = Set(keys)
        var found: [String: [String: String?]] = [:]
        for row in rows {
            if let key = row[lookup.key] ?? nil, wanted.contains(key) { found[key] = row }
        }
        return found
    }
}

/// A directory file that cannot be used.
package struct DirectoryFileError: Error, Sendable, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
