/// A free-text setting of a declaration and the length AWS accepts for it, with where the bound comes from.
package struct TextRule: Sendable {
    /// The manifest key, as errors name it.
    package let key: String
    package let length: ClosedRange<Int>
    /// How AWS counts: Unicode characters (scalars) or UTF-8 bytes.
    package let countsBytes: Bool
    /// The source of the bound, shown with the error.
    package let why: String

    /// The problem with a value, or nil when its length is in range.
    package func problem(_ value: String) -> String? {
        let count = countsBytes ? value.utf8.count : value.unicodeScalars.count
        guard !length.contains(count) else { return nil }
        let unit = countsBytes ? "bytes" : "characters"
        return "\(key) must be \(length.lowerBound) to \(length.upperBound) \(unit), found \(count) (\(why))"
    }
}

/// Every free-text length a declaration holds, with its source: the one table validation checks text against, so a
/// value that validates is one Terraform and AWS accept.
package enum TextRules {
    /// Glue's `Column.Comment`; the provider's validation refuses 256 ("expected length ... in the range (0 - 255)").
    package static let columnComment = TextRule(
        key: "comment", length: 0...255, countsBytes: false, why: "Glue's column comment")
    /// QuickSight API reference, ShortFormatText.PlainText (a visual's title): 1 to 512 characters.
    package static let visualTitle = TextRule(
        key: "title", length: 1...512, countsBytes: false, why: "QuickSight's visual title, ShortFormatText")
    /// Lambda's environment: all keys and values together at most 4 KB (Lambda quotas).
    package static let environmentSize = TextRule(
        key: "environment", length: 0...4096, countsBytes: true, why: "Lambda's 4 KB for all variables together")
    /// AWS resource tags (Tagging best practices / TagResource): keys 1 to 128, values 0 to 256 Unicode characters.
    package static let tagKey = TextRule(key: "a tag key", length: 1...128, countsBytes: false, why: "AWS tag keys")
    package static let tagValue = TextRule(
        key: "a tag value", length: 0...256, countsBytes: false, why: "AWS tag values")
    /// QuickSight API reference, CreateGroup: GroupName is `[\u0020-\u00FF]+` (min 1, no documented max); Sluice
    /// takes the IAM-like subset below, at most 128, so the name is inert text in an ARN.
    package static let quickSightGroup = TextRule(
        key: "group", length: 1...128, countsBytes: false, why: "a QuickSight group name")
    /// QuickSight API reference, CreateGroup: Namespace is `^[a-zA-Z0-9._-]*$`, at most 64.
    package static let quickSightNamespace = TextRule(
        key: "namespace", length: 1...64, countsBytes: false, why: "a QuickSight namespace")
    /// The provider validates a QuickSight permission's principal ARN as 1 to 256 characters.
    package static let quickSightPrincipal = TextRule(
        key: "the group's principal ARN", length: 1...256, countsBytes: false,
        why: "the AWS provider's limit on a QuickSight permission principal")

    /// Tag key prefixes that a declaration may not use: AWS reserves `aws:`, and Sluice writes its own `sluice:` tags
    /// over any the declaration sets.
    package static let reservedTagPrefixes = ["aws:", "sluice:"]

    /// AWS's tag character set, `[\p{L}\p{Z}\p{N}_.:/=+\-@]`, less the line and paragraph separators (Zl, Zp) that
    /// no generated file keeps on one line. `$`, `{` and `%` are not in it.
    package static func tagCharacterProblem(_ text: String, what: String) -> String? {
        let bad = text.unicodeScalars.first { scalar in
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .decimalNumber, .letterNumber, .otherNumber, .spaceSeparator:
                return false
            default: return !"_.:/=+-@".unicodeScalars.contains(scalar)
            }
        }
        guard let bad else { return nil }
        return "\(what) has \(describe(bad)), which AWS tags do not allow (letters, digits, spaces and '_.:/=+-@')"
    }

    /// QuickSight group names as Sluice takes them: letters, digits and `+=,.@_-` (ASCII).
    package static func quickSightGroupProblem(_ group: String) -> String? {
        if let problem = quickSightGroup.problem(group) { return problem }
        if let bad = group.first(where: { !(AWSRules.isAlnum($0) || "+=,.@_-".contains($0)) }) {
            return "the QuickSight group '\(group)' has \(describe(bad)); use letters, digits and '+=,.@_-'"
        }
        return nil
    }

    /// QuickSight namespaces: `[A-Za-z0-9._-]`, 1 to 64.
    package static func quickSightNamespaceProblem(_ namespace: String) -> String? {
        if let problem = quickSightNamespace.problem(namespace) { return problem }
        if let bad = namespace.first(where: { !(AWSRules.isAlnum($0) || "._-".contains($0)) }) {
            return "the QuickSight namespace '\(namespace)' has \(describe(bad)); QuickSight takes letters, digits "
                + "and '._-'"
        }
        return nil
    }

    /// Text for an S3 key prefix: no control characters (C0, DEL, C1) nor the bidirectional controls that make
    /// a key read differently from what it is (U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069), nor line and
    /// paragraph separators.
    package static func keyTextProblem(_ text: String, what: String) -> String? {
        let bad = text.unicodeScalars.first { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                return true
            default: return false
            }
        }
        guard let bad else { return nil }
        return "\(what) cannot contain \(describe(bad)) (S3 keys here take printable characters only)"
    }

    /// A character as errors show it: itself when printable ASCII, else its code point.
    static func describe(_ c: Character) -> String {
        let scalars = Array(c.unicodeScalars)
        return scalars.count == 1 ? describe(scalars[0]) : scalars.map(code).joined(separator: " ")
    }

    static func describe(_ scalar: Unicode.Scalar) -> String {
        (0x21..<0x7F).contains(scalar.value) ? "'\(Character(scalar))'" : code(scalar)
    }

    /// `U+` and at least four hex digits, as Unicode names code points.
    static func code(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
