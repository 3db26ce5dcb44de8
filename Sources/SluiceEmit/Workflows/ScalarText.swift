/// A YAML scalar as it is written in a workflow.
///
/// Text from the declarations becomes a scalar only through `quoted(_:)` or `text(_:)`, which escape it. A string
/// literal is Sluice's own text, written as it is: it may interpolate numbers, booleans and fixed texts of this
/// module, never a `String`, so no declaration's text can reach a workflow unescaped.
struct ScalarText: Equatable, Sendable, ExpressibleByStringInterpolation {
    /// The scalar as the file holds it.
    let written: String

    private init(written: String) { self.written = written }

    init(stringLiteral value: String) { written = value }
    init(stringInterpolation: Interpolation) { written = stringInterpolation.written }

    struct Interpolation: StringInterpolationProtocol {
        var written = ""
        init(literalCapacity: Int, interpolationCount: Int) {}
        mutating func appendLiteral(_ literal: String) { written += literal }
        mutating func appendInterpolation(_ number: Int) { written += String(number) }
        mutating func appendInterpolation(_ flag: Bool) { written += String(flag) }
        /// A fixed text of this module (a session name, a path), never a declaration's.
        mutating func appendInterpolation(fixed: StaticString) { written += fixed.description }
    }

    /// Any text, as a double-quoted scalar that keeps every character as data (`YAML.quoted`).
    static func quoted(_ value: String) -> ScalarText { ScalarText(written: YAML.quoted(value)) }

    /// Any text, plain when it reads the same plain (letters, digits and ` ._/-`, from a letter), quoted otherwise.
    static func text(_ value: String) -> ScalarText { ScalarText(written: YAML.scalar(value)) }

    /// A job id, as GitHub accepts one (`Job.identifier`): never more than letters, digits, `-` and `_`.
    static func identifier(_ id: String) -> ScalarText { ScalarText(written: Job.identifier(id)) }

    static func number(_ value: Int) -> ScalarText { ScalarText(written: String(value)) }
    static func flag(_ value: Bool) -> ScalarText { ScalarText(written: String(value)) }
}
