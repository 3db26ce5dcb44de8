import SluiceModel

/// The processor's image repository (in the account's images stack), function, role, log group and dead-letter queue.
enum ProcessorResources {
    /// The image repository, its lifecycle and the policy letting the function pull: the `<account>-images` stack.
    static func addRepository(_ context: PipelineContext, to builder: inout StackBuilder) {
        let processor = context.pipeline.processor
        let names = context.names
        let functionARN = ARN.function(names.function, in: context.analytics)
        let repository = builder.add(
            "processor", .processor,
            ECRRepository(
                name: "\(names.repository)", encryptionConfiguration: .init(encryptionType: "AES256"),
                forceDelete: false, imageScanningConfiguration: .init(scanOnPush: true),
                imageTagMutability: "IMMUTABLE"))
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
        builder.add(
            "processor", .processor,
            ECRLifecyclePolicy(policy: "\(lifecycle.compact())", repository: "\(repository.name)"))
        let pull = builder.policy(
            "processor_pull", .processor,
            [
                Statement(
                    sid: "LambdaPullsImage", actions: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                    principals: [("Service", ["lambda.amazonaws.com"])],
                    conditions: [("StringLike", "aws:sourceArn", ["\(functionARN)"])])
            ])
        builder.add(
            "processor", .processor, ECRRepositoryPolicy(policy: "\(pull.json)", repository: "\(repository.name)"))
        builder.stack.outputs.append(
            Output(
                name: builder.name("repository_url"), pipeline: context.pipeline.name,
                description: "Where CI pushes the \(processor.name) image", value: repository.repositoryURL))
    }

