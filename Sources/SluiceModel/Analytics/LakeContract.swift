import Foundation

/// The lake's contract: each pipeline's table as the lake stores it (its columns, types, sources and partition
/// keys) and who reads each column (views, datasets, dashboards and their visuals). `generated/schema.json` holds
/// it; the schema guard compares the branch's with the base's committed one.
package struct LakeContract: Sendable, Equatable {
    package var tables: [TableContract]

    package init(tables: [TableContract]) {
        self.tables = tables.sorted { $0.pipeline < $1.pipeline }
    }

    /// The contract the declarations make.
    package init(pipelines: [Pipeline]) {
        self.init(tables: pipelines.map(TableContract.init(pipeline:)))
    }
}

/// One pipeline's lake table.
package struct TableContract: Sendable, Equatable {
    package var pipeline: String
    /// The stack holding the Glue table (the analytics account's), where the plan shows the schema section.
    package var stack: String
    package var database: String
    package var table: String
    /// The lake format's name (`parquet`, `json`): text, so a base written by another version still reads.
    package var format: String
    /// The columns in declared order, then the partition keys in theirs.
    package var columns: [ColumnContract]

    package init(
        pipeline: String, stack: String, database: String, table: String, format: String, columns: [ColumnContract]
    ) {
        self.pipeline = pipeline
        self.stack = stack
        self.database = database
        self.table = table
        self.format = format
        self.columns = columns
    }

    /// `database.table`, how the guard names the table.
    package var qualifiedName: String { "\(database).\(table)" }

    package init(pipeline: Pipeline) {
        let table = pipeline.processor.output
        let usage = ColumnUsage(pipeline: pipeline)
        func contract(_ column: Column, partitionKey: Bool) -> ColumnContract {
            ColumnContract(
                name: column.name, type: column.type.rawValue, from: column.source?.from,
                template: column.source?.template, partitionKey: partitionKey, users: usage.users(of: column.name))
        }
        self.init(
            pipeline: pipeline.name, stack: pipeline.analyticsAccount, database: pipeline.catalog.database,
            table: table.name, format: table.format.rawValue,
            columns: table.columns.map { contract($0, partitionKey: false) }
                + table.partitionKeys.map { contract($0, partitionKey: true) })
    }
}

/// One column or partition key of a lake table.
package struct ColumnContract: Sendable, Equatable {
    package var name: String
    package var type: String
    /// The record field it is filled from (`from:`); nil: the field named like the column.
    package var from: String?
    /// The template cutting its value out of the field (`template:`).
    package var template: String?
    package var partitionKey: Bool
    package var users: ColumnUsers

    package init(
        name: String, type: String, from: String? = nil, template: String? = nil, partitionKey: Bool = false,
        users: ColumnUsers = ColumnUsers()
    ) {
        self.name = name
        self.type = type
        self.from = from
        self.template = template
        self.partitionKey = partitionKey
        self.users = users
    }

    /// What fills the column, for telling a rename from a removal: the field (`from:`, or the column's own name when
    /// there is none) and the template with its capture, which is always named like the column, left out.
    package var source: String {
        let field = from ?? name
        guard let template else { return field }
        guard let capture = template.range(of: "{\(name)}") else { return "\(field) \(template)" }
        return "\(field) \(template.replacingCharacters(in: capture, with: "{}"))"
    }
}

/// Who reads a column, each list sorted.
package struct ColumnUsers: Sendable, Equatable {
    /// Views that read it, directly or through another view that does.
    package var views: [String]
    /// Datasets over those views.
    package var datasets: [String]
    /// Dashboards over those datasets.
    package var dashboards: [String]
    /// `dashboard: visual title` of each visual whose dimension or measure is a view column computed from it.
    package var visuals: [String]

    package init(views: [String] = [], datasets: [String] = [], dashboards: [String] = [], visuals: [String] = []) {
        self.views = views.sorted()
        self.datasets = datasets.sorted()
        self.dashboards = dashboards.sorted()
        self.visuals = visuals.sorted()
    }

    package var isEmpty: Bool { views.isEmpty && datasets.isEmpty && dashboards.isEmpty }

    /// Both lists of users, each once.
    package func union(_ other: ColumnUsers) -> ColumnUsers {
        ColumnUsers(
            views: Array(Set(views + other.views)), datasets: Array(Set(datasets + other.datasets)),
            dashboards: Array(Set(dashboards + other.dashboards)), visuals: Array(Set(visuals + other.visuals)))
    }
}

/// The users of a pipeline's table columns, from its views' SQL (`ViewColumns`), its datasets and dashboards.
struct ColumnUsage {
    let pipeline: Pipeline
    let graph: ViewGraph
    /// The views in an order where each comes after those it reads, computed once for every column.
    let ordered: [View]
    let columns: [String: ViewColumns]

    init(pipeline: Pipeline) {
        self.pipeline = pipeline
        graph = ViewGraph(pipeline: pipeline)
        ordered = graph.ordered()
        columns = Dictionary(
            pipeline.views.map { ($0.name, ViewColumns(sql: $0.sql)) }, uniquingKeysWith: { first, _ in first })
    }

    func users(of column: String) -> ColumnUsers {
        let table = pipeline.processor.output.name
        let name = column.lowercased()
        // Each affected view with its output columns that come from the column (a view over an affected view has
        // the affected view's such columns to follow).
        var traced: [String: Set<String>] = [:]
        for view in ordered {
            let reads = columns[view.name] ?? ViewColumns(sql: "")
            let dependencies = graph.dependencies[view.name] ?? []
            // The names that carry the column into this view: the column itself from the table, and the traced
            // output columns of the views it reads.
            var carriers: Set<String> = dependencies.contains(table) ? [name] : []
            var readsAffectedView = false
            for dependency in dependencies {
                if let outputs = traced[dependency] {
                    readsAffectedView = true
                    carriers.formUnion(outputs)
                }
            }
            guard !carriers.isEmpty,
                reads.readsEverything || !carriers.isDisjoint(with: reads.identifiers)
                    || readsAffectedView
            else { continue }
            var outputs: Set<String> = []
            for viewColumn in view.columns {
                let key = viewColumn.name.lowercased()
                let expression = reads.outputs[key] ?? [key]
                if reads.readsEverything && carriers.contains(key) || !expression.isDisjoint(with: carriers) {
                    outputs.insert(viewColumn.name)
                }
            }
            traced[view.name] = outputs
        }
        let datasets = pipeline.datasets.filter { traced[$0.view] != nil }
        let views = Dictionary(datasets.map { ($0.name, $0.view) }, uniquingKeysWith: { first, _ in first })
        let dashboards = pipeline.dashboards.filter { views[$0.dataset] != nil }
        var visuals: [String] = []
        for dashboard in dashboards {
            guard let view = views[dashboard.dataset], let outputs = traced[view] else { continue }
            for visual in dashboard.visuals
            where outputs.contains(visual.measure) || visual.dimension.map(outputs.contains) == true {
                visuals.append("\(dashboard.name): \(visual.title)")
            }
        }
        return ColumnUsers(
            views: Array(traced.keys), datasets: datasets.map(\.name), dashboards: dashboards.map(\.name),
            visuals: visuals)
    }
}
