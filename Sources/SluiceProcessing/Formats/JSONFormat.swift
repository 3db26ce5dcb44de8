/// `json`: each log line (event) is one JSON object, its columns named by paths (`from: http.request.status`,
/// `items[0].id`) and read with the coercion rules of README's "json" section.
///
/// The object has no fixed fields and no event time of its own (the manifest names the column that holds it,
/// `processor.output.event_time`); a line cut by the logger is a truncated record (see `JSONParser`).
package enum JSONFormat: RecordFormat {
    package static let id = LogFormatID.json

    package static func parse(_ line: ArraySlice<UInt8>) -> Result<JSONRecord, LineFailure> {
        JSONParser.parse(line).mapError { LineFailure($0.reason) }
    }

    /// None: every column names its path.
    package static var fields: [RecordField<JSONRecord>] { [] }

    package static func eventTime(_ record: JSONRecord) -> Int64? { nil }

    package static func isTruncated(_ record: JSONRecord) -> Bool { record.isTruncated }

    /// Any path of keys and indexes, for a column of any type: whether a line's value fits is decided per line
    /// (`JSONCoercion`). `$truncated` is the line property every format answers.
    package static func reader(_ path: FieldPath, for type: ColumnType) throws(FieldResolutionError)
        -> FieldReader<JSONRecord>
    {
        if path.isLineProperty {
            guard path.text == "$truncated" else {
                throw FieldResolutionError(
                    "json records have no line property \(path.text.debugDescription) (only $truncated); "
                        + "a key starting with '$' is written [\"\(path.text)\"]")
            }
            return try defaultReader(path, for: type)
        }
        let compiled = JSONPath(path)
        return FieldReader { record in JSONCoercion.read(compiled, from: record, as: type) }
    }

    package static func proposedColumns(_ sample: [JSONRecord]) -> [ProposedColumn] {
        JSONInference.columns(sample)
    }

    /// Every leaf of the object by its path (`http.request.status`, `items[0].id`), what `sluice logs parse`
    /// prints, then `$truncated`.
    package static func leaves(_ record: JSONRecord) -> NamedValues { JSONLeaves.values(record) }
}
