import SluiceModel

/// Cross-account replication: the rule and role in the source account, the landing bucket in the analytics account.
enum ReplicationResources {
    /// The source side, in the production stack.
    static func addSource(
        _ context: PipelineContext, to builder: inout StackBuilder, rawBucket: StackBuilder.PrivateBucket
    ) {
        guard let replication = context.pipeline.replication else { return }
        let names = context.names
        let landingARN = ARN.bucket(names.landingBucket)
        let role = builder.role(
            "replication", .replication, name: names.replicationRole, service: "s3.amazonaws.com",
            description:
                "Lets S3 replicate \(context.pipeline.name) raw objects to the \(context.analytics.name) account",
            statements: [
                Statement(
                    sid: "ReadReplicationConfiguration",
                    actions: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
                    resources: ["\(rawBucket.arn)"]),
                Statement(
                    sid: "ReadSourceVersions",
                    actions: [
                        "s3:GetObjectVersionAcl", "s3:GetObjectVersionForReplication", "s3:GetObjectVersionTagging",
                    ],
                    resources: ["\(rawBucket.arn)/*"]),
                Statement(
                    sid: "WriteReplicas", actions: ["s3:ReplicateDelete", "s3:ReplicateObject", "s3:ReplicateTags"],
                    resources: ["\(landingARN)/*"]),
            ])
        typealias Rule = S3BucketReplicationConfiguration.Rule
        var destination = Rule.Destination(
            bucket: "\(landingARN)", account: "\(context.analytics.id)", storageClass: "STANDARD")
        if replication.timeControl {
            destination.replicationTime = .init(status: "Enabled", time: .init(minutes: 15))
            destination.metrics = .init(status: "Enabled", eventThreshold: .init(minutes: 15))
        } else if publishesMetrics(context) {
            // The replication-failures alarm reads OperationsFailedReplication, which S3 publishes only for a rule
            // with metrics on; without Replication Time Control they need no event threshold.
            destination.metrics = .init(status: "Enabled")
        }
        builder.add(
            "raw", .replication,
            S3BucketReplicationConfiguration(
                bucket: "\(rawBucket.id)", role: "\(role.arn)",
                rule: [
                    Rule(
                        destination: destination, status: "Enabled",
                        // A rule with a filter must say what happens to delete markers; the lake keeps its copy.
                        deleteMarkerReplication: .init(status: "Disabled"),
                        filter: .init(prefix: "\(names.rawKeyPrefix)"), id: "\(ruleID(context))",
                        priority: 1)
                ]),
            dependsOn: [rawBucket.versioning, role.policy])
    }

    /// Whether the replication rule publishes S3's replication metrics: with Replication Time Control, or for the
    /// replication-failures alarm. Without them S3 publishes none, so the dashboard graphs none either.
    static func publishesMetrics(_ context: PipelineContext) -> Bool {
        guard let replication = context.pipeline.replication else { return false }
        return replication.timeControl || context.pipeline.alerts.hasAlarms
    }

    /// The replication rule's id: the `RuleId` dimension of its metrics.
    static func ruleID(_ context: PipelineContext) -> String { "to-\(context.analytics.name)" }

    /// The landing bucket in the analytics stack, open to the source account's replication role only.
    static func addLanding(_ context: PipelineContext, to builder: inout StackBuilder) -> StackBuilder.PrivateBucket {
        let names = context.names
        let roleARN = ARN.role(names.replicationRole, accountID: context.source.id)
        let landingARN = ARN.bucket(names.landingBucket)
        // The principal is the source account, narrowed to the role by condition: the role lives in the other
        // stack, and S3 refuses a policy naming a role that does not exist yet.
        let fromRole: [(test: String, variable: String, values: [TerraformTemplate])] = [
            ("ArnEquals", "aws:PrincipalArn", ["\(roleARN)"])
        ]
        let principal = [(type: "AWS", identifiers: [ARN.accountRoot(context.source.id).description])]
        return builder.bucket(
            "landing", .replication, name: names.landingBucket, expireDays: context.pipeline.delivery.expireDays,
            extraStatements: [
                Statement(
                    sid: "ReceiveReplicas", actions: ["s3:ReplicateDelete", "s3:ReplicateObject", "s3:ReplicateTags"],
                    resources: ["\(landingARN)/*"], principals: principal, conditions: fromRole),
                Statement(
                    sid: "CheckDestinationVersioning",
                    actions: ["s3:GetBucketVersioning", "s3:ListBucket", "s3:PutBucketVersioning"],
                    resources: ["\(landingARN)"], principals: principal, conditions: fromRole),
            ])
    }
}

extension DiagramNodeID {
    /// The landing bucket replication copies the raw objects into.
    static let landing: Self = "landing"
}

/// The replication stage, for a pipeline processed in another account: the replication rule in the source account and
/// the landing bucket in the analytics account, where processing then starts.
extension ReplicationResources: PipelineStage {
    static var stage: Stage { .replication }

    static func applies(to context: PipelineContext) -> Bool { context.names.replicates }

    static func expand(_ context: PipelineContext, into stacks: inout PipelineStacks, state: inout ExpansionState) {
        addSource(context, to: &stacks.source, rawBucket: state.required(\.rawBucket, by: self))
        let landing = addLanding(context, to: &stacks.analytics)
        state.landing = ExpansionState.Landing(bucket: landing, node: .landing)
    }

    static func diagram(_ context: PipelineContext, state: ExpansionState) -> StageDiagram {
        StageDiagram(
            nodes: [
                DiagramNode(.landing, "S3 landing\n\(context.names.landingBucket)", shape: .store, in: .analytics)
            ],
            flows: [DiagramFlow(from: .raw, to: .landing, "replication")])
    }
}
