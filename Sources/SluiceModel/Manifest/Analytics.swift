/// An Athena view over the pipeline's tables and other views.
public struct View: Sendable {
    public var name: String
    /// The view's SQL, with `{{ ref("name") }}` for tables and views.
    public var sql: String
    /// Where the SQL came from, when it was read from a file.
    public var sqlFile: String?
    public var origin: Origin

    public init(name: String, sql: String, sqlFile: String? = nil, origin: Origin) {
        self.name = name
        self.sql = sql
        self.sqlFile = sqlFile
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
    /// Refresh schedule for SPICE data sets (`hourly` or `daily`).
    public var refresh: String?
    public var origin: Origin

    public init(name: String, view: String, importMode: ImportMode = Defaults.importMode, refresh: String? = nil, origin: Origin)
    {
        self.name = name
        self.view = view
        self.importMode = importMode
        self.refresh = refresh
        self.origin = origin
    }
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
    /// The QuickSight group given access.
    public var group: String
    public var visuals: [Visual]
    public var origin: Origin

    public init(name: String, dataset: String, group: String, visuals: [Visual], origin: Origin) {
        self.name = name
        self.dataset = dataset
        self.group = group
        self.visuals = visuals
        self.origin = origin
    }
}
