/// A value in Terraform's JSON syntax, where every string is a template: deterministic rendering (object keys
/// sorted, fixed indentation, no float formatting surprises).
///
/// Strings come in two kinds, so that text from a declaration can never become Terraform syntax: `.string` is
/// literal text, and `.template` is a Terraform string that may hold Sluice's own expressions. `terraform()` renders
/// a Terraform JSON file, escaping every literal (object keys too, which Terraform also reads as templates).
package indirect enum TerraformValue: Sendable, Equatable {
    /// Literal text: escaped in a Terraform file, so Terraform reads exactly these characters.
    case string(String)
    /// A Terraform string with Sluice's expressions (`${aws_s3_bucket.raw.arn}`); only meaningful in Terraform JSON.
    case template(TerraformTemplate)
    case int(Int)
    /// A number written exactly as given (`1.0`), for APIs that want a decimal.
    case number(String)
    case bool(Bool)
    case array([TerraformValue])
    case object([String: TerraformValue])
    case null

    /// Two-space indented rendering with keys sorted (Swift's string order, by Unicode scalars of the NFC form, never the
    /// locale's) and a trailing newline: the bytes of a generated file.
    package func pretty() -> String {
        var out = ""
        write(into: &out, indent: 0, pretty: true, terraform: false)
        out.append("\n")
        return out
    }

    /// The bytes of a Terraform JSON file: as `pretty()`, with every literal string and key escaped for Terraform's
    /// template language and each template rendered. The one place Terraform escaping happens.
    package func terraform() -> String {
        var out = ""
        write(into: &out, indent: 0, pretty: true, terraform: true)
        out.append("\n")
        return out
    }

    /// An expression as a whole string value.
    package static func expression(_ expression: TerraformExpression) -> TerraformValue {
        .template(TerraformTemplate(expression))
    }

    /// Compact rendering with sorted keys, for JSON embedded in a string (policies, event patterns).
    package func compact() -> String {
        var out = ""
        write(into: &out, indent: 0, pretty: false, terraform: false)
        return out
    }

    private func write(into out: inout String, indent: Int, pretty: Bool, terraform: Bool) {
        switch self {
        case .string(let text): Self.writeString(terraform ? TerraformTemplate.escape(text) : text, into: &out)
        case .template(let template): Self.writeString(terraform ? template.rendered : template.description, into: &out)
        case .int(let number): out.append(String(number))
        case .number(let text): out.append(text)
        case .bool(let flag): out.append(flag ? "true" : "false")
        case .null: out.append("null")
        case .array(let items):
            if items.isEmpty {
                out.append("[]")
                return
            }
            out.append("[")
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(",") }
                if pretty { Self.newline(&out, indent + 1) }
                item.write(into: &out, indent: indent + 1, pretty: pretty, terraform: terraform)
            }
            if pretty { Self.newline(&out, indent) }
            out.append("]")
        case .object(let members):
            if members.isEmpty {
                out.append("{}")
                return
            }
            out.append("{")
            for (index, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { out.append(",") }
                if pretty { Self.newline(&out, indent + 1) }
                Self.writeString(terraform ? TerraformTemplate.escape(member.key) : member.key, into: &out)
                out.append(pretty ? ": " : ":")
                member.value.write(into: &out, indent: indent + 1, pretty: pretty, terraform: terraform)
            }
            if pretty { Self.newline(&out, indent) }
            out.append("}")
        }
    }

    private static let indents = (0..<32).map { "\n" + String(repeating: "  ", count: $0) }

    private static func newline(_ out: inout String, _ indent: Int) {
        out.append(indent < indents.count ? indents[indent] : "\n" + String(repeating: "  ", count: indent))
    }

    private static func writeString(_ text: String, into out: inout String) {
        out.append("\"")
        // Most strings need no escaping: append them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(text)
            out.append("\"")
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }
}

extension TerraformValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    package init(stringLiteral value: String) { self = .string(value) }
    package init(integerLiteral value: Int) { self = .int(value) }
    package init(booleanLiteral value: Bool) { self = .bool(value) }
    package init(arrayLiteral elements: TerraformValue...) { self = .array(elements) }
    package init(dictionaryLiteral elements: (String, TerraformValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension TerraformValue {
    /// Strings as a JSON array.
    package static func strings(_ values: [String]) -> TerraformValue { .array(values.map(TerraformValue.string)) }

    /// A string map as a JSON object.
    package static func map(_ values: [String: String]) -> TerraformValue {
        .object(values.mapValues(TerraformValue.string))
    }

    /// Every string inside the value, depth first, templates as written.
    package var allStrings: [String] {
        switch self {
        case .string(let text): [text]
        case .template(let template): [template.description]
        case .array(let items): items.flatMap(\.allStrings)
        case .object(let members): members.keys.sorted().flatMap { members[$0]!.allStrings }
        case .int, .number, .bool, .null: []
        }
    }

    /// Every expression inside the value, depth first (to find references).
    package var allExpressions: [TerraformExpression] {
        switch self {
        case .template(let template): template.expressions
        case .array(let items): items.flatMap(\.allExpressions)
        case .object(let members): members.keys.sorted().flatMap { members[$0]!.allExpressions }
        case .string, .int, .number, .bool, .null: []
        }
    }
}
