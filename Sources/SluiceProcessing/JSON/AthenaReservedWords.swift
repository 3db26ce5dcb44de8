/// The words Athena reserves in `SELECT` statements and view queries (its documentation's "Reserved keywords to
/// escape in SQL SELECT statements", Trino's reserved keywords): a column named like one must be double-quoted in
/// every query, so the columns Sluice proposes are never named so. (DDL's longer list does not matter here: Sluice
/// declares tables through the Glue API, not through DDL.)
enum AthenaReservedWords {
    static let select: Set<String> = [
        "alter", "and", "as", "between", "by", "case", "cast", "constraint", "create", "cross", "cube",
        "current_catalog", "current_date", "current_path", "current_role", "current_schema", "current_time",
        "current_timestamp", "current_user", "deallocate", "delete", "describe", "distinct", "drop", "else", "end",
        "escape", "except", "execute", "exists", "extract", "false", "for", "from", "full", "group", "grouping",
        "having", "in", "inner", "insert", "intersect", "into", "is", "join", "json_array", "json_exists",
        "json_object", "json_query", "json_table", "json_value", "left", "like", "listagg", "localtime",
        "localtimestamp", "natural", "normalize", "not", "null", "on", "or", "order", "outer", "prepare", "recursive",
        "right", "rollup", "select", "skip", "table", "then", "trim", "true", "uescape", "union", "unnest", "using",
        "values", "when", "where", "with",
    ]
}
