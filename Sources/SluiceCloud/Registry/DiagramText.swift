/// The text of a diagram label: Sluice's own words, with the declarations' text kept apart so that whatever draws the
/// label can show it as text. A string literal is Sluice's words; what it interpolates is declaration text.
package struct DiagramText: Sendable, Equatable, ExpressibleByStringInterpolation {
    package enum Part: Sendable, Equatable {
        /// Sluice's words; a line break in them is a line break in the label.
        case words(String)
        /// Text from the declarations: shown as written, on one line, whatever it holds.
        case declared(String)
    }

    package var parts: [Part]

    package init(stringLiteral words: String) { parts = [.words(words)] }

    package init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }

    package struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        package init(literalCapacity: Int, interpolationCount: Int) {}

        package mutating func appendLiteral(_ words: String) {
            if !words.isEmpty { parts.append(.words(words)) }
        }

        package mutating func appendInterpolation(_ declared: String) { parts.append(.declared(declared)) }
    }
}
