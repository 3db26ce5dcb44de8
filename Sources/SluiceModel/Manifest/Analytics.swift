/// An Athena view over the pipeline's table and its other views.
public struct View: Sendable {
    public var name: String
    /// The view's SELECT, naming tables and views as `{{ ref("name") }}`.
    public var sql: String
    /// The file the SQL was read from (relative to `pipelines/`), when not inline.
    public var sqlFile: String?
    /// Where the SQL text starts, to place errors found inside it.
    public var sqlPlace: SQLPlace
    /// The view's output columns with their types: Athena stores them with the view, and datasets and dashboards
    /// are checked against them.
    public var columns: [Column]
    public var origin: Origin

    public init(
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
public struct SQLPlace: Sendable {
    public var start: SourceLocation
    public var lineStartColumn: Int

    public init(start: SourceLocation, lineStartColumn: Int) {
        self.start = start
        self.lineStartColumn = lineStartColumn
    }

    /// The location of a character given by its zero-based line and column within the SQL.
    public func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(
            file: start.file, line: start.line + line,
            column: (line == 0 ? start.column : lineStartColumn) + column)
    }
}

/// Athena settings of a pipeline's workgroup.
public struct AthenaSettings: Sendable {
    /// Queries scanning more than this are cancelled (Athena's minimum is 10 MB).
    public var bytesScannedCutoffMB: Int
    /// Days before query results expire.
    public var resultsExpireDays: Int
    public var origin: Origin

    public init(
        bytesScannedCutoffMB: Int = Defaults.bytesScannedCutoffMB, resultsExpireDays: Int = Defaults.resultsExpireDays,
        origin: Origin
    ) {
        self.bytesScannedCutoffMB = bytesScannedCutoffMB
        self.resultsExpireDays = resultsExpireDays
        self.origin = origin
    }
}

/// Who may use the pipeline's QuickSight data source, datasets and dashboards.
public struct QuickSightSettings: Sendable {
    /// The QuickSight group given access.
    public var group: String
    /// The QuickSight namespace of the group.
    public var namespace: String
    public var origin: Origin

    public init(group: String, namespace: String = Defaults.quickSightNamespace, origin: Origin) {
        self.group = group
        self.namespace = namespace
        self.origin = origin
    }
}

public enum ImportMode: String, Sendable, CaseIterable {
    case directQuery = "direct-query"
    case spice
}

/// A QuickSight data set over a view.
public struct Dataset: Sendable {
    public var name: String
    public var view: String
    public var importMode: ImportMode
    /// Refresh schedule for SPICE data sets.
    public var refresh: Refresh?
    public var origin: Origin

    public init(name: String, view: String, importMode: ImportMode = Defaults.importMode, refresh: Refresh? = nil, origin: Origin)
    {
        self.name = name
        self.view = view
        self.importMode = importMode
        self.refresh = refresh
        self.origin = origin
    }
}

/// How often a SPICE data set is refreshed.
public enum Refresh: String, Sendable, CaseIterable {
    case hourly
    case daily
}

public enum VisualKind: String, Sendable, CaseIterable {
    case kpi
    case bar
    case line
    case table
}

public enum Aggregation: String, Sendable, CaseIterable {
    case count
    case countDistinct = "count-distinct"
    case sum
    case average

    /// Whether the aggregation only makes sense over numbers.
    public var needsNumbers: Bool { self == .sum || self == .average }
}

/// One visual of a dashboard.
public struct Visual: Sendable {
    public var kind: VisualKind
    public var title: String
    /// The column on the category or time axis (bar, line, table).
    public var dimension: String?
    public var measure: String
    public var aggregation: Aggregation
    public var origin: Origin

    public init(
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
public struct Dashboard: Sendable {
    public var name: String
    public var dataset: String
    public var visuals: [Visual]
    public var origin: Origin

    public init(name: String, dataset: String, visuals: [Visual], origin: Origin) {
        self.name = name
        self.dataset = dataset
        self.visuals = visuals
        self.origin = origin
    }
}
