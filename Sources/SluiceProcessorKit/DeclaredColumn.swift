import SluiceProcessing

/// One column the record fills, resolved once when the processor starts: the format's reader of its `from:` (or of
/// the field named like it), then its template, case and `required`, per line.
///
/// A class, not a struct: the processor's rows code is generic at run time, so iterating an array of structs copies
/// each element through its value witness, retaining every string and closure it holds, per column per line
/// (measured: 9% of a run); a class element costs one retain.
final class DeclaredColumn<Record>: Sendable {
    let position: Int
    let name: String
    let type: ColumnType
    let reader: FieldReader<Record>
    let template: Template?
    /// `template` behind one reference: the per-line test and call then neither copy the struct nor ask its value
    /// witnesses (measured: 1% of a run, this code running unspecialized).
    private let matcher: Matcher?

    private final class Matcher: Sendable {
        let template: Template
        init(_ template: Template) { self.template = template }
    }
    let letterCase: LetterCase?
    let required: Bool
    /// The path read, for the reasons of quarantined lines.
    let pathText: String

    init(
        position: Int, name: String, type: ColumnType, reader: FieldReader<Record>, template: Template?,
        letterCase: LetterCase?, required: Bool, pathText: String
    ) {
        self.position = position
        self.name = name
        self.type = type
        self.reader = reader
        self.template = template
        self.matcher = template.map(Matcher.init)
        self.letterCase = letterCase
        self.required = required
        self.pathText = pathText
    }

    /// The column at `position` of `layout` as `source` declares it, read from `Format`'s records; throws when the
    /// declaration cannot be served (a path or template that does not parse, a field the format lacks, values that
    /// can never fill the column): a stale build of a manifest `sluice check` would refuse.
    static func resolve<Format: RecordFormat>(
        _ format: Format.Type, name: String, type: ColumnType, position: Int, source: ColumnSource
    ) throws(ProcessorError) -> DeclaredColumn<Record> where Format.Record == Record {
        let pathText = source.pathText(column: name)
        let path: FieldPath
        do {
            path = try FieldPath(parsing: pathText)
        } catch {
            throw ProcessorError.configuration("column \(name): from \(pathText.debugDescription): \(error)")
        }
        var template: Template?
        if let text = source.template {
            do {
                template = try Template(parsing: text)
            } catch {
                throw ProcessorError.configuration("column \(name): template \(text.debugDescription): \(error)")
            }
        }
        let reader: FieldReader<Record>
        do {
            // A template reads text and cuts the column's value out of it.
            reader = try Format.reader(path, for: template == nil ? type : .string)
        } catch {
            throw ProcessorError.configuration("column \(name): from \(pathText.debugDescription): \(error)")
        }
        return DeclaredColumn(
            position: position, name: name, type: type, reader: reader, template: template,
            letterCase: source.letterCase, required: source.required, pathText: pathText)
    }

    /// The column's value of `record`, or why the line has none it can take. `cutLine` is the line when the logger
    /// cut it (nil otherwise): a capture the line ends with ran to the cut (`/integrations/int-12` of
    /// `/integrations/int-12345/events`), so it is not the event's value: null, or the line quarantined if required.
    @inline(__always)
    func value(_ record: Record, cutLine: ArraySlice<UInt8>? = nil) -> Result<Row.Value, LineFailure> {
        var value: Row.Value
        switch reader.read(record) {
        case .success(let read): value = read
        case .failure(let failure): return .failure(failure)
        }
        if let matcher, case .string(let text) = value {
            if let cutLine, let captured = matcher.template.capture(text), Self.ends(cutLine, with: captured) {
                if required {
                    return .failure(
                        LineFailure(
                            "column \(name) is required, and the logger cut the line inside its capture of "
                                + "\(pathText) \(String(text.unicodeScalars.suffix(64)).debugDescription)"))
                }
                value = .null
            } else if let captured = matcher.template.capture(text) {
                let cased = letterCase.map { $0.apply(captured) } ?? captured
                if type == .string {
                    value = .string(cased)
                } else {
                    value = Row.Value(text: cased, as: type)
                    // Text that is no value of the column's type would be null unseen: quarantined instead.
                    if case .null = value {
                        return .failure(LineFailure(ColumnValueCheck.reason(.string(cased), column: name, type: type)))
                    }
                }
            } else {
                if required { return .failure(unmatched(text)) }
                value = .null
            }
        } else if let letterCase, case .string(let text) = value {
            value = .string(letterCase.apply(text))
        }
        if required, case .null = value {
            return .failure(LineFailure("column \(name) is required, and \(pathText) is null"))
        }
        return .success(value)
    }

    /// Whether `line`, without the white space a parser drops at its end, ends with `text`'s bytes.
    private static func ends(_ line: ArraySlice<UInt8>, with text: String) -> Bool {
        var end = line.endIndex
        while end > line.startIndex, [0x20, 0x09, 0x0D, 0x0A].contains(line[end - 1]) { end -= 1 }
        let bytes = text.utf8
        guard end - line.startIndex >= bytes.count else { return false }
        return line[(end - bytes.count)..<end].elementsEqual(bytes)
    }

    private func unmatched(_ text: String) -> LineFailure {
        let shown = String(text.unicodeScalars.prefix(64)).debugDescription
        return LineFailure(
            "column \(name) is required, and \(pathText) \(shown)\(text.unicodeScalars.count > 64 ? "..." : "") "
                + "does not match its template \((template?.text ?? "").debugDescription)")
    }
}
