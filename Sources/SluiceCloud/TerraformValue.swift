import SluiceJSON

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
    package func pretty() -> String { json(terraform: false).pretty() }

    /// The bytes of a Terraform JSON file: as `pretty()`, with every literal string and key escaped for Terraform's
    /// template language and each template rendered. The one place Terraform escaping happens.
    package func terraform() -> String { json(terraform: true).pretty() }

    /// An expression as a whole string value.
    package static func expression(_ expression: TerraformExpression) -> TerraformValue {
        .template(TerraformTemplate(expression))
    }

    /// Compact rendering with sorted keys, for JSON embedded in a string (policies, event patterns).
    package func compact() -> String { json(terraform: false).compact() }

    /// The value as plain JSON, which SluiceJSON writes: each string as Terraform reads it (literals escaped for its
    /// template language, templates rendered) when `terraform`, else as written.
    package func json(terraform: Bool) -> JSONValue {
        switch self {
        case .string(let text): .string(terraform ? TerraformTemplate.escape(text) : text)
        case .template(let template): .string(terraform ? template.rendered : template.description)
        case .int(let number): .int(number)
        case .number(let text): .number(text)
        case .bool(let flag): .bool(flag)
        case .null: .null
        case .array(let items): .array(items.map { $0.json(terraform: terraform) })
        case .object(let members):
            .object(
                Dictionary(
                    members.map {
                        (terraform ? TerraformTemplate.escape($0.key) : $0.key, $0.value.json(terraform: terraform))
                    },
                    uniquingKeysWith: { first, _ in first }))
        }
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
