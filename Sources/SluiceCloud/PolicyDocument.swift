import SluiceModel

/// An IAM policy statement, rendered as an `aws_iam_policy_document` data source so that checkers and reviewers
/// read structured policies rather than JSON strings.
package struct Statement: Sendable {
    package var sid: String
    package var effect: String
    package var actions: [String]
    /// Resource ARNs: literal text, or Sluice's references to resources of the stack.
    package var resources: [TerraformTemplate]
    /// Principal type (`Service`, `AWS`) and identifiers.
    package var principals: [(type: String, identifiers: [String])]
    /// Condition test, variable and values.
    package var conditions: [(test: String, variable: String, values: [TerraformTemplate])]

    package init(
        sid: String, effect: String = "Allow", actions: [String], resources: [TerraformTemplate] = [],
        principals: [(type: String, identifiers: [String])] = [],
        conditions: [(test: String, variable: String, values: [TerraformTemplate])] = []
    ) {
        self.sid = sid
        self.effect = effect
        self.actions = actions
        self.resources = resources
        self.principals = principals
        self.conditions = conditions
    }

    /// The statement as a block of the `aws_iam_policy_document` data source.
    var block: DataIAMPolicyDocument.Statement {
        DataIAMPolicyDocument.Statement(
            actions: actions.map(TerraformTemplate.init(literal:)),
            condition: conditions.isEmpty
                ? nil
                : conditions.map {
                    .init(test: "\($0.test)", values: $0.values, variable: "\($0.variable)")
                },
            effect: "\(effect)",
            principals: principals.isEmpty
                ? nil
                : principals.map {
                    .init(identifiers: $0.identifiers.map(TerraformTemplate.init(literal:)), type: "\($0.type)")
                },
            resources: resources.isEmpty ? nil : resources, sid: "\(sid)")
    }

    /// A trust statement letting an AWS service assume a role, with the confused-deputy condition that service
    /// documents: a condition a service does not send would make the role impossible to assume.
    package static func trust(_ service: String, account: Account) -> Statement {
        let conditions: [(test: String, variable: String, values: [TerraformTemplate])]
        switch service {
        case "logs.amazonaws.com":
            conditions = [("StringLike", "aws:SourceArn", ["\(ARN.regional("logs", in: account, "*"))"])]
        case "firehose.amazonaws.com":
            conditions = [("StringEquals", "sts:ExternalId", [.init(literal: account.id)])]
        case "s3.amazonaws.com":
            conditions = [("StringEquals", "aws:SourceAccount", [.init(literal: account.id)])]
        default:
            // Lambda execution roles and Glue crawler roles are assumed without source context.
            conditions = []
        }
        return Statement(
            sid: "AssumedBy" + service.prefix { $0 != "." }.capitalized, actions: ["sts:AssumeRole"],
            principals: [("Service", [service])], conditions: conditions)
    }

    /// Denies any request to a bucket that does not use TLS.
    package static func denyInsecureTransport(bucketARN: TerraformExpression) -> Statement {
        Statement(
            sid: "DenyInsecureTransport", effect: "Deny", actions: ["s3:*"],
            resources: [TerraformTemplate(bucketARN), "\(bucketARN)/*"], principals: [("*", ["*"])],
            conditions: [("Bool", "aws:SecureTransport", ["false"])])
    }
}
