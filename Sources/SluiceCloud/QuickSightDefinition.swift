import SluiceModel

/// The QuickSight side of a pipeline, built once and rendered twice: as Terraform resources and as the inputs
/// of QuickSight's API (CreateDataSource, CreateDataSet, CreateDashboard), whose shapes the Terraform blocks
/// follow key for key (in snake_case).
package struct QuickSightDefinition: Sendable {
    package let pipeline: Pipeline
    package let names: Names
    package let settings: QuickSightSettings

    package init?(project: Project, pipeline: Pipeline) {
        guard let names = Names(project: project, pipeline: pipeline), let settings = pipeline.quickSight else {
            return nil
        }
        self.pipeline = pipeline
        self.names = names
        self.settings = settings
    }

    var account: Account { names.analyticsAccount }

    package var accountID: String { account.id }
    package var dataSourceID: String { "\(names.base)-athena" }
    package func dataSetID(_ dataset: Dataset) -> String { "\(names.base)-\(dataset.name)" }
    package func dashboardID(_ dashboard: Dashboard) -> String { "\(names.base)-\(dashboard.name)" }

    private func arn(_ kind: String, _ id: String) -> String { ARN.quickSight(kind, id, in: account).description }
    package var dataSourceARN: String { arn("datasource", dataSourceID) }
    package func dataSetARN(_ dataset: Dataset) -> String { arn("dataset", dataSetID(dataset)) }
    package var groupARN: String { arn("group", "\(settings.namespace)/\(settings.group)") }

    // The group uses what Sluice deploys; changing it is Terraform's job, so no update or delete rights.
    package static let dataSourceActions = [
        "quicksight:DescribeDataSource", "quicksight:DescribeDataSourcePermissions", "quicksight:PassDataSource",
    ]
    package static let dataSetActions = [
        "quicksight:DescribeDataSet", "quicksight:DescribeDataSetPermissions", "quicksight:DescribeIngestion",
        "quicksight:ListIngestions", "quicksight:PassDataSet",
    ]
    package static let dashboardActions = [
        "quicksight:DescribeDashboard", "quicksight:ListDashboardVersions", "quicksight:QueryDashboard",
    ]

    /// The QuickSight import mode of a data set.
    package static func importMode(_ dataset: Dataset) -> String {
        dataset.importMode == .spice ? "SPICE" : "DIRECT_QUERY"
    }

    /// The QuickSight type of a column.
    package static func columnType(_ type: ColumnType) -> String {
        switch type {
        case .string: "STRING"
        case .int, .bigint: "INTEGER"
        case .double: "DECIMAL"
        case .boolean: "BOOLEAN"
        case .timestamp, .date: "DATETIME"
        }
    }

    package func view(of dataset: Dataset) -> View? { pipeline.views.first { $0.name == dataset.view } }

    /// The data set's one physical table: the view, through the Athena data source.
    package func relationalTable(_ dataset: Dataset, dataSourceARN: TerraformValue) -> TerraformValue {
        let columns = view(of: dataset)?.columns ?? []
        return [
            "data_source_arn": dataSourceARN,
            "catalog": "AwsDataCatalog",
            "schema": .string(pipeline.catalog.database),
            "name": .string(dataset.view),
            "input_columns": .array(
                columns.map { ["name": .string($0.name), "type": .string(Self.columnType($0.type))] }),
        ]
    }

    /// A dashboard's definition: one sheet with the declared visuals, in the Terraform block shapes.
    package func definition(_ dashboard: Dashboard, dataSetARN: TerraformValue) -> TerraformValue {
        let dataset = pipeline.datasets.first { $0.name == dashboard.dataset }
        let columns = dataset.flatMap(view(of:))?.columns ?? []
        let visuals = dashboard.visuals.enumerated().map { index, visual in
            self.visual(visual, id: "visual-\(index + 1)", dataset: dashboard.dataset, columns: columns)
        }
        return [
            "data_set_identifiers_declarations": [
                ["identifier": .string(dashboard.dataset), "data_set_arn": dataSetARN]
            ],
            "sheets": [["sheet_id": "main", "name": .string(dashboard.name), "visuals": .array(visuals)]],
        ]
    }

    private func visual(_ visual: Visual, id: String, dataset: String, columns: [Column]) -> TerraformValue {
        func type(_ name: String) -> ColumnType { columns.first { $0.name == name }?.type ?? .string }
        func column(_ name: String) -> TerraformValue {
            ["data_set_identifier": .string(dataset), "column_name": .string(name)]
        }
        let measure: TerraformValue
        let measureID = TerraformValue.string("\(id)-measure")
        switch (type(visual.measure).isNumeric, visual.aggregation) {
        case (true, _):
            let function: String
            switch visual.aggregation {
            case .count: function = "COUNT"
            case .countDistinct: function = "DISTINCT_COUNT"
            case .sum: function = "SUM"
            case .average: function = "AVERAGE"
            }
            measure = [
                "numerical_measure_field": [
                    "field_id": measureID, "column": column(visual.measure),
                    "aggregation_function": ["simple_numerical_aggregation": .string(function)],
                ]
            ]
        case (false, let aggregation):
            let field =
                type(visual.measure) == .date || type(visual.measure) == .timestamp
                ? "date_measure_field" : "categorical_measure_field"
            measure = [
                field: [
                    "field_id": measureID, "column": column(visual.measure),
                    "aggregation_function": .string(aggregation == .countDistinct ? "DISTINCT_COUNT" : "COUNT"),
                ]
            ]
        }
        var dimension: TerraformValue = .null
        if let name = visual.dimension {
            let dimensionID = TerraformValue.string("\(id)-dimension")
            switch type(name) {
            case .date, .timestamp:
                dimension = [
                    "date_dimension_field": [
                        "field_id": dimensionID, "column": column(name), "date_granularity": "DAY",
                    ]
                ]
            case .int, .bigint, .double:
                dimension = ["numerical_dimension_field": ["field_id": dimensionID, "column": column(name)]]
            case .string, .boolean:
                dimension = ["categorical_dimension_field": ["field_id": dimensionID, "column": column(name)]]
            }
        }
        let title: TerraformValue = ["visibility": "VISIBLE", "format_text": ["plain_text": .string(visual.title)]]
        switch visual.kind {
        case .kpi:
            return [
                "kpi_visual": [
                    "visual_id": .string(id), "title": title,
                    "chart_configuration": ["field_wells": ["values": [measure]]],
                ]
            ]
        case .bar:
            return [
                "bar_chart_visual": [
                    "visual_id": .string(id), "title": title,
                    "chart_configuration": [
                        "orientation": "VERTICAL",
                        "field_wells": [
                            "bar_chart_aggregated_field_wells": ["category": [dimension], "values": [measure]]
                        ],
                    ],
                ]
            ]
        case .line:
            return [
                "line_chart_visual": [
                    "visual_id": .string(id), "title": title,
                    "chart_configuration": [
                        "type": "LINE",
                        "field_wells": [
                            "line_chart_aggregated_field_wells": ["category": [dimension], "values": [measure]]
                        ],
                    ],
                ]
            ]
        case .table:
            return [
                "table_visual": [
                    "visual_id": .string(id), "title": title,
                    "chart_configuration": [
                        "field_wells": ["table_aggregated_field_wells": ["group_by": [dimension], "values": [measure]]]
                    ],
                ]
            ]
        }
    }
}
