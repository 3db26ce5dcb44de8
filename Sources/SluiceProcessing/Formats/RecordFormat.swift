/// A log format: how a line becomes a record, and what of the record can fill lake columns.
///
/// One type per format, registered in `LogFormats`. The processor, `sluice logs parse` and `sluice sample` reach a
/// format only through the registry, so a new format is one conforming type and one registry case; transforms are
/// generic over the `Record` (see `RecordTransform`), so formats sharing a record (HAProxy's two layouts) share
/// transforms, and adding a format breaks none.
public protocol RecordFormat<Record>: Sendable {
    /// What a line parses into.
    associatedtype Record: Sendable

    /// The name the manifest's `source.format` uses.
    static var id: LogFormatID { get }

    /// Parses one line (without its line ending); the failure says why the line is not one of this format.
    static func parse(_ line: ArraySlice<UInt8>) -> Result<Record, LineFailure>

    /// The record's fields that can fill an output column of the same name, with their types, in a stable order
    /// (the order `sluice logs parse` prints them in).
    static var fields: [RecordField<Record>] { get }

    /// When the event happened, in milliseconds since the epoch (UTC): the `dt` partition's day.
    static func eventTime(_ record: Record) -> Int64
}

/// A named, typed field of a record: the value it gives a column of the same name.
public struct RecordField<Record>: Sendable {
    public let name: String
    /// The type of the values `value` gives (or null).
    public let type: ColumnType
    public let value: @Sendable (Record) -> Row.Value

    public init(_ name: String, _ type: ColumnType, _ value: @escaping @Sendable (Record) -> Row.Value) {
        self.name = name
        self.type = type
        self.value = value
    }

    /// Whether the field's values can fill a column of `columnType` as they are: the same type, or an int where a
    /// bigint is declared.
    public func fills(_ columnType: ColumnType) -> Bool {
        type == columnType || (type == .int && columnType == .bigint)
    }

    /// Whether the field's values can fill a column of `columnType`, as they are or converted without loss
    /// (`Row.Value.converted(to:)`): a number where a double is declared, anything where a string is.
    public func converts(to columnType: ColumnType) -> Bool {
        fills(columnType) || columnType == .string
            || (columnType == .double && (type == .int || type == .bigint || type == .double))
    }
}

extension RecordFormat {
    /// Every field of a record, by name, in `fields` order: what `sluice logs parse` prints.
    public static func namedValues(_ record: Record) -> NamedValues {
        NamedValues(fields.map { ($0.name, $0.value(record)) })
    }
}
