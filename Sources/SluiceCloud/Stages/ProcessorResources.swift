import SluiceModel

/// The processor's image repository (in the account's images stack), function, role, log group and dead-letter queue.
enum ProcessorResources {
    /// The image repository, its lifecycle and the policy letting the function pull: the `<account>-images` stack.
    static func addRepository(_ c: PipelineContext, to b: inout StackBuilder) {
        let processor = c.pipeline.processor
        let functionARN = "arn:aws:lambda:\(c.analytics.region):\(c.analytics.id):function:\(c.names.function)"
        let repository = b.add(
            "aws_ecr_repository", "processor", .processor,
            [
                "name": .string(c.names.repository),
                "image_tag_mutability": "IMMUTABLE",
                "force_delete": false,
                "image_scanning_configuration": ["scan_on_push": true],
                "encryption_configuration": ["encryption_type": "AES256"],
            ])
        let lifecycle: TerraformValue = [
            "rules": [
                [
                    "rulePriority": 1, "description": "Expire untagged images after 7 days",
                    "selection": [
                        "tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7,
                    ],
                    "action": ["type": "expire"],
                ],
                [
                    "rulePriority": 2, "description": "Keep the 30 most recent images",
                    "selection": ["tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 30],
                    "action": ["type": "expire"],
                ],
            ]
        ]
        b.add(
            "aws_ecr_lifecycle_policy", "processor", .processor,
            ["repository": .expression(repository.ref("name")), "policy": .string(lifecycle.compact())])
        let pull = b.policy(
            "processor_pull", .processor,
            [
                Statement(
                    sid: "LambdaPullsImage", actions: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                    principals: [("Service", ["lambda.amazonaws.com"])],
                    conditions: [("StringLike", "aws:sourceArn", [.init(literal: functionARN)])])
            ])
        b.add(
            "aws_ecr_repository_policy", "processor", .processor,
            ["repository": .expression(repository.ref("name")), "policy": .expression(pull.ref("json"))])
        b.stack.outputs.append(
            Output(
                name: b.name("repository_url"), pipeline: c.pipeline.name,
                description: "Where CI pushes the \(processor.name) image", value: repository.ref("repository_url")))
    }

    static func add(
        _ c: PipelineContext, to b: inout StackBuilder, landing: Address, lake: Address, query: QueryResources.Added
    ) -> Address {
        let processor = c.pipeline.processor
        let logGroup = b.add(
            "aws_cloudwatch_log_group", "processor", .processor,
            ["name": .string(c.names.functionLogGroup), "retention_in_days": .int(c.pipeline.source.retentionDays)])
        let deadLetters = b.add(
            "aws_sqs_queue", "processor_dlq", .processor,
            [
                "name": .string("\(c.names.base)-processor-dlq"),
                "message_retention_seconds": 1_209_600,
                "sqs_managed_sse_enabled": true,
            ])
        let lakeARN = lake.ref("arn")
        var statements = [
            Statement(
                sid: "ReadLanding", actions: ["s3:GetObject", "s3:GetObjectVersion"],
                resources: ["\(landing.ref("arn"))/\(c.names.rawKeyPrefix)*"]),
            Statement(
                sid: "WriteLake", actions: ["s3:AbortMultipartUpload", "s3:PutObject"],
                resources: ["\(lakeARN)/\(c.names.lakePrefix)*", "\(lakeARN)/\(c.names.quarantinePrefix)*"]),
            Statement(
                sid: "WriteLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
                resources: ["\(logGroup.ref("arn")):*"]),
            Statement(
                sid: "ParkFailedEvents", actions: ["sqs:SendMessage"], resources: [.init(deadLetters.ref("arn"))]),
            // X-Ray takes no resource-level permissions: "*" is the only resource AWS accepts here.
            Statement(sid: "Trace", actions: ["xray:PutTelemetryRecords", "xray:PutTraceSegments"], resources: ["*"]),
        ]
        if let enrichment = processor.enrichment, let catalog = query.catalog {
            let results = query.resultsBucket.ref("arn")
            statements += [
                Statement(
                    sid: "QueryLookups",
                    actions: [
                        "athena:GetQueryExecution", "athena:GetQueryResults", "athena:StartQueryExecution",
                        "athena:StopQueryExecution",
                    ],
                    resources: [.init(query.workgroup.ref("arn"))]),
                Statement(
                    sid: "UseLookupCatalog", actions: ["athena:GetDataCatalog"],
                    resources: [.init(catalog.ref("arn"))]),
                Statement(
                    sid: "CallLookupConnector", actions: ["lambda:InvokeFunction"],
                    resources: [.init(literal: enrichment.connector)]),
                Statement(
                    sid: "ListQueryResults", actions: ["s3:GetBucketLocation", "s3:ListBucket"],
                    resources: [.init(results)]),
                Statement(
                    sid: "ReadWriteQueryResults", actions: ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"],
                    resources: ["\(results)/*"]),
            ]
        }
        let role = b.role(
            "processor", .processor, name: c.names.processorRole, service: "lambda.amazonaws.com",
            description: "Runs processor \(processor.name) of \(c.pipeline.name)", statements: statements)

        // CI passes the digest it just pushed.
        let image = c.names.imageVariable
        b.stack.variables.append(
            Variable(
                name: image, pipeline: c.pipeline.name,
                description:
                    "Image of processor \(processor.name), pinned by digest: <repository url>@sha256:<digest>. "
                    + "The deploy workflow passes the digest it pushed.",
                validation: (
                    TerraformExpression("can(regex(\"^[^@]+@sha256:[0-9a-f]{64}$\", var.\(image)))"),
                    "The image must be pinned by digest (<repository url>@sha256:<64 hex digits>)."
                )))
        var environment = processor.environment
        environment["SLUICE_PIPELINE"] = c.pipeline.name
        var function: [String: TerraformValue] = [
            "function_name": .string(c.names.function),
            "description": .string("Sluice processor \(processor.name) of pipeline \(c.pipeline.name)"),
            "role": .expression(role.ref("arn")),
            "package_type": "Image",
            "image_uri": .expression(.variable(image)),
            "architectures": .strings([processor.architecture.rawValue]),
            "memory_size": .int(processor.memoryMB),
            "timeout": .int(processor.timeoutSeconds),
            "environment": ["variables": .map(environment)],
            "logging_config": ["log_format": "JSON", "log_group": .expression(logGroup.ref("name"))],
            "tracing_config": ["mode": "Active"],
            "dead_letter_config": ["target_arn": .expression(deadLetters.ref("arn"))],
            "depends_on": .strings([
                Address("aws_iam_role_policy", b.name("processor")).description, logGroup.description,
            ]),
        ]
        if let reserved = processor.reservedConcurrency { function["reserved_concurrent_executions"] = .int(reserved) }
        let lambda = b.add("aws_lambda_function", "processor", .processor, function)
        b.add(
            "aws_lambda_function_event_invoke_config", "processor", .processor,
            [
                "function_name": .expression(lambda.ref("function_name")),
                "maximum_retry_attempts": 2,
                "maximum_event_age_in_seconds": 21600,
            ])
        b.stack.outputs += [
            Output(
                name: b.name("function_name"), pipeline: c.pipeline.name,
                description: "The \(processor.name) Lambda function", value: lambda.ref("function_name"))
        ]
        return lambda
    }
}
