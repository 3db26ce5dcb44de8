import SluiceModel

/// One difference between the base's lake contract and the branch's, for one column (or the whole table, for a
/// change of lake format), with who uses it and what happens to the objects already in the lake.
package struct SchemaChange: Sendable, Equatable {
    package enum Kind: String, Sendable, CaseIterable {
        /// A new column: objects already written read null in it. Safe, unless it is a partition key.
        case added
        /// A removed column and an added one filled from the same source, with the same type.
        case renamed
        /// The same name with another type.
        case retyped
        /// int to bigint: Athena reads the old values as the new type. Safe.
        case widened
        /// The same name and type, filled from another source (`from:` or `template:`): the values already written
        /// came from the old one. Not refused (nothing fails), but reported: old and new rows mean different things.
        case resourced = "re-sourced"
        case removed
        /// A column became a partition key or the reverse, or the partition keys changed order.
        case partitioning
        /// The table's lake format changed (column `*`).
        case format
    }

    package var kind: Kind
    package var pipeline: String
    /// The stack holding the table, whose plan summary shows the change.
    package var stack: String
    package var database: String
    package var table: String
    /// The column's name in the base (the old name of a renamed or removed column), the new one when added; `*` for
    /// a format change.
    package var column: String
    /// A renamed column's new name.
    package var newName: String?
    package var oldType: String?
    package var newType: String?
    package var partitionKey: Bool
    /// What changed, in words (`string -> bigint`, `became a partition key`).
    package var detail: String
    /// Who uses the column: the base's users of it and the branch's users of its new name.
    package var users: ColumnUsers
    /// What happens to the objects already written, for the table's lake format.
    package var effect: String
    /// Renamed, retyped, removed, a partition key added or changed, the format changed.
    package var breaking: Bool
    /// Named by an `--allow-schema-change`.
    package var allowed = false

    /// A breaking change nobody allowed: the plan is refused.
    package var refused: Bool { breaking && !allowed }

    /// How an allowance names it: `TABLE.COLUMN`, the base's name of the column.
    package var allowance: String { "\(table).\(column)" }
}

/// What the schema guard found: every change of every table both contracts hold, and what it could not compare.
package struct SchemaReport: Sendable, Equatable {
    /// The base file compared against, as given.
    package var basePath: String
    package var changes: [SchemaChange]
    /// Lines said once: a missing base, tables only one side has.
    package var notes: [(stack: String?, text: String)]
    /// Allowances that name no breaking change (an error: a stale allowance would let a later change through).
    package var unusedAllowances: [String]
    /// `TABLE.COLUMN` allowances naming breaking changes in more than one database: they allow none (an error).
    package var ambiguousAllowances: [String] = []
    /// Stacks holding the branch's tables, where the section appears even when nothing changed.
    package var stacks: [String]
    /// Whether the base had no `schema.json`, so nothing was compared.
    package var baseMissing = false

    package var refused: [SchemaChange] { changes.filter(\.refused) }

    /// The changes and notes shown in one stack's summary; nil when the stack holds no table.
    package func section(forStack stack: String) -> SchemaSection? {
        guard stacks.contains(stack) else { return nil }
        return SchemaSection(
            basePath: basePath, changes: changes.filter { $0.stack == stack },
            notes: notes.filter { $0.stack == nil || $0.stack == stack }.map(\.text))
    }

    package static func == (lhs: SchemaReport, rhs: SchemaReport) -> Bool {
        lhs.basePath == rhs.basePath && lhs.changes == rhs.changes && lhs.unusedAllowances == rhs.unusedAllowances
            && lhs.ambiguousAllowances == rhs.ambiguousAllowances
            && lhs.notes.map(\.text) == rhs.notes.map(\.text) && lhs.stacks == rhs.stacks
            && lhs.baseMissing == rhs.baseMissing
    }
}

/// The schema part of one stack's plan summary.
package struct SchemaSection: Sendable, Equatable {
    package var basePath: String
    package var changes: [SchemaChange]
    package var notes: [String]

    package init(basePath: String, changes: [SchemaChange], notes: [String]) {
        self.basePath = basePath
        self.changes = changes
        self.notes = notes
    }

    package var refused: [SchemaChange] { changes.filter(\.refused) }
}
