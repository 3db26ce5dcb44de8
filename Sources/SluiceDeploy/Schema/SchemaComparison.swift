import Foundation
import SluiceEmit
import SluiceModel

/// The schema guard: the branch's lake contract against the base's committed `generated/schema.json`.
///
/// Tables are matched by `database.table`. In a table present on both sides, columns are matched by name; a base
/// column missing from the branch and a branch column missing from the base are one rename when both are filled
/// from the same source (`ColumnContract.source`: `from:`, or the column's own name without one, and the template
/// with its capture left out), have the same type and are both columns or both partition keys. Anything else
/// missing is removed or added. A base table the branch declares in another database, with the same pipeline and
/// table name, is the same lake prefix and is compared too.
package enum SchemaComparison {
    /// The largest base file read: a contract of a thousand pipelines of a hundred columns is a few MiB, so a file
    /// past this is not one, and is refused before it is read into memory.
    package static let maximumBaseBytes = 64 * 1_048_576

    /// Compares the branch's contract with the one at `baseDirectory/generated/schema.json`. A missing base file is
    /// one note, never an error; an unreadable one is an error.
    package static func report(
        branch: LakeContract, baseDirectory: URL, shownBase: String, allowances: [String]
    ) throws -> SchemaReport {
        let file = baseDirectory.appendingPathComponent(SchemaEmitter.path)
        let shown = shownBase.hasSuffix("/") ? shownBase + SchemaEmitter.path : shownBase + "/" + SchemaEmitter.path
        var isDirectory: ObjCBool = false
        // `--base` naming a file (the schema itself, say) would find no schema under it and compare nothing.
        if FileManager.default.fileExists(atPath: baseDirectory.path, isDirectory: &isDirectory), !isDirectory.boolValue
        {
            throw SchemaBaseError(
                path: shownBase, reason: "it is a file: --base takes the folder of a checkout of the base")
        }
        let exists = FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory)
        // Only a missing file means "nothing to compare": one that is there but unreadable (a folder, no
        // permission) must not let every change through.
        if exists, isDirectory.boolValue {
            throw SchemaBaseError(path: shown, reason: "it is a folder, not a file")
        }
        guard exists else {
            var report = compare(base: nil, branch: branch, basePath: shown, allowances: allowances)
            report.notes.insert((nil, "no base schema at \(shown): nothing compared"), at: 0)
            report.baseMissing = true
            return report
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        if size > maximumBaseBytes {
            throw SchemaBaseError(
                path: shown,
                reason:
                    "it holds \(size) bytes, more than the \(maximumBaseBytes) any contract Sluice writes comes near")
        }
        guard let bytes = FileManager.default.contents(atPath: file.path) else {
            throw SchemaBaseError(path: shown, reason: "it cannot be read")
        }
        do {
            let base = try SchemaEmitter.contract(parsing: bytes)
            return compare(base: base, branch: branch, basePath: shown, allowances: allowances)
        } catch {
            throw SchemaBaseError(path: shown, reason: error.description)
        }
    }

    /// The changes between two contracts, each marked allowed when an allowance names it (`TABLE.COLUMN` or
    /// `DATABASE.TABLE.COLUMN`; `TABLE.*` for a format change). With no base, nothing is compared and no allowance
    /// counts as unused (there was nothing it could name).
    package static func compare(
        base: LakeContract?, branch: LakeContract, basePath: String, allowances: [String]
    ) -> SchemaReport {
        var changes: [SchemaChange] = []
        var notes: [(stack: String?, text: String)] = []
        let branchTables = Dictionary(
            branch.tables.map { ($0.qualifiedName, $0) }, uniquingKeysWith: { first, _ in first })
        if let base {
            let baseNames = Set(base.tables.map(\.qualifiedName))
            var matched: Set<String> = []
            for old in base.tables {
                // A table moved to another database keeps its lake prefix (the pipeline's bucket, `tables/<table>/`):
                // the new table reads the objects already written, so its columns are compared all the same.
                let moved = branch.tables.first {
                    $0.pipeline == old.pipeline && $0.table == old.table && !baseNames.contains($0.qualifiedName)
                }
                guard let new = branchTables[old.qualifiedName] ?? moved else {
                    notes.append(
                        (
                            old.stack,
                            "table \(old.qualifiedName) (pipeline \(old.pipeline)) is no longer declared: not "
                                + "compared; its objects stay in the lake bucket until its lifecycle or a person "
                                + "removes them"
                        ))
                    continue
                }
                if new.qualifiedName != old.qualifiedName {
                    notes.append(
                        (
                            new.stack,
                            "table \(old.qualifiedName) moved to \(new.qualifiedName): it reads the same objects, so "
                                + "its columns are compared"
                        ))
                }
                matched.insert(new.qualifiedName)
                changes += compare(old, new)
            }
            for new in branch.tables
            where !baseNames.contains(new.qualifiedName) && !matched.contains(new.qualifiedName) {
                notes.append((new.stack, "table \(new.qualifiedName) is new: nothing to compare"))
            }
        }
        // `TABLE.COLUMN` naming breaking changes of same-named tables in several databases allows none of them:
        // one allowance must not let through a change nobody looked at. Each needs `DATABASE.TABLE.COLUMN`.
        let ambiguous = Set(
            allowances.filter { allowance in
                Set(changes.filter { $0.breaking && $0.allowance == allowance }.map(\.database)).count > 1
            })
        var used: Set<String> = []
        for index in changes.indices where changes[index].breaking {
            let change = changes[index]
            let names = [change.allowance, "\(change.database).\(change.allowance)"]
            for name in names where allowances.contains(name) && !ambiguous.contains(name) {
                changes[index].allowed = true
                used.insert(name)
            }
        }
        let unused = base == nil ? [] : Array(Set(allowances).subtracting(used).subtracting(ambiguous)).sorted()
        return SchemaReport(
            basePath: basePath, changes: changes, notes: notes, unusedAllowances: unused,
            ambiguousAllowances: ambiguous.sorted(), stacks: Array(Set(branch.tables.map(\.stack))).sorted())
    }

    /// The changes of one table.
    static func compare(_ old: TableContract, _ new: TableContract) -> [SchemaChange] {
        var changes: [SchemaChange] = []
        func change(
            _ kind: SchemaChange.Kind, _ column: ColumnContract, newName: String? = nil, newType: String? = nil,
            partitionKey: Bool? = nil, detail: String, oldSource: String? = nil, newSource: String? = nil,
            users: ColumnUsers, breaking: Bool
        ) -> SchemaChange {
            let partitionKey = partitionKey ?? column.partitionKey
            return SchemaChange(
                kind: kind, pipeline: new.pipeline, stack: new.stack, database: new.database, table: new.table,
                column: column.name, newName: newName, oldType: column.type, newType: newType ?? column.type,
                partitionKey: partitionKey, detail: detail, users: users,
                effect: SchemaEffects.effect(
                    kind, column: column.name, newName: newName, oldType: column.type, newType: newType ?? column.type,
                    partitionKey: partitionKey, oldFormat: old.format, newFormat: new.format,
                    sources: (oldSource ?? "", newSource ?? "")),
                breaking: breaking)
        }
        if old.format != new.format {
            let all = old.columns.reduce(ColumnUsers()) { $0.union($1.users) }
            changes.append(
                change(
                    .format, ColumnContract(name: "*", type: ""), detail: "\(old.format) -> \(new.format)",
                    users: all, breaking: true))
        }
        let newByName = Dictionary(new.columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let oldNames = Set(old.columns.map(\.name))
        var added = new.columns.filter { !oldNames.contains($0.name) }
        var renamedTo: [String: String] = [:]
        for column in old.columns {
            guard let now = newByName[column.name] else {
                if let index = added.firstIndex(where: {
                    $0.source == column.source && $0.type == column.type && $0.partitionKey == column.partitionKey
                }) {
                    let target = added.remove(at: index)
                    renamedTo[column.name] = target.name
                    changes.append(
                        change(
                            .renamed, column, newName: target.name, detail: "\(column.name) -> \(target.name)",
                            users: column.users.union(target.users), breaking: true))
                } else {
                    changes.append(
                        change(.removed, column, detail: "removed", users: column.users, breaking: true))
                }
                continue
            }
            let users = column.users.union(now.users)
            if now.partitionKey != column.partitionKey {
                changes.append(
                    change(
                        .partitioning, column, newType: now.type, partitionKey: now.partitionKey,
                        detail: now.partitionKey ? "became a partition key" : "is no longer a partition key",
                        users: users, breaking: true))
            } else if now.type != column.type {
                let widened = column.type == ColumnType.int.rawValue && now.type == ColumnType.bigint.rawValue
                changes.append(
                    change(
                        widened ? .widened : .retyped, column, newType: now.type,
                        detail: "\(column.type) -> \(now.type)", users: users, breaking: !widened))
            } else if now.source != column.source {
                // Shown as written (`path /i/{item}/**`); `source` blanks the capture, for telling renames apart.
                func written(_ column: ColumnContract) -> String {
                    (column.from ?? column.name) + (column.template.map { " \($0)" } ?? "")
                }
                changes.append(
                    change(
                        .resourced, column, detail: "source \(written(column)) -> \(written(now))",
                        oldSource: written(column), newSource: written(now), users: users, breaking: false))
            }
        }
        for column in added {
            changes.append(
                change(
                    .added, column, detail: column.partitionKey ? "new partition key" : "new column",
                    users: column.users, breaking: column.partitionKey))
        }
        // Partition keys kept on both sides in another order: the folder layout changes.
        let oldKeys = old.columns.filter(\.partitionKey).map { renamedTo[$0.name] ?? $0.name }
        let newKeys = new.columns.filter(\.partitionKey).map(\.name)
        let kept = oldKeys.filter(newKeys.contains)
        let keptNow = newKeys.filter(kept.contains)
        if kept != keptNow {
            for (position, name) in kept.enumerated() where keptNow[position] != name {
                guard
                    let column = old.columns.first(where: {
                        $0.partitionKey && (renamedTo[$0.name] ?? $0.name) == name
                    })
                else { continue }
                let users = column.users.union(newByName[name]?.users ?? ColumnUsers())
                changes.append(
                    change(
                        .partitioning, column,
                        detail: "partition key moved from position \(position + 1) to "
                            + "\((keptNow.firstIndex(of: name) ?? position) + 1)",
                        users: users, breaking: true))
            }
        }
        return changes
    }
}

/// A `--base` whose `generated/schema.json` exists but is not a contract this version reads.
package struct SchemaBaseError: Error, CustomStringConvertible {
    package var path: String
    package var reason: String
    package var description: String { "cannot read the base schema \(path): \(reason)" }
}
