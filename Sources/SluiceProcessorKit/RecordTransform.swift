import SluiceProcessing

/// The part of a processor its author writes: the output columns a record does not hold as such, derived from
/// it (the seed's integration from the request path, its account from the host).
///
/// Before `derive` runs, every output column named like a field of `HAProxyRecord.fields` (`status`, `path`,
/// `bytes_read`...) is already filled, and `dt` is the record's UTC date; after it, the lookups fill their
/// columns from the values it set. A column nobody fills is null.
public protocol RecordTransform: Sendable {
    init()
    /// Sets derived columns; throws to quarantine the line with the failure's reason.
    func derive(_ record: HAProxyRecord, into row: inout Columns) throws(LineFailure)
}

/// The values of one output row (columns, then partition keys), set by name.
public struct Columns: Sendable {
    let names: [String]
    var values: [Row.Value?]

    init(names: [String]) {
        self.names = names
        values = Array(repeating: nil, count: names.count)
    }

    /// A column's value; nil when unset. Setting a name the table does not have is a programming error
    /// reported once per run by the processor, not a crash: the value is dropped.
    public subscript(name: String) -> Row.Value? {
        get { names.firstIndex(of: name).flatMap { values[$0] } }
        set {
            if let index = names.firstIndex(of: name) { values[index] = newValue }
        }
    }

    /// The text of a string column; nil when unset, null or not a string.
    public func string(_ name: String) -> String? {
        if case .string(let text)? = self[name] { return text }
        return nil
    }

    /// Whether the table has a column of this name.
    public func has(_ name: String) -> Bool { names.contains(name) }
}
