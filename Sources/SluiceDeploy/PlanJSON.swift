import Foundation
import SluiceJSON

/// Any JSON value of a plan (`before`, `after` and their sensitivity and unknown markers) is a `JSONValue`, kept as
/// decoded; what a plan summary asks of one.
extension JSONValue {
    /// A short rendering for summaries: scalars as written, collections by size.
    package var brief: String {
        switch self {
        case .null: "null"
        case .bool(let value): String(value)
        case .int(let value): String(value)
        case .number(let text): Self.briefNumber(text)
        case .string(let value): value.count > 80 ? "\"\(value.prefix(77))...\"" : "\"\(value)\""
        case .array(let items): "[\(items.count) item\(items.count == 1 ? "" : "s")]"
        case .object(let members): "{\(members.count) key\(members.count == 1 ? "" : "s")}"
        }
    }

    /// A decimal as a summary shows it: a whole one below 10^15 as an integer, else as Swift writes the double.
    private static func briefNumber(_ text: String) -> String {
        guard let value = Double(text) else { return text }
        return value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// null, an empty string, list or map: the ways a provider says "not set".
    var isEmptyValue: Bool {
        switch self {
        case .null: true
        case .string(let text): text.isEmpty
        case .array(let items): items.isEmpty
        case .object(let members): members.isEmpty
        default: false
        }
    }

    /// Whether a sensitivity (or unknown) marker is true here or for the whole value.
    func isMarked(at key: String) -> Bool {
        switch self {
        case .bool(let flag): flag
        case .object, .array: self[key].map { $0 == .bool(true) } ?? false
        default: false
        }
    }
}

/// The parts of `terraform show -json PLANFILE` that Sluice reads.
package struct Plan: Sendable, Decodable {
    package var formatVersion: String
    package var terraformVersion: String?
    package var resourceChanges: [ResourceChange]
    package var resourceDrift: [ResourceChange]
    package var outputChanges: [String: Change]
    /// Attributes changed outside Terraform that this plan's changes depend on, by resource address.
    package var relevantAttributes: [String: Set<String>]
    package var errored: Bool

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case terraformVersion = "terraform_version"
        case resourceChanges = "resource_changes"
        case resourceDrift = "resource_drift"
        case outputChanges = "output_changes"
        case relevantAttributes = "relevant_attributes"
        case errored
    }

    private struct RelevantAttribute: Decodable {
        let resource: String
        let attribute: [JSONValue]
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try container.decode(String.self, forKey: .formatVersion)
        terraformVersion = try container.decodeIfPresent(String.self, forKey: .terraformVersion)
        resourceChanges = try container.decodeIfPresent([ResourceChange].self, forKey: .resourceChanges) ?? []
        resourceDrift = try container.decodeIfPresent([ResourceChange].self, forKey: .resourceDrift) ?? []
        outputChanges = try container.decodeIfPresent([String: Change].self, forKey: .outputChanges) ?? [:]
        var relevant: [String: Set<String>] = [:]
        for item in try container.decodeIfPresent([RelevantAttribute].self, forKey: .relevantAttributes) ?? [] {
            if case .string(let first)? = item.attribute.first { relevant[item.resource, default: []].insert(first) }
        }
        relevantAttributes = relevant
        errored = try container.decodeIfPresent(Bool.self, forKey: .errored) ?? false
    }

    /// The plan format's major version Sluice reads; another major may mean something else by the same keys.
    package static let supportedMajorVersion = 1

    /// Decodes plan JSON, refusing a format version whose major Sluice does not know.
    package static func decode(_ data: Data) throws -> Plan {
        struct Version: Decodable {
            let formatVersion: String
            enum CodingKeys: String, CodingKey { case formatVersion = "format_version" }
        }
        let version: Version
        do {
            version = try JSONDecoder().decode(Version.self, from: data)
        } catch {
            throw PlanError.notAPlan("\(error)")
        }
        let major = version.formatVersion.split(separator: ".").first.flatMap { Int($0) }
        guard major == supportedMajorVersion else {
            throw PlanError.unsupportedFormat(version.formatVersion)
        }
        do {
            return try JSONDecoder().decode(Plan.self, from: data)
        } catch {
            throw PlanError.notAPlan("\(error)")
        }
    }
}

/// One resource in a plan.
package struct ResourceChange: Sendable, Decodable {
    package var address: String
    package var type: String
    package var name: String
    package var mode: String
    package var providerName: String?
    package var change: Change
    package var actionReason: String?

    enum CodingKeys: String, CodingKey {
        case address, type, name, mode, change
        case providerName = "provider_name"
        case actionReason = "action_reason"
    }
}

/// A change's actions and values.
package struct Change: Sendable, Decodable {
    package var actions: [String]
    package var before: JSONValue?
    package var after: JSONValue?
    package var afterUnknown: JSONValue?
    package var beforeSensitive: JSONValue?
    package var afterSensitive: JSONValue?
    package var replacePaths: JSONValue?

    enum CodingKeys: String, CodingKey {
        case actions, before, after
        case afterUnknown = "after_unknown"
        case beforeSensitive = "before_sensitive"
        case afterSensitive = "after_sensitive"
        case replacePaths = "replace_paths"
    }

    /// The action in one word: create, update, replace, delete, read, forget or no-op.
    package var action: Action {
        switch Set(actions) {
        case ["create"]: .create
        case ["update"]: .update
        case ["delete", "create"]: .replace
        case ["delete"]: .delete
        case ["read"]: .read
        case ["forget"]: .forget
        default: actions.contains("delete") ? .replace : .noop
        }
    }
}

/// What a plan does to one resource.
package enum Action: String, Sendable, CaseIterable, Comparable {
    case replace
    case delete
    case create
    case update
    case read
    case forget
    case noop = "no-op"

    /// Whether the action removes the resource's current object (and what it holds).
    package var destroys: Bool { self == .replace || self == .delete }

    package static func < (lhs: Action, rhs: Action) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

package enum PlanError: Error, CustomStringConvertible, Equatable {
    case unsupportedFormat(String)
    case notAPlan(String)

    package var description: String {
        switch self {
        case .unsupportedFormat(let version):
            "the plan's format_version is \(version); Sluice reads format \(Plan.supportedMajorVersion).x only, "
                + "so it will not guess what this plan means"
        case .notAPlan(let detail): "not a terraform plan JSON (terraform show -json PLANFILE): \(detail)"
        }
    }
}
