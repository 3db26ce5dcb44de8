/// One problem found in a declaration.
package struct Diagnostic: Sendable, Hashable, CustomStringConvertible, Error {
    package enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    package var severity: Severity
    package var location: SourceLocation
    package var message: String

    package init(_ severity: Severity = .error, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// `file:line:column: error: message`, the shape compilers use, so editors can jump to it.
    /// Line breaks and control characters quoted from a manifest are escaped (`\n`, `\u{2028}`), so each diagnostic
    /// stays one line that an editor or a script can read.
    package var description: String { Self.oneLine("\(location): \(severity.rawValue): \(message)") }

    static func oneLine(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _
            where scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                || ["\u{2028}", "\u{2029}"].contains(scalar):
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// Collects every problem of a run so that the user sees them all at once.
package struct Diagnostics: Sendable {
    package private(set) var all: [Diagnostic] = []

    package init() {}

    package mutating func error(_ message: String, at location: SourceLocation) {
        all.append(Diagnostic(.error, at: location, message))
    }

    package mutating func warning(_ message: String, at location: SourceLocation) {
        all.append(Diagnostic(.warning, at: location, message))
    }

    package mutating func append(contentsOf other: Diagnostics) {
        all.append(contentsOf: other.all)
    }

    package var hasErrors: Bool { all.contains { $0.severity == .error } }
    package var errors: [Diagnostic] { all.filter { $0.severity == .error } }

    /// Diagnostics ordered by file and position, each once.
    package var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return all.sorted { ($0.location, $0.message) < ($1.location, $1.message) }.filter { seen.insert($0).inserted }
    }
}

/// Thrown when a declaration has errors; carries all of them.
package struct ManifestError: Error, Sendable, CustomStringConvertible {
    package var diagnostics: [Diagnostic]
    package init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    package var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
