/// A place in a declaration: a YAML file position, or the Swift file and line of a DSL call.
package struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file, as given to the loader (relative paths stay relative so messages match what the user typed).
    package var file: String
    /// Line, counted from 1.
    package var line: Int
    /// Column, counted from 1 in Unicode scalars (what libyaml reports).
    package var column: Int

    package init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    package var description: String { "\(file):\(line):\(column)" }

    package static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// Where a model value and each of its fields were declared, so that checks run after decoding
/// (AWS rules, references between stages) can still point at the exact key.
package struct Origin: Sendable {
    /// Where the value itself starts.
    package var location: SourceLocation
    /// Where each field's value starts, by manifest key.
    package var fields: [String: SourceLocation]

    /// Where the text of a string field starts, for a field whose text the file holds verbatim on one line (a
    /// plain or quoted scalar without escapes): an error about one byte of it (a template's, a path's) points there.
    package var textStarts: [String: SourceLocation] = [:]

    package init(_ location: SourceLocation, fields: [String: SourceLocation] = [:]) {
        self.location = location
        self.fields = fields
    }

    /// The location of a field's value, or of the whole value when the field was not written.
    package subscript(field: String) -> SourceLocation { fields[field] ?? location }

    /// The location of byte `offset` of `text`, the value of `field`: that byte's when the file holds the text
    /// verbatim, the value's start otherwise (a DSL call's line, a folded or escaped scalar).
    package func location(of field: String, byte offset: Int, in text: String) -> SourceLocation {
        guard var start = textStarts[field] else { return self[field] }
        // Columns count Unicode scalars, as libyaml does.
        start.column += String(decoding: text.utf8.prefix(max(offset, 0)), as: UTF8.self).unicodeScalars.count
        return start
    }

    /// An origin for values built in code, pointing at the Swift call site.
    package static func code(file: String, line: Int) -> Origin {
        Origin(SourceLocation(file: file, line: line, column: 1))
    }
}
