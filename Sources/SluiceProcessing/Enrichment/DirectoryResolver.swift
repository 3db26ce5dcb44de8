import Foundation

/// Lookups answered from a JSON file of tables, `{"<schema>.<table>": [{"<column>": "<value>", ...}, ...]}`:
/// what `sluice process` uses in place of the Athena federated catalog, and what `sluice sample` writes.
package struct DirectoryResolver: LookupResolver {
    private let tables: [String: [[String: String?]]]

    /// Reads the file's bytes. Numbers and booleans become their text, as Athena returns every value as text.
    package init(json: [UInt8]) throws(DirectoryFileError) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json)), let top = object as? [String: Any]
        else { throw DirectoryFileError("a directory file is a JSON object of tables: {\"schema.table\": [rows]}") }
        var tables: [String: [[String: String?]]] = [:]
        for (name, value) in top {
            guard let rows = value as? [[String: Any]] else {
                throw DirectoryFileError("table \(name) is not a list of rows (JSON objects)")
            }
            tables[name] = rows.map { row in
                row.mapValues { value -> String? in
                    switch value {
                    case is NSNull: nil
                    case let text as String: text
                    default: "\(value)"
                    }
                }
            }
        }
        self.tables = tables
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
