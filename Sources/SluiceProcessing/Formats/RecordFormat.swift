/// A log format: how a line becomes a record, and what of the record can fill lake columns.
///
/// One type per format, registered in `LogFormats`. The processor, `sluice logs parse` and `sluice sample` reach a
/// format only through the registry, so a new format is one conforming type and one registry case; transforms are
/// generic over the `Record` (see `RecordTransform`), so formats sharing a record (HAProxy's two layouts) share
/// transforms, and adding a format breaks none.
package protocol RecordFormat<Record>: Sendable {
    /// What a line parses into.
    associatedtype Record: Sendable

    /// The name the manifest's `source.format` uses.
    static var id: LogFormatID { get }

    /// Parses one line (without its line ending); the failure says why the line is not one of this format.
    static func parse(_ line: ArraySlice<UInt8>) -> Result<Record, LineFailure>

    /// The record's fields that can fill an output column of the same name, with their types, in a stable order
    /// (the order `sluice logs parse` prints them in).
    static var fields: [RecordField<Record>] { get }

    /// When the event happened, in milliseconds since the epoch (UTC): the `dt` partition's day. Nil when the
    /// format has no field that says (JSON: the manifest names the column instead, `processor.output.event_time`)
    /// or the record lacks it.
    static func eventTime(_ record: Record) -> Int64?

    /// The reader of the values a declared column's `from:` names, for a column of `type`, resolved once when
    /// the processor starts; throws when the format has no such field or its values can never fill `type`.
    ///
    /// The default (`defaultReader`) serves a one-key path naming one of `fields` and the line property
    /// `$truncated`; a format with nested or indexed values (JSON paths, HAProxy's captured headers) implements
    /// its own and falls back to the default.
    static func reader(_ path: FieldPath, for type: ColumnType) throws(FieldResolutionError) -> FieldReader<Record>

    /// Whether the logger cut the line the record was parsed from (HAProxy's 1024-byte default, a syslog relay's
    /// limit): the record holds what was logged. Default: false.
    static func isTruncated(_ record: Record) -> Bool

    /// Whether the logger cut `record`'s line before the field named `field` began (it is null for that reason,
    /// not because the event had none): a column reading it quarantines the line, since the table needs what the
    /// line lost. A field the cut fell inside keeps what was logged, and its parts not logged are plain nulls.
    /// Asked only of truncated records. Default: false.
    static func wasCutAway(_ field: String, in record: Record) -> Bool

    /// The output columns `sluice new pipeline --from-log` proposes for a sample of records. Default: one column
    /// per field of `fields`, named and typed like it.
    static func proposedColumns(_ sample: [Record]) -> [ProposedColumn]
}

/// Reads one declared column's value from a record: resolved once per column when the processor starts
/// (`RecordFormat.reader`), called per line.
package struct FieldReader<Record>: Sendable {
    /// The column's value, or why the line cannot give it one (the line is then quarantined with that reason).
    package let read: @Sendable (Record) -> Result<Row.Value, LineFailure>

    package init(_ read: @escaping @Sendable (Record) -> Result<Row.Value, LineFailure>) {
        self.read = read
    }
}

/// Why a declared column's `from:` cannot be read from a format's records: said at `sluice check` (located at the
/// column) and again, should a stale build meet it, when the processor starts.
package struct FieldResolutionError: Error, Sendable, Equatable, CustomStringConvertible {
    package let message: String

    package init(_ message: String) { self.message = message }

    package var description: String { message }
}

/// A column `sluice new pipeline --from-log` proposes: what the manifest it writes declares.
package struct ProposedColumn: Sendable, Equatable {
    /// The column's name: snake_case, a valid Glue column name.
    package var name: String
    package var type: ColumnType
    /// The `from:` to declare; nil when the column is named like the field it reads.
    package var from: String?
    /// A comment for the manifest (an example value, what the field holds).
    package var comment: String?

    package init(name: String, type: ColumnType, from: String? = nil, comment: String? = nil) {
        self.name = name
        self.type = type
        self.from = from
        self.comment = comment
    }
}

/// A named, typed field of a record: the value it gives a column of the same name.
package struct RecordField<Record>: Sendable {
    package let name: String
    /// The type of the values `value` gives (or null).
    package let type: ColumnType
    package let value: @Sendable (Record) -> Row.Value

    package init(_ name: String, _ type: ColumnType, _ value: @escaping @Sendable (Record) -> Row.Value) {
        self.name = name
        self.type = type
        self.value = value
    }

    /// Whether the field's values can fill a column of `columnType` as they are: the same type, or an int where a
    /// bigint is declared.
    package func fills(_ columnType: ColumnType) -> Bool {
        type == columnType || (type == .int && columnType == .bigint)
    }

    /// Whether the field's values can fill a column of `columnType`, as they are or converted without loss
    /// (`Row.Value.converted(to:)`): a number where a double is declared, anything where a string is.
    package func converts(to columnType: ColumnType) -> Bool {
        fills(columnType) || columnType == .string
            || (columnType == .double && (type == .int || type == .bigint || type == .double))
    }
}

extension RecordFormat {
    package static func reader(_ path: FieldPath, for type: ColumnType) throws(FieldResolutionError)
        -> FieldReader<Record>
    {
        try defaultReader(path, for: type)
    }

    package static func isTruncated(_ record: Record) -> Bool { false }

    package static func wasCutAway(_ field: String, in record: Record) -> Bool { false }

    /// The failure for a column reading `field` of a line cut before it.
    package static func cutAwayFailure(_ field: String) -> LineFailure {
        LineFailure("line cut by the logger before \(field), which the table reads")
    }

    package static func proposedColumns(_ sample: [Record]) -> [ProposedColumn] {
        fields.map { ProposedColumn(name: $0.name, type: $0.type) }
    }

    /// The reader of `$truncated` or of a field of `fields` named by a one-key path, converting its values to
    /// `type` as `RecordField.converts(to:)` allows.
    package static func defaultReader(_ path: FieldPath, for type: ColumnType) throws(FieldResolutionError)
        -> FieldReader<Record>
    {
        if path.text == "$truncated" {
            guard type == .boolean || type == .string else {
                throw FieldResolutionError("$truncated is a boolean: declare the column boolean (or string)")
            }
            let asText = type == .string
            return FieldReader { record in
                let flag = isTruncated(record)
                return .success(asText ? .string(flag ? "true" : "false") : .bool(flag))
            }
        }
        guard let key = path.singleKey, let field = fields.first(where: { $0.name == key }) else {
            let names = fields.map(\.name).joined(separator: ", ")
            throw FieldResolutionError(
                "\(id.rawValue) records have no field \(path.text.debugDescription) (they have \(names))")
        }
        guard field.converts(to: type) else {
            throw FieldResolutionError(
                "the \(id.rawValue) field \(field.name) gives \(field.type.rawValue) values, which a \(type.rawValue) "
                    + "column cannot hold: declare it \(field.type.rawValue) (or string)")
        }
        let value = field.value
        let name = field.name
        let convert = !field.fills(type)
        return FieldReader { record in
            let read = value(record)
            if case .null = read, isTruncated(record), wasCutAway(name, in: record) {
                return .failure(cutAwayFailure(name))
            }
            return .success(convert ? read.converted(to: type) : read)
        }
    }

    /// Every field of a record, by name, in `fields` order: what `sluice logs parse` prints.
    package static func namedValues(_ record: Record) -> NamedValues {
        NamedValues(fields.map { ($0.name, $0.value(record)) })
    }
}
