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

/// Athena settings of a pipeline's workgroup.
package struct AthenaSettings: Sendable {
    /// Queries scanning more than this are cancelled (Athena's minimum is 10 MB).
    package var bytesScannedCutoffMB: Int
    /// Days before query results expire.
    package var resultsExpireDays: Int
    package var origin: Origin

    package init(
        bytesScannedCutoffMB: Int = Defaults.bytesScannedCutoffMB, resultsExpireDays: Int = Defaults.resultsExpireDays,
        origin: Origin
    ) {
        self.bytesScannedCutoffMB = bytesScannedCutoffMB
        self.resultsExpireDays = resultsExpireDays
        self.origin = origin
    }
}

/// Who may use the pipeline's QuickSight data source, datasets and dashboards.
package struct QuickSightSettings: Sendable {
    /// The QuickSight group given access.
    package var group: String
    /// The QuickSight namespace of the group.
    package var namespace: String
    package var origin: Origin

    package init(group: String, namespace: String = Defaults.quickSightNamespace, origin: Origin) {
        self.group = group
        self.namespace = namespace
        self.origin = origin
    }
}

package enum ImportMode: String, Sendable, CaseIterable {
    case directQuery = "direct-query"
    case spice
}

/// A QuickSight data set over a view.
package struct Dataset: Sendable {
    package var name: String
    package var view: String
    package var importMode: ImportMode
    /// Refresh schedule for SPICE data sets.
    package var refresh: Refresh?
    package var origin: Origin

    package init(
        name: String, view: String, importMode: ImportMode = Defaults.importMode, refresh: Refresh? = nil,
        origin: Origin
    ) {
        self.name = name
        self.view = view
        self.importMode = importMode
        self.refresh = refresh
        self.origin = origin
    }
}

/// How often a SPICE data set is refreshed.
package enum Refresh: String, Sendable, CaseIterable {
    case hourly
    case daily
}

package enum VisualKind: String, Sendable, CaseIterable {
    case kpi
    case bar
    case line
    case table
}

package enum Aggregation: String, Sendable, CaseIterable {
    case count
    case countDistinct = "count-distinct"
    case sum
    case average

    /// Whether the aggregation only makes sense over numbers.
    package var needsNumbers: Bool { self == .sum || self == .average }
}

/// One visual of a dashboard.
package struct Visual: Sendable {
    package var kind: VisualKind
    package var title: String
    /// The column on the category or time axis (bar, line, table).
    package var dimension: String?
    package var measure: String
    package var aggregation: Aggregation
    package var origin: Origin

    package init(
        kind: VisualKind, title: String, dimension: String? = nil, measure: String, aggregation: Aggregation,
        origin: Origin
    ) {
        self.kind = kind
        self.title = title
        self.dimension = dimension
        self.measure = measure
        self.aggregation = aggregation
        self.origin = origin
    }
}

/// A QuickSight dashboard over one data set.
package struct Dashboard: Sendable {
    package var name: String
    package var dataset: String
    package var visuals: [Visual]
    package var origin: Origin

    package init(name: String, dataset: String, visuals: [Visual], origin: Origin) {
        self.name = name
        self.dataset = dataset
        self.visuals = visuals
        self.origin = origin
    }
}
