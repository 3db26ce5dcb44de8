/// Amazon Resource Names Sluice writes by name: for resources in another stack (which Terraform cannot reference),
/// in IAM conditions, and for tools that address a deployed resource. Every ARN Sluice composes comes from here.
///
/// `arn:<partition>:<service>:<region>:<account>:<resource>`; S3 bucket ARNs have neither region nor account.
package struct ARN: Sendable, Hashable, CustomStringConvertible {
    package var partition: String
    package var service: String
    package var region: String
    package var account: String
    package var resource: String

    package init(partition: String = ARN.partition, service: String, region: String, account: String, resource: String)
    {
        self.partition = partition
        self.service = service
        self.region = region
        self.account = account
        self.resource = resource
    }

    /// Sluice deploys to the commercial partition.
    package static let partition = "aws"

    package var description: String { "arn:\(partition):\(service):\(region):\(account):\(resource)" }

    /// A resource of a regional service in an account: `arn:aws:<service>:<region>:<account id>:<resource>`.
    package static func regional(_ service: String, in account: Account, _ resource: String) -> ARN {
        ARN(service: service, region: account.region, account: account.id, resource: resource)
    }

    /// `arn:aws:s3:::<bucket>`.
    package static func bucket(_ name: String) -> ARN { ARN(service: "s3", region: "", account: "", resource: name) }

    /// `arn:aws:iam::<account id>:role/<name>` (IAM is global: no region).
    package static func role(_ name: String, accountID: String) -> ARN {
        ARN(service: "iam", region: "", account: accountID, resource: "role/\(name)")
    }

    /// `arn:aws:iam::<account id>:root`: the account as a principal.
    package static func accountRoot(_ accountID: String) -> ARN {
        ARN(service: "iam", region: "", account: accountID, resource: "root")
    }

    /// `arn:aws:lambda:<region>:<account id>:function:<name>`.
    package static func function(_ name: String, in account: Account) -> ARN {
        regional("lambda", in: account, "function:\(name)")
    }

    /// `arn:aws:logs:<region>:<account id>:log-group:<name>`; the name may end in a wildcard.
    package static func logGroup(_ name: String, in account: Account) -> ARN {
        regional("logs", in: account, "log-group:\(name)")
    }

    /// `arn:aws:glue:<region>:<account id>:<resource>`: `catalog`, `database/<db>`, `table/<db>/<table>`.
    package static func glue(_ resource: String, in account: Account) -> ARN { regional("glue", in: account, resource) }

    /// `arn:aws:quicksight:<region>:<account id>:<kind>/<id>`.
    package static func quickSight(_ kind: String, _ id: String, in account: Account) -> ARN {
        regional("quicksight", in: account, "\(kind)/\(id)")
    }
}
