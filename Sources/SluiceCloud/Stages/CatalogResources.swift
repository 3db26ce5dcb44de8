import SluiceModel

/// The lake bucket, the Glue database and table, and the crawler (or partition projection) that finds partitions.
enum CatalogResources {
    static func addLake(_ c: PipelineContext, to b: inout StackBuilder) -> Address {
        let lake = b.bucket("lake", .lake, name: c.names.lakeBucket, expireDays: nil)
        b.stack.outputs.append(
            Output(
                name: b.name("lake_bucket"), pipeline: c.pipeline.name, description: "The data lake bucket",
                value: lake.ref("bucket")))
        return lake
    }

    static func add(_ c: PipelineContext, to b: inout StackBuilder, lake: Address) {
        let database = b.add(
            "aws_glue_catalog_database", "catalog", .catalog,
            [
                "name": .string(c.pipeline.catalog.database),
                "description": .string("Tables of pipeline \(c.pipeline.name)"),
            ])
        let location = "s3://\(c.names.lakeBucket)/\(c.names.lakePrefix)"
        let storage = LakeStorage(format: c.table.format, compression: c.table.compression)
        var parameters = storage.parameters
        if case .projection(let projection) = c.pipeline.catalog.discovery {
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
        let table = b.add(
            "aws_glue_catalog_table", "output", .catalog,
            [
                "name": .string(c.table.name),
                "database_name": .expression(database.ref("name")),
                "description": .string("Rows written by processor \(c.pipeline.processor.name)"),
                "table_type": "EXTERNAL_TABLE",
                "parameters": .map(parameters),
                "partition_keys": .array(c.table.partitionKeys.map(column)),
                "storage_descriptor": [
                    "location": .string(location),
                    "input_format": .string(storage.inputFormat),
                    "output_format": .string(storage.outputFormat),
                    "compressed": .bool(storage.compressed),
                    "ser_de_info": [
                        "name": .string(storage.serDeName),
                        "serialization_library": .string(storage.serializationLibrary),
                    ],
                    "columns": .array(c.table.columns.map(column)),
                ],
            ])
        ViewResources.add(c, to: &b, database: database, table: table)
        guard case .crawler(let schedule) = c.pipeline.catalog.discovery else { return }
        let account = c.analytics
        let catalogARN = "arn:aws:glue:\(account.region):\(account.id):catalog"
        let databaseARN = "arn:aws:glue:\(account.region):\(account.id):database/\(c.pipeline.catalog.database)"
        let tableARN =
            "arn:aws:glue:\(account.region):\(account.id):table/\(c.pipeline.catalog.database)/\(c.table.name)"
        let security = b.add(
            "aws_glue_security_configuration", "crawler", .catalog,
            [
                "name": .string(c.names.crawler),
                "encryption_configuration": [
                    "cloudwatch_encryption": ["cloudwatch_encryption_mode": "DISABLED"],
                    "job_bookmarks_encryption": ["job_bookmarks_encryption_mode": "DISABLED"],
                    "s3_encryption": ["s3_encryption_mode": "SSE-S3"],
                ],
            ])
        let role = b.role(
            "crawler", .catalog, name: c.names.crawlerRole, service: "glue.amazonaws.com",
            description: "Lets the \(c.pipeline.name) crawler add partitions of \(c.table.name)",
            statements: [
                Statement(
                    sid: "UpdatePartitions",
                    actions: [
                        "glue:BatchCreatePartition", "glue:BatchGetPartition", "glue:BatchUpdatePartition",
                        "glue:CreatePartition", "glue:GetDatabase", "glue:GetPartition", "glue:GetPartitions",
                        "glue:GetTable", "glue:UpdatePartition", "glue:UpdateTable",
                    ],
                    resources: [catalogARN, databaseARN, tableARN].map(TerraformTemplate.init(literal:))),
                Statement(
                    sid: "ReadSecurityConfiguration", actions: ["glue:GetSecurityConfiguration"], resources: ["*"]),
                Statement(sid: "ListLake", actions: ["s3:ListBucket"], resources: [.init(lake.ref("arn"))]),
                Statement(
                    sid: "ReadLake", actions: ["s3:GetObject"], resources: ["\(lake.ref("arn"))/\(c.names.lakePrefix)*"]
                ),
                Statement(
                    sid: "WriteCrawlerLogs",
                    actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                    resources: [
                        "arn:aws:logs:\(account.region):\(account.id):log-group:/aws-glue/crawlers*"
                    ]),
            ])
        // InheritFromTable: each partition the crawler adds copies the table's storage descriptor (SerDe, formats,
        // columns), so new partitions read as the table declares in either format, never as the crawler's own
        // classifier guessed. With the LOG/LOG schema change policy below, the crawler changes no table either.
        let configuration: TerraformValue = [
            "Version": .number("1.0"),
            "CrawlerOutput": ["Partitions": ["AddOrUpdateBehavior": "InheritFromTable"]],
        ]
        b.add(
            "aws_glue_crawler", "catalog", .catalog,
            [
                "name": .string(c.names.crawler),
                "description": .string("Adds new partitions of \(c.table.name); the schema is owned by Terraform"),
                "database_name": .expression(database.ref("name")),
                "role": .expression(role.ref("arn")),
                "schedule": .string(schedule.cron),
                "security_configuration": .expression(security.ref("name")),
                "catalog_target": [
                    ["database_name": .expression(database.ref("name")), "tables": [.expression(table.ref("name"))]]
                ],
                // The declared schema is the truth: the crawler logs what it would change instead of changing it.
                "schema_change_policy": ["update_behavior": "LOG", "delete_behavior": "LOG"],
                "configuration": .string(configuration.compact()),
                "depends_on": .strings([Address("aws_iam_role_policy", b.name("crawler")).description]),
            ])
    }

    private static func column(_ column: Column) -> TerraformValue {
        var json: TerraformValue = ["name": .string(column.name), "type": .string(column.type.rawValue)]
        if !column.comment.isEmpty, case .object(var members) = json {
            members["comment"] = .string(column.comment)
            json = .object(members)
        }
        return json
    }
}
