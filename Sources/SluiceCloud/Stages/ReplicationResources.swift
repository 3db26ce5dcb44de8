import SluiceModel

/// Cross-account replication: the rule and role in the source account, the landing bucket in the analytics account.
enum ReplicationResources {
    /// The source side, in the production stack.
    static func addSource(_ c: PipelineContext, to b: inout StackBuilder, rawBucket: Address) {
        guard let replication = c.pipeline.replication else { return }
        let landingARN = ARN.bucket(c.names.landingBucket)
        let role = b.role(
            "replication", .replication, name: c.names.replicationRole, service: "s3.amazonaws.com",
            description: "Lets S3 replicate \(c.pipeline.name) raw objects to the \(c.analytics.name) account",
            statements: [
                Statement(
                    sid: "ReadReplicationConfiguration",
                    actions: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
                    resources: [.init(rawBucket.ref("arn"))]),
                Statement(
                    sid: "ReadSourceVersions",
                    actions: [
                        "s3:GetObjectVersionAcl", "s3:GetObjectVersionForReplication", "s3:GetObjectVersionTagging",
                    ],
                    resources: ["\(rawBucket.ref("arn"))/*"]),
                Statement(
                    sid: "WriteReplicas", actions: ["s3:ReplicateDelete", "s3:ReplicateObject", "s3:ReplicateTags"],
                    resources: ["\(landingARN)/*"]),
            ])
        var destination: [String: TerraformValue] = [
            "bucket": .string(landingARN),
            "account": .string(c.analytics.id),
            "storage_class": "STANDARD",
        ]
        if replication.timeControl {
            destination["replication_time"] = ["status": "Enabled", "time": ["minutes": 15]]
            destination["metrics"] = ["status": "Enabled", "event_threshold": ["minutes": 15]]
        }
        b.add(
            "aws_s3_bucket_replication_configuration", "raw", .replication,
            [
                "role": .expression(role.ref("arn")),
                "bucket": .expression(rawBucket.ref("id")),
                "rule": [
                    [
                        "id": .string("to-\(c.analytics.name)"),
                        "status": "Enabled",
                        "priority": 1,
                        "filter": ["prefix": .string(c.names.rawKeyPrefix)],
                        // A rule with a filter must say what happens to delete markers; the lake keeps its copy.
                        "delete_marker_replication": ["status": "Disabled"],
                        "destination": .object(destination),
                    ]
                ],
                "depends_on": .strings([
                    Address("aws_s3_bucket_versioning", b.name("raw")).description,
                    Address("aws_iam_role_policy", b.name("replication")).description,
                ]),
            ])
    }

    /// The landing bucket in the analytics stack, open to the source account's replication role only.
    static func addLanding(_ c: PipelineContext, to b: inout StackBuilder) -> Address {
        let roleARN = ARN.role(c.names.replicationRole, account: c.source.id)
        let landingARN = ARN.bucket(c.names.landingBucket)
        // The principal is the source account, narrowed to the role by condition: the role lives in the other
        // stack, and S3 refuses a policy naming a role that does not exist yet.
        let fromRole: [(test: String, variable: String, values: [TerraformTemplate])] = [
            ("ArnEquals", "aws:PrincipalArn", [.init(literal: roleARN)])
        ]
        let principal = [(type: "AWS", identifiers: ["arn:aws:iam::\(c.source.id):root"])]
        return b.bucket(
            "landing", .replication, name: c.names.landingBucket, expireDays: c.pipeline.delivery.expireDays,
            extraStatements: [
                Statement(
                    sid: "ReceiveReplicas", actions: ["s3:ReplicateDelete", "s3:ReplicateObject", "s3:ReplicateTags"],
                    resources: ["\(landingARN)/*"], principals: principal, conditions: fromRole),
                Statement(
                    sid: "CheckDestinationVersioning",
                    actions: ["s3:GetBucketVersioning", "s3:ListBucket", "s3:PutBucketVersioning"],
                    resources: [.init(literal: landingARN)], principals: principal, conditions: fromRole),
            ])
    }
}
