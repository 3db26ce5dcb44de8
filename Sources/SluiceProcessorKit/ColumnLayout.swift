import SluiceProcessing

/// The columns of a processor's rows, by position: the table's columns, then its partition keys. Names are
/// resolved to positions once (`handle`, `require`), so that setting a column per row is an array store, not a
/// search among names.
package final class ColumnLayout: Sendable {
    /// Every column's name: the table's columns, then the partition keys.
    package let names: [String]
    /// Every column's type, like `names`.
    package let types: [ColumnType]
    /// How many of `names` are table columns (the rest are partition keys).
    package let columnCount: Int
    private let positions: [String: Int]

    package init(columns: [ProcessorConfig.Column], partitionKeys: [ProcessorConfig.Column]) {
        let all = columns + partitionKeys
        names = all.map(\.name)
        types = all.map(\.type)
        columnCount = columns.count
        positions = Dictionary(all.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The layout of a configuration's output table.
    package convenience init(_ output: ProcessorConfig.Output) {
        self.init(columns: output.columns, partitionKeys: output.partitionKeys)
    }

    /// The position of a column; nil when the table has none of that name.
    package func position(of name: String) -> Int? { positions[name] }

    /// The handle of a column; for a name the table does not have, a handle whose writes are dropped (see
    /// `require` to refuse such a table instead).
    package func handle(_ name: String) -> ColumnHandle {
        ColumnHandle(name: name, position: positions[name] ?? -1)
    }

    /// The handle of a column the table must have.
    package func require(_ name: String) throws(MissingColumn) -> ColumnHandle {
        guard let position = positions[name] else {
            throw MissingColumn(name: name, known: names)
        }
        return ColumnHandle(name: name, position: position)
    }

    /// Whether the table has a column of this name.
    package func has(_ name: String) -> Bool { positions[name] != nil }
}

/// A transform asked for a column the table does not declare.
package struct MissingColumn: Error, Sendable, Equatable, CustomStringConvertible {
    package var name: String
    package var known: [String]

    package var description: String {
        "the transform sets column \(name), which the table does not declare (its columns: "
            + known.joined(separator: ", ") + ")"
    }
}

/// A column resolved to its position once: how a transform sets a column per row.
package struct ColumnHandle: Sendable, Hashable {
    /// The column's name, for messages.
    package let name: String
    /// The position in the row, or -1 for a column the table does not have.
    @usableFromInline let position: Int

    @usableFromInline init(name: String, position: Int) {
        self.name = name
        self.position = position
    }

    /// Whether the table has the column (writes through a handle it has not are dropped).
    @inlinable package var isKnown: Bool { position >= 0 }
}

/// The values of one output row being built (columns, then partition keys), by position. Unset is null.
package struct Columns {
    /// The layout the values follow.
    package let layout: ColumnLayout
    /// The table columns' values: the row handed to the writer.
    @usableFromInline var values: [Row.Value]
    /// The partition keys' values: they name the object's folder, they are not in the row.
    @usableFromInline var keys: [Row.Value]

    /// A column's value (`.null` when unset). Setting through a handle of a column the table does not have does
    /// nothing.
    @inlinable
    package subscript(handle: ColumnHandle) -> Row.Value {
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
    package subscript(name: String) -> Row.Value {
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
    package func string(_ handle: ColumnHandle) -> String? {
        if case .string(let text) = self[handle] { return text }
        return nil
    }

    /// Whether the table has a column of this name.
    package func has(_ name: String) -> Bool { layout.has(name) }
}
