/// The `json` fuzz target's work on one input (Fuzz/FuzzJSON), here so the unit tests replay its corpus through
/// the same code: the bytes as one log line, parsed, a few paths read as every column type, the leaves printed
/// and columns proposed. Nothing may trap, and what is printed and proposed must read back.
package enum JSONFuzzInput {
    /// Paths read from every record: keys, indexes, deep ones, quoted ones, and ones a line may duplicate or cut.
    static let readers: [FieldReader<JSONRecord>] = {
        let texts = ["a", "a.b", "a[0]", "a.b[1].c", "status", "k", #"["a.b"]"#, "x[0][0][0]", "$truncated"]
        return texts.flatMap { text in
            ColumnType.allCases.compactMap { type in
                (try? FieldPath(parsing: text)).flatMap { try? JSONFormat.reader($0, for: type) }
            }
        }
    }()

    /// A problem found with `bytes`, nil when none.
    package static func run(_ bytes: [UInt8]) -> String? {
        guard case .success(let record) = JSONFormat.parse(bytes[...]) else { return nil }
        for reader in readers { _ = reader.read(record) }
        // Every leaf printed is named by a path that reads it back (unless the object holds a key twice, or the
        // logger cut it: then a refusal), as a string column.
        for (name, _) in JSONFormat.leaves(record).values where name != "$truncated" {
            guard let path = try? FieldPath(parsing: name) else { continue }  // an empty key: no path names it
            guard let reader = try? JSONFormat.reader(path, for: .string) else {
                return "the printed leaf \(name) names no readable path"
            }
            if case .failure(let failure) = reader.read(record), !failure.reason.contains("more than once"),
                !failure.reason.contains("line cut by the logger")
            {
                return "the printed leaf \(name) does not read back: \(failure.reason)"
            }
        }
        for column in JSONFormat.proposedColumns([record]) {
            guard (try? FieldPath(parsing: column.from ?? column.name)) != nil else {
                return "the proposed column \(column.name) reads \(column.from ?? column.name), which is no path"
            }
        }
        return nil
    }
}
