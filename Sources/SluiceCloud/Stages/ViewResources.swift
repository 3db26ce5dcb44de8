import Foundation
import SluiceModel

/// Athena views as Glue `VIRTUAL_VIEW` tables, deployed by the same apply as everything else.
enum ViewResources {
    static func add(
        _ context: PipelineContext, to builder: inout StackBuilder, database: GlueCatalogDatabase.Handle,
        table: GlueCatalogTable.Handle
    ) {
        let pipeline = context.pipeline
        let graph = ViewGraph(pipeline: pipeline)
        // The graph orders each view after the views it reads, so their handles are here when it needs them.
        var views: [String: GlueCatalogTable.Handle] = [:]
        for view in graph.ordered() {
            let reads = (graph.dependencies[view.name] ?? []).filter { $0 != context.table.name }.sorted()
            let dependsOn: [any TerraformHandle] =
                [table] + reads.map { views[$0] ?? builder.handle(GlueCatalogTable.self, "view_\($0)") }
            let handle = builder.add(
                "view_\(view.name)", .views,
                GlueCatalogTable(
                    databaseName: "\(database.name)", name: "\(view.name)",
                    description: "View of pipeline \(pipeline.name); SQL in generated/sql",
                    parameters: ["presto_view": "true", "comment": "Presto View"],
                    storageDescriptor: .init(
                        columns: view.columns.map { .init(name: "\($0.name)", type: "\($0.type.rawValue)") }),
                    tableType: "VIRTUAL_VIEW", viewExpandedText: "/* Presto View */",
                    viewOriginalText: "\(PrestoView.originalText(view, graph: graph))"),
                dependsOn: dependsOn)
            views[view.name] = handle
        }
    }
}

/// The encoding Athena uses for a view stored in the Glue catalog.
package enum PrestoView {
    /// `/* Presto View: <base64 of the view's JSON> */`.
    package static func originalText(_ view: View, graph: ViewGraph) -> String {
        let json: TerraformValue = [
            "originalSql": .string(graph.resolvedSQL(view)),
            "catalog": "awsdatacatalog",
            "schema": .string(graph.pipeline.catalog.database),
            "columns": .array(view.columns.map { ["name": .string($0.name), "type": .string(trinoType($0.type))] }),
        ]
        return "/* Presto View: \(Data(json.compact().utf8).base64EncodedString()) */"
    }

    /// The Trino type Athena records for a Glue column type.
    package static func trinoType(_ type: ColumnType) -> String {
        switch type {
        case .string: "varchar"
        case .int: "integer"
        case .bigint: "bigint"
        case .double: "double"
        case .boolean: "boolean"
        case .timestamp: "timestamp(3)"
        case .date: "date"
        }
    }
}
