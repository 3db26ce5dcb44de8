/// A JSON value (RFC 8259), the one JSON type of Sluice: what its files, plans, logs and requests hold.
///
/// Numbers keep their text: an integer that fits `Int` is `.int`, any other number `.number` exactly as read or
/// written (`1.5`, `1e-05`), so a number read and written again keeps its bytes and no float formatting decides
/// what a file says.
package indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    /// A number as its JSON text (`1.0`, `2.5e3`); the writer writes it unchanged, so it must be valid JSON.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members by key; written with keys sorted, so output never depends on a dictionary's order.
    case object([String: JSONValue])

    /// A double as JSON: its shortest round-tripping text (`0.1`, `2.0`), or null when it is not finite, which JSON
    /// cannot write.
    package init(_ number: Double) {
        self = number.isFinite ? .number(String(number)) : .null
    }

    /// The member of an object, or the element of an array at a key that is an index (`"0"`); nil otherwise.
    package subscript(key: String) -> JSONValue? {
        switch self {
        case .object(let members): members[key]
        case .array(let items): Int(key).flatMap { items.indices.contains($0) ? items[$0] : nil }
        default: nil
        }
    }

    /// The text of a string.
    package var stringValue: String? {
        if case .string(let text) = self { text } else { nil }
    }

    /// An integer, also from a number whose text is one (`3.0` is not: its text says it is a decimal).
    package var intValue: Int? {
        if case .int(let number) = self { number } else { nil }
    }

    /// Any number as a double.
    package var doubleValue: Double? {
        switch self {
        case .int(let number): Double(number)
        case .number(let text): Double(text)
        default: nil
        }
    }

    package var boolValue: Bool? {
        if case .bool(let flag) = self { flag } else { nil }
    }

    package var arrayValue: [JSONValue]? {
        if case .array(let items) = self { items } else { nil }
    }

    package var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { members } else { nil }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    package init(stringLiteral value: String) { self = .string(value) }
    package init(integerLiteral value: Int) { self = .int(value) }
    package init(booleanLiteral value: Bool) { self = .bool(value) }
    package init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    package init(nilLiteral: ()) { self = .null }
    package init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
