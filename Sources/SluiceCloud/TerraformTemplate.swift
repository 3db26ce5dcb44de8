import SluiceModel

/// A Terraform expression that Sluice writes itself, such as `${aws_s3_bucket.raw.arn}`: the only text that reaches a
/// `.tf.json` file unescaped. It is made by a typed handle's attributes (`bucket.arn`) and a few fixed expressions in
/// this module, never from manifest text, so a declaration cannot make Terraform evaluate anything.
package struct TerraformExpression: Sendable, Hashable, CustomStringConvertible {
    /// The interpolation, `${...}`, as written into the template.
    package let text: String
    /// The resources and data sources the expression reads: the graph's edges, recorded as the reference is made.
    package let references: [Address]

    /// Only this module writes expressions; `body` is Terraform syntax Sluice composed, reading `references`.
    init(_ body: String, references: [Address] = []) {
        text = "${\(body)}"
        self.references = references
    }

    /// A stack input variable: `${var.NAME}`.
    package static func variable(_ name: String) -> TerraformExpression { TerraformExpression("var.\(name)") }

    package var description: String { text }
}

/// A string of a Terraform JSON file: literal text, which is escaped when rendered so that Terraform reads it as the
/// characters given, interleaved with Sluice's own expressions, which stay live. Literal text is the default: the
/// text of a Swift string literal and every interpolated `String` are literal; only an interpolated
/// `TerraformExpression` is an expression.
package struct TerraformTemplate: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    enum Part: Sendable, Hashable {
        case literal(String)
        case expression(TerraformExpression)
    }

    private(set) var parts: [Part] = []

    package init(stringLiteral value: String) { append(.literal(value)) }

    package init(stringInterpolation: Interpolation) { parts = stringInterpolation.template.parts }

    /// Literal text only.
    package init(literal text: String) { append(.literal(text)) }

    /// One expression and nothing else.
    package init(_ expression: TerraformExpression) { append(.expression(expression)) }

    private mutating func append(_ part: Part) {
        // Adjacent literals merge, so an escape never straddles two parts.
        if case .literal(let text) = part, case .literal(let previous)? = parts.last {
            parts[parts.count - 1] = .literal(previous + text)
        } else if case .literal(let text) = part, text.isEmpty {
            return
        } else {
            parts.append(part)
        }
    }

    package struct Interpolation: StringInterpolationProtocol {
        var template = TerraformTemplate()

        package init(literalCapacity: Int, interpolationCount: Int) {}
        package mutating func appendLiteral(_ literal: String) { template.append(.literal(literal)) }
        /// Text interpolated as a `String` is literal, wherever it came from.
        package mutating func appendInterpolation(_ text: String) { template.append(.literal(text)) }
        /// An ARN Sluice composed from names is literal text too.
        package mutating func appendInterpolation(_ arn: ARN) { template.append(.literal(arn.description)) }
        package mutating func appendInterpolation(_ expression: TerraformExpression) {
            template.append(.expression(expression))
        }
        package mutating func appendInterpolation(_ other: TerraformTemplate) {
            for part in other.parts { template.append(part) }
        }
    }

    private init() {}

    /// Whether any expression is in it (a template without one is a plain literal string).
    package var expressions: [TerraformExpression] {
        parts.compactMap { if case .expression(let expression) = $0 { expression } else { nil } }
    }

    /// The text of the JSON string: literals escaped, expressions as written.
    package var rendered: String {
        var out = ""
        for (index, part) in parts.enumerated() {
            switch part {
            case .expression(let expression): out += expression.text
            case .literal(let text):
                var escaped = Self.escape(text)
                // `$${` is Terraform's escape for a literal `${`: a literal `$` just before an expression would turn
                // that expression into text. Write the `$`s ending such a literal as an expression of their own, all
                // of them: one `$` left before it would escape that expression in turn.
                if index + 1 < parts.count, escaped.unicodeScalars.last == "$" {
                    var dollars = ""
                    while escaped.unicodeScalars.last == "$" {
                        escaped.unicodeScalars.removeLast()
                        dollars += "$"
                    }
                    escaped += "${\"\(dollars)\"}"
                }
                out += escaped
            }
        }
        return out
    }

    /// The same text, as a reader would see it after Terraform evaluated the literals (expressions as written).
    package var description: String {
        parts.map {
            switch $0 {
            case .literal(let text): text
            case .expression(let expression): expression.text
            }
        }.joined()
    }

    /// Terraform's template escapes: `${` as `$${` and `%{` as `%%{`, so that the text is read as written. Terraform
    /// reads `$${` as `${` wherever it occurs, so escaping every occurrence is exact, also for text that already
    /// holds `$${` (it becomes `$$${`, which reads back as `$${`).
    package static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains("{") else { return text }
        // By Unicode scalars, as Terraform scans: a `{` carrying a combining mark is still a `{` to it.
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if scalar == "{", let marker = previous, marker == "$" || marker == "%" { out.append(marker) }
            out.append(scalar)
            previous = scalar
        }
        return String(out)
    }
}
