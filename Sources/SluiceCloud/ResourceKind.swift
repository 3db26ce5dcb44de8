/// What Sluice knows about a kind of resource, in one table (generated: ResourceKinds.generated.swift, from
/// scripts/terraform-types/resources.toml and the provider schema) that tags, the data-loss guard, the local target
/// and the docs all read.
package struct ResourceKind: Sendable, Equatable {
    /// The Terraform type, `aws_s3_bucket`.
    package let type: String
    package let isData: Bool
    /// The schema has a `tags` argument: the stack builder adds the pipeline tag.
    package let taggable: Bool
    /// A delete or replace loses data: `sluice plan` refuses it unless the address is allowed.
    package let holdsData: Bool
    /// The provider endpoint a local run points at the local AWS for this kind (nil: the provider computes it).
    package let service: String?
    /// How the docs name the kind when they list it (`S3 buckets`).
    package let noun: String?

    /// The kind of a Terraform type, if Sluice knows it.
    package static func of(_ type: String) -> ResourceKind? { byType[type] }

    private static let byType = Dictionary(all.map { ($0.type, $0) }, uniquingKeysWith: { first, _ in first })

    /// Types whose delete or replace loses data.
    package static let dataHoldingTypes = Set(all.filter(\.holdsData).map(\.type))

    /// The data-holding kinds as the docs list them: `S3 buckets, Glue databases, ...`.
    package static var dataHoldingNouns: String { all.filter(\.holdsData).compactMap(\.noun).joined(separator: ", ") }

    /// Every endpoint a local run points at the local AWS: the kinds' services and the provider's own, sorted.
    package static let localServices = Set(all.compactMap(\.service) + providerServices).sorted()
}
