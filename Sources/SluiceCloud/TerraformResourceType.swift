/// A value of a typed resource's argument, lowered to Terraform JSON.
package protocol TerraformArgument {
    /// The argument as written into a `.tf.json` file.
    var terraformValue: TerraformValue { get }
}

/// A Terraform block: a resource's arguments or a nested block's, each a typed property generated from the
/// provider's schema (Sources/SluiceCloud/Generated), so a misspelled argument does not compile.
package protocol TerraformBlock: TerraformArgument {
    /// The arguments that are set, by their Terraform names.
    var terraformArguments: [String: TerraformValue] { get }
}

extension TerraformBlock {
    package var terraformValue: TerraformValue { .object(terraformArguments) }
}

/// A resource or data source type of the provider, generated from its schema with a typed `Handle` for references.
package protocol TerraformResourceType: TerraformBlock {
    associatedtype Handle: TerraformHandle
    /// The Terraform type, `aws_s3_bucket`.
    static var terraformType: String { get }
    /// Whether it is a data source (`data.<type>.<name>`).
    static var isData: Bool { get }
}

/// A reference to a resource of the graph: its attributes are typed accessors returning expressions that record the
/// reference, so a stage cannot read an attribute the schema does not have, and the graph's edges are known as
/// they are made.
package protocol TerraformHandle: Sendable {
    var address: Address { get }
    init(address: Address)
}

extension TerraformTemplate: TerraformArgument {
    /// Literal text stays a plain string: only a template holding an expression is written as one.
    package var terraformValue: TerraformValue {
        expressions.isEmpty ? .string(description) : .template(self)
    }
}

extension TerraformValue: TerraformArgument {
    package var terraformValue: TerraformValue { self }
}

extension Int: TerraformArgument {
    package var terraformValue: TerraformValue { .int(self) }
}

extension Bool: TerraformArgument {
    package var terraformValue: TerraformValue { .bool(self) }
}

extension Array: TerraformArgument where Element: TerraformArgument {
    package var terraformValue: TerraformValue { .array(map(\.terraformValue)) }
}

extension Dictionary: TerraformArgument where Key == String, Value: TerraformArgument {
    package var terraformValue: TerraformValue { .object(mapValues(\.terraformValue)) }
}

extension Dictionary where Key == String, Value == String {
    /// The map as literal text values, for a map argument (`parameters`, `variables`).
    package var literalValues: [String: TerraformTemplate] { mapValues(TerraformTemplate.init(literal:)) }
}
