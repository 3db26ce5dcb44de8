import SluiceProcessing

/// The columns of a processor's rows, by position: the table's columns, then its partition keys. Names are
/// resolved to positions once (`handle`, `require`), so that setting a column per row is an array store, not a
/// search among names.
public final class ColumnLayout: Sendable {
    /// Every column's name: the table's columns, then the partition keys.
    public let names: [String]
    /// Every column's type, like `names`.
    public let types: [ColumnType]
    /// How many of `names` are table columns (the rest are partition keys).
    public let columnCount: Int
    private let positions: [String: Int]

    public init(columns: [ProcessorConfig.Column], partitionKeys: [ProcessorConfig.Column]) {
        let all = columns + partitionKeys
        names = all.map(\.name)
        types = all.map(\.type)
        columnCount = columns.count
        positions = Dictionary(all.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The layout of a configuration's output table.
    public convenience init(_ output: ProcessorConfig.Output) {
        self.init(columns: output.columns, partitionKeys: output.partitionKeys)
    }

    /// The position of a column; nil when the table has none of that name.
    public func position(of name: String) -> Int? { positions[name] }

    /// The handle of a column; for a name the table does not have, a handle whose writes are dropped (see
    /// `require` to refuse such a table instead).
    public func handle(_ name: String) -> ColumnHandle {
        ColumnHandle(name: name, position: positions[name] ?? -1)
    }

    /// The handle of a column the table must have.
    public func require(_ name: String) throws(MissingColumn) -> ColumnHandle {
        guard let position = positions[name] else {
            throw MissingColumn(name: name, known: names)
        }
        return ColumnHandle(name: name, position: position)
    }

    /// Whether the table has a column of this name.
    public func has(_ name: String) -> Bool { positions[name] != nil }
}

/// A transform asked for a column the table does not declare.
public struct MissingColumn: Error, Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var known: [String]

    public var description: String {
        "the transform sets column \(name), which the table does not declare (its columns: "
            + known.joined(separator: ", ") + ")"
    }
}

/// A column resolved to its position once: how a transform sets a column per row.
public struct ColumnHandle: Sendable, Hashable {
    /// The column's name, for messages.
    public let name: String
    /// The position in the row, or -1 for a column the table does not have.
    @usableFromInline let position: Int

    @usableFromInline init(name: String, position: Int) {
        self.name = name
        self.position = position
    }

    /// Whether the table has the column (writes through a handle it has not are dropped).
    @inlinable public var isKnown: Bool { position >= 0 }
}

/// The values of one output row being built (columns, then partition keys), by position. Unset is null.
public struct Columns {
    /// The layout the values follow.
    public let layout: ColumnLayout
    /// The table columns' values: the row handed to the writer.
    @usableFromInline var values: [Row.Value]
    /// The partition keys' values: they name the object's folder, they are not in the row.
    @usableFromInline var keys: [Row.Value]

    init(layout: ColumnLayout, values: [Row.Value], keys: [Row.Value]) {
        self.layout = layout
        self.values = values
        self.keys = keys
    }

    /// A column's value (`.null` when unset). Setting through a handle of a column the table does not have does
    /// nothing.
    @inlinable
    public subscript(handle: ColumnHandle) -> Row.Value {
        get {
            let position = handle.position
            if position < 0 { return .null }
            return position < values.count ? values[position] : keys[position - values.count]
        }
        set {
            let position = handle.position
            if position < 0 { return }
            if position < values.count { values[position] = newValue } else { keys[position - values.count] = newValue }
        }
    }

    /// A column's value by name: a convenience that searches the layout each time; in `derive`, use a handle.
    public subscript(name: String) -> Row.Value {
        get { self[layout.handle(name)] }
        set { self[layout.handle(name)] = newValue }
    }

    /// The value at a position of the layout (columns, then partition keys).
    subscript(position position: Int) -> Row.Value {
        get { position < values.count ? values[position] : keys[position - values.count] }
        set {
            if position < values.count { values[position] = newValue } else { keys[position - values.count] = newValue }
        }
    }

    /// The text of a string column; nil when unset, null or not a string.
    @inlinable
    public func string(_ handle: ColumnHandle) -> String? {
        if case .string(let text) = self[handle] { return text }
        return nil
    }

    /// Whether the table has a column of this name.
    public func has(_ name: String) -> Bool { layout.has(name) }
}
