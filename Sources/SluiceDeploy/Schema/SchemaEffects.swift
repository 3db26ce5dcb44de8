import SluiceModel

/// What a schema change does to the objects already in the lake, per lake format. Athena reads both of Sluice's
/// formats by name: Parquet columns by their names in the file (the default, `parquet.column.index.access` unset),
/// JSON rows through the OpenX JSON SerDe by key. It never rewrites an object; the table's schema is applied when
/// reading.
enum SchemaEffects {
    static func effect(
        _ kind: SchemaChange.Kind, column: String, newName: String?, oldType: String, newType: String,
        partitionKey: Bool, oldFormat: String, newFormat: String, sources: (old: String, new: String) = ("", "")
    ) -> String {
        let format = oldFormat == "json" ? "JSON" : "Parquet"
        let byName = oldFormat == "json" ? "JSON rows by key" : "Parquet columns by name"
        switch kind {
        case .added where partitionKey:
            return "objects already written lie in folders without the key '\(column)': the table's partitions "
                + "(projected or crawled) no longer describe them, so queries stop reading the rows already written"
        case .added:
            return "Athena reads \(byName): in objects already written '\(column)' reads null; rows written from "
                + "now on have it. Nothing breaks"
        case .renamed where partitionKey:
            return "the partition folders already written are named '\(column)=...': the table's partitions under "
                + "'\(newName ?? column)' no longer describe them, so queries stop reading the rows already written"
        case .renamed:
            return "Athena reads \(byName): in every object already written '\(newName ?? column)' reads null "
                + "(the values stay stored as '\(column)', which the table no longer declares); a view still "
                + "naming '\(column)' fails"
        case .widened:
            return "Athena reads an \(oldType) written before as \(newType) (\(format)): nothing breaks"
        case .resourced:
            return "the values already written came from the old source ('\(sources.old)'); rows written from now on "
                + "come from '\(sources.new)': nothing fails, but a query across both reads values that mean "
                + "different things (backfill with the processor's replay, or use a new column)"
        case .retyped where partitionKey:
            return "partition values already written are read as \(newType): a value that is not one fails the "
                + "query (HIVE_BAD_DATA)"
        case .retyped where oldFormat == "json":
            return "the JSON SerDe converts each value when it reads it: a value written as \(oldType) that does "
                + "not parse as \(newType) fails the query that reads the column (HIVE_BAD_DATA)"
        case .retyped:
            return "Parquet objects already written store '\(column)' as \(oldType): a query reading the column "
                + "from them fails (HIVE_BAD_DATA: the file's type does not match the table's \(newType)); only "
                + "int to bigint reads"
        case .removed where partitionKey:
            return "the partition folders already written are named '\(column)=...': the table's partitions no "
                + "longer describe them, so queries stop reading the rows already written, and every view, "
                + "dataset and dashboard naming '\(column)' fails"
        case .removed:
            return "the values stay in the objects already written but the table no longer declares '\(column)': "
                + "nothing reads them, and every view, dataset and dashboard naming it fails (COLUMN_NOT_FOUND)"
        case .partitioning:
            return "the folder layout of the objects already written no longer matches the table's partition "
                + "keys: queries stop reading the rows already written (or read null in '\(column)')"
        case .format:
            return "the objects already written are \(oldFormat); the table reads every object as \(newFormat): "
                + "queries over the old ones fail (HIVE_BAD_DATA or HIVE_CURSOR_ERROR)"
        }
    }
}
