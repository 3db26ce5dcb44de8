import SluiceModel

/// Collects one pipeline's resources for one account, naming them `<pipeline>_<role>` so pipelines sharing a
/// stack never clash. The graph merges them into the account's stack afterwards.
struct StackBuilder {
    /// This pipeline's part of the stack.
    var stack: Stack
    let pipeline: String
    let tags: [String: String]
    private let prefix: String

    init(account: Account, pipeline: String, stackName: String? = nil) {
        self.stack = Stack(account: account, name: stackName)
        self.pipeline = pipeline
        self.prefix = pipeline.replacingOccurrences(of: "-", with: "_")
        self.tags = ["sluice:pipeline": pipeline]
    }

    var account: Account { stack.account }

    /// The Terraform name for a role within this pipeline.
    func name(_ role: String) -> String { "\(prefix)_\(role)" }

    /// Adds a resource; taggable types get the pipeline tag on top of the provider's default tags.
    @discardableResult
    mutating func add(_ type: String, _ role: String, _ stage: Stage, _ arguments: [String: TerraformValue]) -> Address
    {
        let address = Address(type, name(role))
        var arguments = arguments
        if Self.taggable.contains(type) { arguments["tags"] = .map(tags) }
        stack.resources.append(Resource(address, stage: stage, pipeline: pipeline, arguments: arguments))
        return address
    }

    /// Adds an `aws_iam_policy_document` data source and returns it.
    @discardableResult
    mutating func policy(_ role: String, _ stage: Stage, _ statements: [Statement]) -> Address {
        let address = Address("aws_iam_policy_document", name(role), isData: true)
        stack.resources.append(
            Resource(
                address, stage: stage, pipeline: pipeline, arguments: ["statement": .array(statements.map(\.json))]))
        return address
    }

    /// A role a service assumes, with one inline policy; returns the role.
    @discardableResult
    mutating func role(
        _ role: String, _ stage: Stage, name: String, service: String, description: String, statements: [Statement]
    ) -> Address {
        let trust = policy("\(role)_trust", stage, [.trust(service, account: account)])
        let roleAddress = add(
            "aws_iam_role", role, stage,
            [
                "name": .string(name), "description": .string(description),
                "assume_role_policy": .expression(trust.ref("json")),
            ]
        )
        let document = policy("\(role)_permissions", stage, statements)
        add(
            "aws_iam_role_policy", role, stage,
            [
                "name": .string(name), "role": .expression(roleAddress.ref("id")),
                "policy": .expression(document.ref("json")),
            ])
        return roleAddress
    }

    /// A private bucket with versioning, SSE-S3 encryption, owner-enforced objects, TLS-only access and lifecycle rules.
    /// - Parameters:
    ///   - expireDays: days before current objects expire; nil keeps them (the lake).
    ///   - extraStatements: more bucket policy statements (replication from another account).
    @discardableResult
    mutating func bucket(
        _ role: String, _ stage: Stage, name: String, expireDays: Int?, extraStatements: [Statement] = []
    ) -> Address {
        let bucket = add("aws_s3_bucket", role, stage, ["bucket": .string(name), "force_destroy": false])
        let id = TerraformValue.expression(bucket.ref("id"))
        add("aws_s3_bucket_versioning", role, stage, ["bucket": id, "versioning_configuration": ["status": "Enabled"]])
        // SSE-S3 rather than KMS: it replicates across accounts without key policies on both sides.
        add(
            "aws_s3_bucket_server_side_encryption_configuration", role, stage,
            ["bucket": id, "rule": ["apply_server_side_encryption_by_default": ["sse_algorithm": "AES256"]]])
        add(
            "aws_s3_bucket_public_access_block", role, stage,
            [
                "bucket": id, "block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true,
                "restrict_public_buckets": true,
            ])
        add(
            "aws_s3_bucket_ownership_controls", role, stage,
            ["bucket": id, "rule": ["object_ownership": "BucketOwnerEnforced"]])
        var rules: [TerraformValue] = [
            [
                "id": "abort-incomplete-uploads", "status": "Enabled", "filter": [:],
                "abort_incomplete_multipart_upload": ["days_after_initiation": 7],
            ],
            [
                "id": "expire-noncurrent-versions", "status": "Enabled", "filter": [:],
                "noncurrent_version_expiration": ["noncurrent_days": 30],
            ],
        ]
        if let expireDays {
            rules.append([
                "id": "expire-objects", "status": "Enabled", "filter": [:], "expiration": ["days": .int(expireDays)],
            ])
        }
        add("aws_s3_bucket_lifecycle_configuration", role, stage, ["bucket": id, "rule": .array(rules)])
        let document = policy(
            "\(role)_bucket", stage, extraStatements + [.denyInsecureTransport(bucketARN: bucket.ref("arn"))])
        add(
            "aws_s3_bucket_policy", role, stage,
            [
                "bucket": id, "policy": .expression(document.ref("json")),
                "depends_on": .strings([Address("aws_s3_bucket_public_access_block", self.name(role)).description]),
            ])
        return bucket
    }

    /// AWS resource types in this graph that accept `tags`.
    static let taggable: Set<String> = [
        "aws_s3_bucket", "aws_iam_role", "aws_cloudwatch_log_group", "aws_kinesis_firehose_delivery_stream",
        "aws_sqs_queue", "aws_cloudwatch_event_rule", "aws_ecr_repository", "aws_lambda_function",
        "aws_glue_catalog_database", "aws_glue_crawler", "aws_athena_workgroup", "aws_athena_data_catalog",
        "aws_quicksight_data_source", "aws_quicksight_data_set", "aws_quicksight_dashboard",
    ]
}

/// ARN shapes built from names, for resources in another stack (which Terraform cannot reference directly).
enum ARN {
    static func bucket(_ name: String) -> String { "arn:aws:s3:::\(name)" }
    static func role(_ name: String, account: String) -> String { "arn:aws:iam::\(account):role/\(name)" }
    static func logGroup(_ name: String, _ account: Account) -> String {
        "arn:aws:logs:\(account.region):\(account.id):log-group:\(name)"
    }
}
