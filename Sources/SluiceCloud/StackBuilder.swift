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

    /// Adds a typed resource or data source and returns its handle, whose attributes reference it. Taggable kinds
    /// (the resource kinds table) get the pipeline tag on top of the provider's default tags.
    @discardableResult
    mutating func add<Kind: TerraformResourceType>(
        _ role: String, _ stage: Stage, _ resource: Kind, dependsOn: [any TerraformHandle] = []
    ) -> Kind.Handle {
        let address = Address(Kind.terraformType, name(role), isData: Kind.isData)
        var arguments = resource.terraformArguments
        if ResourceKind.of(Kind.terraformType)?.taggable == true { arguments["tags"] = .map(tags) }
        stack.resources.append(
            Resource(
                address, stage: stage, pipeline: pipeline, arguments: arguments, dependsOn: dependsOn.map(\.address)))
        return Kind.Handle(address: address)
    }

    /// The handle a resource added under this role has: for a reference the graph cannot order (views on a cycle,
    /// which validation refuses before anything is generated).
    func handle<Kind: TerraformResourceType>(_ kind: Kind.Type, _ role: String) -> Kind.Handle {
        Kind.Handle(address: Address(Kind.terraformType, name(role), isData: Kind.isData))
    }

    /// Adds an `aws_iam_policy_document` data source and returns it.
    @discardableResult
    mutating func policy(_ role: String, _ stage: Stage, _ statements: [Statement]) -> DataIAMPolicyDocument.Handle {
        add(role, stage, DataIAMPolicyDocument(statement: statements.map(\.block)))
    }

    /// A role a service assumes and its one inline policy.
    struct ServiceRole {
        let role: IAMRole.Handle
        /// The inline policy: what a resource that acts through the role waits for.
        let policy: IAMRolePolicy.Handle

        var arn: TerraformExpression { role.arn }
    }

    /// A role a service assumes, with one inline policy.
    @discardableResult
    mutating func role(
        _ role: String, _ stage: Stage, name: String, service: String, description: String, statements: [Statement]
    ) -> ServiceRole {
        let trust = policy("\(role)_trust", stage, [.trust(service, account: account)])
        let roleHandle = add(
            role, stage,
            IAMRole(assumeRolePolicy: "\(trust.json)", description: "\(description)", name: "\(name)"))
        let document = policy("\(role)_permissions", stage, statements)
        let inline = add(
            role, stage, IAMRolePolicy(policy: "\(document.json)", role: "\(roleHandle.id)", name: "\(name)"))
        return ServiceRole(role: roleHandle, policy: inline)
    }

    /// A private bucket and the resources that keep it so.
    struct PrivateBucket {
        let bucket: S3Bucket.Handle
        let versioning: S3BucketVersioning.Handle

        var arn: TerraformExpression { bucket.arn }
        var id: TerraformExpression { bucket.id }
    }

    /// A private bucket with versioning, SSE-S3 encryption, owner-enforced objects, TLS-only access and lifecycle rules.
    /// - Parameters:
    ///   - expireDays: days before current objects expire; nil keeps them (the lake).
    ///   - extraStatements: more bucket policy statements (replication from another account).
    @discardableResult
    mutating func bucket(
        _ role: String, _ stage: Stage, name: String, expireDays: Int?, extraStatements: [Statement] = []
    ) -> PrivateBucket {
        let bucket = add(role, stage, S3Bucket(bucket: "\(name)", forceDestroy: false))
        let id: TerraformTemplate = "\(bucket.id)"
        let versioning = add(
            role, stage, S3BucketVersioning(bucket: id, versioningConfiguration: .init(status: "Enabled")))
        // SSE-S3 rather than KMS: it replicates across accounts without key policies on both sides.
        add(
            role, stage,
            S3BucketServerSideEncryptionConfiguration(
                bucket: id, rule: .init(applyServerSideEncryptionByDefault: .init(sseAlgorithm: "AES256"))))
        let publicAccessBlock = add(
            role, stage,
            S3BucketPublicAccessBlock(
                bucket: id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true,
                restrictPublicBuckets: true))
        add(role, stage, S3BucketOwnershipControls(bucket: id, rule: .init(objectOwnership: "BucketOwnerEnforced")))
        typealias Rule = S3BucketLifecycleConfiguration.Rule
        var rules = [
            Rule(
                id: "abort-incomplete-uploads", status: "Enabled",
                abortIncompleteMultipartUpload: .init(daysAfterInitiation: 7), filter: .init()),
            Rule(
                id: "expire-noncurrent-versions", status: "Enabled", filter: .init(),
                noncurrentVersionExpiration: .init(noncurrentDays: 30)),
        ]
        if let expireDays {
            rules.append(
                Rule(id: "expire-objects", status: "Enabled", expiration: .init(days: expireDays), filter: .init()))
        }
        add(role, stage, S3BucketLifecycleConfiguration(bucket: id, rule: rules))
        let document = policy(
            "\(role)_bucket", stage, extraStatements + [.denyInsecureTransport(bucketARN: bucket.arn)])
        add(
            role, stage, S3BucketPolicy(bucket: id, policy: "\(document.json)"), dependsOn: [publicAccessBlock])
        return PrivateBucket(bucket: bucket, versioning: versioning)
    }
}
