import Foundation
import SluiceModel

/// Athena views as Glue `VIRTUAL_VIEW` tables, deployed by the same apply as everything else.
enum ViewResources {
    static func add(_ c: PipelineContext, to b: inout StackBuilder, database: Address, table: Address) {
        let graph = ViewGraph(pipeline: c.pipeline)
        for view in graph.ordered() {
            let dependsOn =
                [table.description]
                + (graph.dependencies[view.name] ?? []).filter { $0 != c.table.name }.sorted().map {
                    Address("aws_glue_catalog_table", b.name("view_\($0)")).description
                }
            b.add(
                "aws_glue_catalog_table", "view_\(view.name)", .views,
                [
                    "name": .string(view.name),
                    "database_name": .expression(database.ref("name")),
                    "description": .string("View of pipeline \(c.pipeline.name); SQL in generated/sql"),
                    "table_type": "VIRTUAL_VIEW",
                    "parameters": ["presto_view": "true", "comment": "Presto View"],
                    "view_original_text": .string(PrestoView.originalText(view, graph: graph)),
                    "view_expanded_text": "/* Presto View */",
                    "storage_descriptor": [
                        "columns": .array(
                            view.columns.map { ["name": .string($0.name), "type": .string($0.type.rawValue)] })
                    ],
                    "depends_on": .strings(dependsOn),
                ])
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
