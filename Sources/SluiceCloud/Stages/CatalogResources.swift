import SluiceModel

/// The lake bucket, the Glue database and table, and the crawler (or partition projection) that finds partitions.
enum CatalogResources {
    static func addLake(_ context: PipelineContext, to builder: inout StackBuilder) -> StackBuilder.PrivateBucket {
        let lake = builder.bucket("lake", .lake, name: context.names.lakeBucket, expireDays: nil)
        builder.stack.outputs.append(
            Output(
                name: builder.name("lake_bucket"), pipeline: context.pipeline.name, description: "The data lake bucket",
                value: lake.bucket.bucket))
        return lake
    }

    static func add(_ context: PipelineContext, to builder: inout StackBuilder, lake: StackBuilder.PrivateBucket) {
        let pipeline = context.pipeline
        let names = context.names
        let table = context.table
        let database = builder.add(
            "catalog", .catalog,
            GlueCatalogDatabase(
                name: "\(pipeline.catalog.database)", description: "Tables of pipeline \(pipeline.name)"))
        let location = "s3://\(names.lakeBucket)/\(names.lakePrefix)"
        let storage = LakeStorage(format: table.format, compression: table.compression)
        var parameters = storage.parameters
        if case .projection(let projection) = pipeline.catalog.discovery {
            let key = projection.key
            parameters["projection.enabled"] = "true"
            parameters["projection.\(key).type"] = "date"
            parameters["projection.\(key).format"] = "yyyy-MM-dd"
            parameters["projection.\(key).range"] = "\(projection.since),NOW"
            parameters["projection.\(key).interval"] = "1"
            parameters["projection.\(key).interval.unit"] = "DAYS"
            // Athena's own placeholder: literal text, which the Terraform rendering escapes like any other.
            parameters["storage.location.template"] = "\(location)\(key)=${\(key)}/"
        }
        let tableHandle = builder.add(
            "output", .catalog,
            GlueCatalogTable(
                databaseName: "\(database.name)", name: "\(table.name)",
                description: "Rows written by processor \(pipeline.processor.name)",
                parameters: parameters.literalValues,
                partitionKeys: table.partitionKeys.map {
                    GlueCatalogTable.PartitionKeys(
                        name: "\($0.name)", comment: comment($0), type: "\($0.type.rawValue)")
                },
                storageDescriptor: .init(
                    columns: table.columns.map {
                        .init(name: "\($0.name)", comment: comment($0), type: "\($0.type.rawValue)")
                    },
                    compressed: storage.compressed, inputFormat: "\(storage.inputFormat)", location: "\(location)",
                    outputFormat: "\(storage.outputFormat)",
                    serDeInfo: .init(
                        name: "\(storage.serDeName)", serializationLibrary: "\(storage.serializationLibrary)")),
                tableType: "EXTERNAL_TABLE"))
        ViewResources.add(context, to: &builder, database: database, table: tableHandle)
        guard case .crawler(let schedule) = pipeline.catalog.discovery else { return }
        let account = context.analytics
        let catalogDatabase = pipeline.catalog.database
        let security = builder.add(
            "crawler", .catalog,
            GlueSecurityConfiguration(
                encryptionConfiguration: .init(
                    cloudwatchEncryption: .init(cloudwatchEncryptionMode: "DISABLED"),
                    jobBookmarksEncryption: .init(jobBookmarksEncryptionMode: "DISABLED"),
                    s3Encryption: .init(s3EncryptionMode: "SSE-S3")),
                name: "\(names.crawler)"))
        let role = builder.role(
            "crawler", .catalog, name: names.crawlerRole, service: "glue.amazonaws.com",
            description: "Lets the \(pipeline.name) crawler add partitions of \(table.name)",
            statements: [
                Statement(
                    sid: "UpdatePartitions",
                    actions: [
                        "glue:BatchCreatePartition", "glue:BatchGetPartition", "glue:BatchUpdatePartition",
                        "glue:CreatePartition", "glue:GetDatabase", "glue:GetPartition", "glue:GetPartitions",
                        "glue:GetTable", "glue:UpdatePartition", "glue:UpdateTable",
                    ],
                    resources: [
                        "\(ARN.glue("catalog", in: account))",
                        "\(ARN.glue("database/\(catalogDatabase)", in: account))",
                        "\(ARN.glue("table/\(catalogDatabase)/\(table.name)", in: account))",
                    ]),
                Statement(
                    sid: "ReadSecurityConfiguration", actions: ["glue:GetSecurityConfiguration"], resources: ["*"]),
                Statement(sid: "ListLake", actions: ["s3:ListBucket"], resources: ["\(lake.arn)"]),
                Statement(sid: "ReadLake", actions: ["s3:GetObject"], resources: ["\(lake.arn)/\(names.lakePrefix)*"]),
                Statement(
                    sid: "WriteCrawlerLogs",
                    actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                    resources: ["\(ARN.logGroup("/aws-glue/crawlers*", in: account))"]),
            ])
        // InheritFromTable: each partition the crawler adds copies the table's storage descriptor (SerDe, formats,
        // columns), so new partitions read as the table declares in either format, never as the crawler's own
        // classifier guessed. With the LOG/LOG schema change policy below, the crawler changes no table either.
        let configuration: TerraformValue = [
            "Version": .number("1.0"),
            "CrawlerOutput": ["Partitions": ["AddOrUpdateBehavior": "InheritFromTable"]],
        ]
        builder.add(
            "catalog", .catalog,
            GlueCrawler(
                databaseName: "\(database.name)", name: "\(names.crawler)", role: "\(role.arn)",
                catalogTarget: [.init(databaseName: "\(database.name)", tables: ["\(tableHandle.name)"])],
                configuration: "\(configuration.compact())",
                description: "Adds new partitions of \(table.name); the schema is owned by Terraform",
                schedule: "\(schedule.cron)",
                // The declared schema is the truth: the crawler logs what it would change instead of changing it.
                schemaChangePolicy: .init(deleteBehavior: "LOG", updateBehavior: "LOG"),
                securityConfiguration: "\(security.name)"),
            dependsOn: [role.policy])
    }

