/// Where a declared column's value comes from: the manifest's `from:`, `template:`, `required:` and `case:` of an
/// output column (or partition key), as the model holds them and the generated processor configuration carries
/// them.
///
/// Why in this module: the manifest (SluiceModel) validates a declaration and the processor (SluiceProcessorKit)
/// fills the column from it; both hold this one type, so what `sluice generate` writes is what the processor
/// reads, key for key.
package struct ColumnSource: Sendable, Codable, Hashable {
    /// The `FieldPath` text of the record's value (`path`, `request_headers[0]`, `http.status`); nil: the field
    /// named like the column.
    package var from: String?
    /// The `Template` text that cuts the column's value out of the text read; nil: the value as read.
    package var template: String?
    /// A null value (nothing read, a template that does not match) quarantines the line instead of filling the
    /// column with null.
    package var required: Bool
    /// The text's letters turned to lower or upper case, after the template.
    package var letterCase: LetterCase?

    enum CodingKeys: String, CodingKey {
        case from, template, required
        case letterCase = "case"
    }

    package init(from: String? = nil, template: String? = nil, required: Bool = false, letterCase: LetterCase? = nil) {
        self.from = from
        self.template = template
        self.required = required
        self.letterCase = letterCase
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        from = try container.decodeIfPresent(String.self, forKey: .from)
        template = try container.decodeIfPresent(String.self, forKey: .template)
        required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? false
        letterCase = try container.decodeIfPresent(LetterCase.self, forKey: .letterCase)
    }

    /// The text of the path the column named `column` reads: `from`, or the column's own name.
    package func pathText(column: String) -> String { from ?? column }
}

/// A declaration's `case:`.
package enum LetterCase: String, Sendable, Codable, Hashable, CaseIterable {
    case lower
    case upper

    /// `text` in this case: ASCII byte by byte (host names, identifiers), anything else as Swift's
    /// `lowercased()`/`uppercased()` does it.
    package func apply(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String in
            guard bytes.allSatisfy({ $0 < 0x80 }) else {
                return self == .lower
                    ? String(decoding: bytes, as: UTF8.self).lowercased()
                    : String(decoding: bytes, as: UTF8.self).uppercased()
            }
            let letters = self == .lower ? UInt8(ascii: "A")...UInt8(ascii: "Z") : UInt8(ascii: "a")...UInt8(ascii: "z")
            guard bytes.contains(where: { letters.contains($0) }) else {
                return String(decoding: bytes, as: UTF8.self)
            }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                for (index, byte) in bytes.enumerated() {
                    // ASCII letters differ in case by bit 5 alone.
                    out[index] = letters.contains(byte) ? byte ^ 0x20 : byte
                }
                return bytes.count
            }
        }
    }
}
