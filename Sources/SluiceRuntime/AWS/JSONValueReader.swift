import Foundation

/// Reads JSON answers (Athena's) into Foundation values.
enum JSONValueReader {
    struct NotAnObject: Error, CustomStringConvertible {
        var description: String { "the answer is not a JSON object" }
    }

    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw NotAnObject()
        }
        return object
    }
}
