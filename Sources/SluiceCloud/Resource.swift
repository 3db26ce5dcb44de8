import SluiceModel

/// A Terraform address: a managed resource (`aws_s3_bucket.raw`) or a data source (`data.aws_iam_policy_document.x`).
package struct Address: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var type: String
    package var name: String
    package var isData: Bool

    package init(_ type: String, _ name: String, isData: Bool = false) {
        self.type = type
        self.name = name
        self.isData = isData
    }

    package var description: String { isData ? "data.\(type).\(name)" : "\(type).\(name)" }

    /// An expression reading one of its attributes, `${aws_s3_bucket.raw.arn}`, that records the reference. The
    /// generated handles call it with the attributes of their schema only, so a stage cannot read a missing one.
    func ref(_ attribute: String) -> TerraformExpression {
        TerraformExpression("\(description).\(attribute)", references: [self])
    }

    package static func < (lhs: Address, rhs: Address) -> Bool { lhs.description < rhs.description }
}

/// One resource or data source of a stack, with its arguments as Terraform JSON.
package struct Resource: Sendable {
    package var address: Address
    package var stage: Stage
    /// The pipeline that owns it.
    package var pipeline: String
    /// The arguments as written, `depends_on` included.
    package var arguments: [String: TerraformValue]
    /// What `depends_on` lists, in order.
    package var dependsOn: [Address]

    package init(
        _ address: Address, stage: Stage, pipeline: String, arguments: [String: TerraformValue],
        dependsOn: [Address] = []
    ) {
        self.address = address
        self.stage = stage
        self.pipeline = pipeline
        self.arguments = arguments
        self.dependsOn = dependsOn
        if !dependsOn.isEmpty { self.arguments["depends_on"] = .strings(dependsOn.map(\.description)) }
    }

    /// Addresses this resource refers to through its expressions or `depends_on`: recorded by each expression as it
    /// was made, so literal text never counts, however much it looks like a reference.
    package var references: Set<Address> {
        var found = Set(dependsOn)
        for expression in TerraformValue.object(arguments).allExpressions { found.formUnion(expression.references) }
        return found
    }
}

/// A Terraform input variable of a stack.
package struct Variable: Sendable {
    package var name: String
    package var pipeline: String
    package var description: String
    package var type: String
    /// A condition and message, checked by Terraform before planning.
    package var validation: (condition: TerraformExpression, message: String)?

    package init(
        name: String, pipeline: String, description: String, type: String = "string",
        validation: (condition: TerraformExpression, message: String)? = nil
    ) {
        self.name = name
        self.pipeline = pipeline
        self.description = description
        self.type = type
        self.validation = validation
    }
}

/// A Terraform output of a stack.
package struct Output: Sendable {
    package var name: String
    package var pipeline: String
    package var description: String
    package var value: TerraformExpression

    package init(name: String, pipeline: String, description: String, value: TerraformExpression) {
        self.name = name
        self.pipeline = pipeline
        self.description = description
        self.value = value
    }
}

/// One Terraform root module with its own state, in one account: everything the account deploys, or a part kept
/// apart: the processors' image repositories (applied before the images are pushed) and QuickSight (so the data path
/// never waits on BI).
package struct Stack: Sendable {
    package var account: Account
    /// The folder and state name: the account's name, `<account>-images` or `<account>-quicksight`.
    package let name: String
    package var resources: [Resource] = []
    package var variables: [Variable] = []
    package var outputs: [Output] = []
    /// Stacks that must be applied before this one (the analytics bucket exists before production replicates to it).
    package var after: Set<String> = []

    package init(account: Account, name: String? = nil) {
        self.account = account
        self.name = name ?? account.name
    }

    /// The name of the stack holding an account's QuickSight resources.
    package static func quickSightName(_ account: Account) -> String { "\(account.name)-\(quickSightSuffix)" }

    /// The name of the stack holding an account's processor image repositories: applied before the deploy workflow
    /// pushes the images, so a new pipeline's first deploy finds its repository.
    package static func imagesName(_ account: Account) -> String { "\(account.name)-\(imagesSuffix)" }

    /// Whether this stack holds only image repositories (the deploy workflow applies these before the images job).
    package var holdsImages: Bool { name == Self.imagesName(account) }

    static let quickSightSuffix = "quicksight"
    static let imagesSuffix = "images"

    /// Adds another part of the same account's stack (one pipeline's resources).
    mutating func merge(_ part: Stack) {
        resources += part.resources
        variables += part.variables
        outputs += part.outputs
        after.formUnion(part.after)
    }

    /// Pipelines with resources in this stack, sorted.
    package var pipelines: [String] { Array(Set(resources.map(\.pipeline))).sorted() }

    /// Each pipeline's part of this stack, in one pass over the resources.
    package func byPipeline() -> [String: Stack] {
        var parts: [String: Stack] = [:]
        for resource in resources {
            parts[resource.pipeline, default: Stack(account: account, name: name)].resources.append(resource)
        }
        for variable in variables {
            parts[variable.pipeline, default: Stack(account: account, name: name)].variables.append(variable)
        }
        for output in outputs {
            parts[output.pipeline, default: Stack(account: account, name: name)].outputs.append(output)
        }
        return parts
    }
}