    /// A column's comment, when it has one (Glue keeps no empty comment).
    private static func comment(_ column: Column) -> TerraformTemplate? {
        column.comment.isEmpty ? nil : "\(column.comment)"
    }
}

extension DiagramNodeID {
    /// The Glue table of the processor's output.
    static let table: Self = "table"
    /// The Glue crawler that adds partitions.
    static let crawler: Self = "crawler"
    /// Partition projection, which finds partitions without a crawler.
    static let projection: Self = "projection"
}

/// The catalog stage: the Glue database and table over the lake, its views, and the crawler or partition projection
/// that finds new partitions.
extension CatalogResources: PipelineStage {
    static var stage: Stage { .catalog }

    static func expand(_ context: PipelineContext, into stacks: inout PipelineStacks, state: inout ExpansionState) {
        add(context, to: &stacks.analytics, lake: state.required(\.lakeBucket, by: self))
    }

    static func diagram(_ context: PipelineContext, state: ExpansionState) -> StageDiagram {
        let table = DiagramNode(
            .table, "Glue table\n\(context.pipeline.catalog.database).\(context.table.name)", in: .analytics)
        let discovery: DiagramNode
        switch context.pipeline.catalog.discovery {
        case .crawler(let schedule):
            discovery = DiagramNode(.crawler, "Glue crawler\n\(schedule.written)", in: .analytics)
        case .projection(let projection):
            discovery = DiagramNode(
                .projection, "Partition projection\n\(projection.key) since \(projection.since)", in: .analytics)
        }
        return StageDiagram(
            nodes: [table, discovery],
            flows: [
                DiagramFlow(from: discovery.id, to: .table, "partitions"),
                DiagramFlow(from: .lake, to: .table, style: .association),
            ])
    }
}
