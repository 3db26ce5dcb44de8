import Yams

/// An Athena view over the pipeline's table and its other views.
package struct View: Sendable {
    package var name: String
    /// The view's SELECT, naming tables and views as `{{ ref("name") }}`.
    package var sql: String
    /// The file the SQL was read from (relative to `pipelines/`), when not inline.
    package var sqlFile: String?
    /// Where the SQL text starts, to place errors found inside it.
    package var sqlPlace: SQLPlace
    /// The view's output columns with their types: Athena stores them with the view, and datasets and dashboards
    /// are checked against them.
    package var columns: [Column]
    package var origin: Origin

    package init(
        name: String, sql: String, sqlFile: String? = nil, sqlPlace: SQLPlace? = nil, columns: [Column],
        origin: Origin
    ) {
        self.name = name
        self.sql = sql
        self.sqlFile = sqlFile
        self.sqlPlace = sqlPlace ?? SQLPlace(start: origin.location, lineStartColumn: origin.location.column)
        self.columns = columns
        self.origin = origin
    }
}

/// Maps a position inside SQL text back to the declaration: the text's first character, and the column where
/// each following line starts (its indentation in a YAML block, 1 in a file).
package struct SQLPlace: Sendable {
    package var start: SourceLocation
    package var lineStartColumn: Int

    package init(start: SourceLocation, lineStartColumn: Int) {
        self.start = start
        self.lineStartColumn = lineStartColumn
    }

    /// The location of a character given by its zero-based line and column within the SQL.
    package func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(
            file: start.file, line: start.line + line,
            column: (line == 0 ? start.column : lineStartColumn) + column)
    }
}

extension View {
    /// One of the manifest's `views`, its SQL inline or read with `readFile`, or nil with its problems reported to
    /// `file`.
    init?(
        from node: Node, path: String, in file: YAMLFile,
        readFile: (String) -> Result<String, DeclarationFiles.Refusal>
    ) {
        guard let reader = MappingReader(node, path: path, in: file) else { return nil }
        defer { reader.finish() }
        let name = reader.requiredString("name")
        let inline = reader.optionalString("sql")
        let sqlFile = reader.optionalString("sql_file")
        let columns = reader.list("columns", required: true).compactMap {
            Column(from: $0.node, path: $0.path, in: file)
        }
        var sql: String?
        var place: SQLPlace?
        switch (inline, sqlFile) {
        case (let text?, nil):
            sql = text
            place = file.sqlPlace(of: reader.value("sql")!)
        case (nil, let relative?):
            let shown = "\(Workspace.pipelinesFolder)/\(relative)"
            switch readFile(relative) {
            case .success(let text): sql = text
            case .failure(let refusal) where refusal.line != nil:
                file.diagnostics.error(refusal.message, at: refusal.location(in: shown))
            case .failure(let refusal):
                file.error("the view's sql_file: \(refusal.message)", at: reader.value("sql_file")!)
            }
            let start = SourceLocation(file: shown, line: 1, column: 1)
            place = SQLPlace(start: start, lineStartColumn: 1)
        case (_?, _?): file.error("a view takes 'sql' or 'sql_file', not both", at: reader.value("sql_file")!)
        case (nil, nil): file.error("a view needs 'sql' or 'sql_file'", at: node)
        }
        guard let name, let sql else { return nil }
        self.init(name: name, sql: sql, sqlFile: sqlFile, sqlPlace: place, columns: columns, origin: reader.origin)
    }
}
