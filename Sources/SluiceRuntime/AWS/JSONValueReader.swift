import SluiceJSON

/// Reads JSON answers (Athena's, and AWS's JSON error bodies) through SluiceJSON's decoder.
enum JSONValueReader {
    struct NotAnObject: Error, CustomStringConvertible {
        var description: String { "the answer is not a JSON object" }
    }

    /// The members of the JSON object `bytes` hold.
    /// - Throws: `JSONDecodingError` when they are not JSON, `NotAnObject` when they are JSON of another kind.
    static func object(_ bytes: [UInt8]) throws -> [String: JSONValue] {
        guard let members = try JSONValue(parsing: bytes).objectValue else { throw NotAnObject() }
        return members
    }
}
