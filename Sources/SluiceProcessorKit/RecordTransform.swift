import SluiceProcessing

/// The part of a processor its author writes: the output columns a record does not hold as such, derived from
/// it (the example's integration from the request path, its account from the host).
///
/// Generic over the record, not the format: a transform of `HAProxyRecord` runs on either HAProxy layout, and a
/// new format (a new `RecordFormat` in `LogFormats`) breaks no existing transform. The processor refuses to start
/// when the manifest's format parses into another record type than the transform's.
///
/// Before `derive` runs, every output column named like a field of the format (`RecordFormat.fields`: `status`,
/// `path`, `bytes_read`... for HAProxy) whose type the field fills is already set, and `dt` is the UTC day of the
/// record's event time; after it, the lookups fill their columns from the values it set. A column nobody fills
/// is null. A value its column's type cannot hold (an `.int` beyond 32 bits in an `int` column, a `.string` in a
/// `timestamp` column) quarantines the line, its reason naming the column, the value and the type.
package protocol RecordTransform: Sendable {
    /// The record the transform reads: the `Record` of the manifest's log format.
    associatedtype Record: Sendable

    /// Resolves the columns the transform sets, once, to handles (`columns.require("name")`, or
    /// `columns.handle("name")` for a column the table may not have); throws to refuse a table it cannot fill,
    /// which stops the processor before it reads anything.
    init(columns: ColumnLayout) throws

    /// Sets derived columns through the handles; throws to quarantine the line with the failure's reason.
    func derive(_ record: Record, into row: inout Columns) throws(LineFailure)
}

/// The transform of a pipeline without Swift (`processor.transform: none`): it derives nothing, so the columns'
/// declarations and the record's fields by name fill the row alone. Generic over the record, so it runs any format.
package struct NoTransform<Record: Sendable>: RecordTransform {
    package init(columns: ColumnLayout) {}

    @inline(__always)
    package func derive(_ record: Record, into row: inout Columns) throws(LineFailure) {}
}