    static func add(
        _ context: PipelineContext, to builder: inout StackBuilder, landing: StackBuilder.PrivateBucket,
        lake: StackBuilder.PrivateBucket, query: QueryResources.Added
    ) -> LambdaFunction.Handle {
        let pipeline = context.pipeline
        let names = context.names
        let processor = pipeline.processor
        let logGroup = builder.add(
            "processor", .processor,
            CloudWatchLogGroup(name: "\(names.functionLogGroup)", retentionInDays: pipeline.source.retentionDays))
        let deadLetters = builder.add(
            "processor_dlq", .processor,
            SQSQueue(
                messageRetentionSeconds: 1_209_600, name: "\(names.processorDeadLetterQueue)",
                sqsManagedSSEEnabled: true))
        var statements = [
            Statement(
                sid: "ReadLanding", actions: ["s3:GetObject", "s3:GetObjectVersion"],
                resources: ["\(landing.arn)/\(names.rawKeyPrefix)*"]),
            Statement(
                sid: "WriteLake", actions: ["s3:AbortMultipartUpload", "s3:PutObject"],
                resources: ["\(lake.arn)/\(names.lakePrefix)*", "\(lake.arn)/\(names.quarantinePrefix)*"]),
            Statement(
                sid: "WriteLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
                resources: ["\(logGroup.arn):*"]),
            Statement(sid: "ParkFailedEvents", actions: ["sqs:SendMessage"], resources: ["\(deadLetters.arn)"]),
            // X-Ray takes no resource-level permissions: "*" is the only resource AWS accepts here.
            Statement(sid: "Trace", actions: ["xray:PutTelemetryRecords", "xray:PutTraceSegments"], resources: ["*"]),
        ]
        if let enrichment = processor.enrichment, let catalog = query.catalog {
            let results = query.resultsBucket.arn
            statements += [
                Statement(
                    sid: "QueryLookups",
                    actions: [
                        "athena:GetQueryExecution", "athena:GetQueryResults", "athena:StartQueryExecution",
                        "athena:StopQueryExecution",
                    ],
                    resources: ["\(query.workgroup.arn)"]),
                Statement(sid: "UseLookupCatalog", actions: ["athena:GetDataCatalog"], resources: ["\(catalog.arn)"]),
                Statement(
                    sid: "CallLookupConnector", actions: ["lambda:InvokeFunction"],
                    resources: ["\(enrichment.connector)"]),
                Statement(
                    sid: "ListQueryResults", actions: ["s3:GetBucketLocation", "s3:ListBucket"],
                    resources: ["\(results)"]),
                Statement(
                    sid: "ReadWriteQueryResults", actions: ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"],
                    resources: ["\(results)/*"]),
            ]
        }
        let role = builder.role(
            "processor", .processor, name: names.processorRole, service: "lambda.amazonaws.com",
            description: "Runs processor \(processor.name) of \(pipeline.name)", statements: statements)

        // CI passes the digest it just pushed.
        let image = names.imageVariable
        builder.stack.variables.append(
            Variable(
                name: image, pipeline: pipeline.name,
                description:
                    "Image of processor \(processor.name), pinned by digest: <repository url>@sha256:<digest>. "
                    + "The deploy workflow passes the digest it pushed.",
                validation: (
                    TerraformExpression("can(regex(\"^[^@]+@sha256:[0-9a-f]{64}$\", var.\(image)))"),
                    "The image must be pinned by digest (<repository url>@sha256:<64 hex digits>)."
                )))
        var environment = processor.environment
        environment["SLUICE_PIPELINE"] = pipeline.name
        let lambda = builder.add(
            "processor", .processor,
            LambdaFunction(
                functionName: "\(names.function)", role: "\(role.arn)",
                architectures: ["\(processor.architecture.rawValue)"],
                deadLetterConfig: .init(targetARN: "\(deadLetters.arn)"),
                description: "Sluice processor \(processor.name) of pipeline \(pipeline.name)",
                environment: .init(variables: environment.literalValues),
                imageURI: "\(TerraformExpression.variable(image))",
                loggingConfig: .init(logFormat: "JSON", logGroup: "\(logGroup.name)"),
                memorySize: processor.memoryMB, packageType: "Image",
                reservedConcurrentExecutions: processor.reservedConcurrency, timeout: processor.timeoutSeconds,
                tracingConfig: .init(mode: "Active")),
            dependsOn: [role.policy, logGroup])
        builder.add(
            "processor", .processor,
            LambdaFunctionEventInvokeConfig(
                functionName: "\(lambda.functionName)", maximumEventAgeInSeconds: 21600, maximumRetryAttempts: 2))
        builder.stack.outputs += [
            Output(
                name: builder.name("function_name"), pipeline: pipeline.name,
                description: "The \(processor.name) Lambda function", value: lambda.functionName)
        ]
        return lambda
    }
}

extension DiagramNodeID {
    /// The processor's Lambda function.
    static let processor: Self = "processor"
}

/// The processor stage: the image repository (in the images stack, applied before the image is pushed) and the
/// function, its role, log group and dead-letter queue.
extension ProcessorResources: PipelineStage {
    static var stage: Stage { .processor }

    static func expand(_ context: PipelineContext, into stacks: inout PipelineStacks, state: inout ExpansionState) {
        addRepository(context, to: &stacks.images)
        state.function = add(
            context, to: &stacks.analytics, landing: state.required(\.landing, by: self).bucket,
            lake: state.required(\.lakeBucket, by: self), query: state.required(\.query, by: self))
    }

    static func diagram(_ context: PipelineContext, state: ExpansionState) -> StageDiagram {
        let processor = context.pipeline.processor
        let label: DiagramText =
            "Lambda \(processor.name)\n\(processor.targetName), \(processor.architecture.rawValue)"
        var flows: [DiagramFlow] = []
        if processor.enrichment != nil {
            flows.append(DiagramFlow(from: .processor, to: .lookups, "lookups", style: .side))
        }
        flows.append(DiagramFlow(from: .processor, to: .lake, "rows and quarantine"))
        return StageDiagram(nodes: [DiagramNode(.processor, label, in: .analytics)], flows: flows)
    }
}
