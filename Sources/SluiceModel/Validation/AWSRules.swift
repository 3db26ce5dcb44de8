/// AWS naming and value rules, each a pure check returning the problem or nil.
package enum AWSRules {
    // Each check looks at the character's single ASCII scalar: a `Character` range such as "a"..."z" also holds a
    // letter carrying a combining mark or a zero-width joiner ("g" + U+200D sorts between "a" and "z").
    static func isLowerLetter(_ c: Character) -> Bool { c.isASCII && ("a"..."z").contains(c) }
    static func isDigit(_ c: Character) -> Bool { c.isASCII && ("0"..."9").contains(c) }
    static func isLowerAlnum(_ c: Character) -> Bool { isLowerLetter(c) || isDigit(c) }
    static func isLetter(_ c: Character) -> Bool { isLowerLetter(c) || (c.isASCII && ("A"..."Z").contains(c)) }
    static func isAlnum(_ c: Character) -> Bool { isLetter(c) || isDigit(c) }

    /// S3 general purpose bucket naming rules.
    package static func bucketProblem(_ name: String) -> String? {
        if name.count < 3 || name.count > 63 {
            return "an S3 bucket name must be 3 to 63 characters, '\(name)' has \(name.count)"
        }
        if !name.allSatisfy({ isLowerAlnum($0) || $0 == "-" || $0 == "." }) {
            return "an S3 bucket name takes only lowercase letters, digits, '-' and '.': '\(name)'"
        }
        if !isLowerAlnum(name.first!) || !isLowerAlnum(name.last!) {
            return "an S3 bucket name must begin and end with a letter or digit: '\(name)'"
        }
        if name.contains("..") || name.contains(".-") || name.contains("-.") {
            return "an S3 bucket name cannot have '..', '.-' or '-.': '\(name)'"
        }
        if name.hasPrefix("xn--") || name.hasPrefix("sthree-") || name.hasSuffix("-s3alias")
            || name.hasSuffix("--ol-s3")
        {
            return "'\(name)' uses a prefix or suffix S3 reserves"
        }
        let parts = name.split(separator: ".")
        if parts.count == 4, parts.allSatisfy({ Int($0) != nil }) {
            return "an S3 bucket name cannot look like an IP address: '\(name)'"
        }
        return nil
    }

    /// Lowercase, digits and '-', starting with a letter: the shape Sluice uses for its own names.
    package static func kebabProblem(_ name: String, what: String, maxLength: Int) -> String? {
        if name.isEmpty || name.count > maxLength {
            return "\(what) must be 1 to \(maxLength) characters, '\(name)' has \(name.count)"
        }
        guard let first = name.first, isLowerLetter(first),
            name.allSatisfy({ isLowerAlnum($0) || $0 == "-" }), !name.hasSuffix("-"), !name.contains("--")
        else {
            return
                "\(what) '\(name)' must start with a lowercase letter and hold only lowercase letters, digits and single '-'"
        }
        return nil
    }

    /// QuickSight ids built from Sluice names: letters, digits, '-' and '_'.
    package static func kebabOrSnakeProblem(_ name: String, what: String) -> String? {
        if name.isEmpty || name.count > 64 { return "\(what) must be 1 to 64 characters" }
        guard name.allSatisfy({ isLowerAlnum($0) || $0 == "-" || $0 == "_" }), isLowerLetter(name.first!) else {
            return "\(what) '\(name)' must start with a letter and hold only lowercase letters, digits, '-' and '_'"
        }
        return nil
    }

    /// Glue database, table and column names, which Athena wants lowercase.
    package static func glueIdentifierProblem(_ name: String, what: String) -> String? {
        if name.isEmpty || name.count > 255 {
            return "\(what) must be 1 to 255 characters"
        }
        guard let first = name.first, isLowerLetter(first) || first == "_",
            name.allSatisfy({ isLowerAlnum($0) || $0 == "_" })
        else {
            return
                "\(what) '\(name)' must hold only lowercase letters, digits and '_' (Athena), starting with a letter or '_'"
        }
        return nil
    }

    /// IAM role names: at most 64 characters of `[\w+=,.@-]`.
    package static func roleNameProblem(_ name: String) -> String? {
        if name.count > 64 { return "the IAM role name '\(name)' is \(name.count) characters; IAM allows 64" }
        if !name.allSatisfy({ isAlnum($0) || "_+=,.@-".contains($0) }) {
            return "the IAM role name '\(name)' has characters IAM does not allow"
        }
        return nil
    }

    /// Lambda function names: at most 64 characters of letters, digits, '-' and '_'.
    package static func functionNameProblem(_ name: String) -> String? {
        if name.count > 64 { return "the Lambda function name '\(name)' is \(name.count) characters; Lambda allows 64" }
        if !name.allSatisfy({ isAlnum($0) || $0 == "-" || $0 == "_" }) {
            return "the Lambda function name '\(name)' has characters Lambda does not allow"
        }
        return nil
    }

    /// CloudWatch log group names: 1 to 512 characters of `[.\-_/#A-Za-z0-9]`.
    package static func logGroupProblem(_ name: String) -> String? {
        if name.isEmpty || name.count > 512 { return "a log group name must be 1 to 512 characters" }
        if let bad = name.first(where: { !(isAlnum($0) || "._-/#".contains($0)) }) {
            return
                "a log group name takes only letters, digits and '.', '_', '-', '/', '#'; found '\(bad)' in '\(name)'"
        }
        if name.hasPrefix("aws/") { return "log group names starting 'aws/' are reserved by AWS" }
        return nil
    }

    /// The retention periods CloudWatch Logs accepts.
    package static let logRetentionDays = [
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]

    package static func accountIDProblem(_ id: String) -> String? {
        id.count == 12 && id.allSatisfy(isDigit)
            ? nil : "an AWS account id is 12 digits, found '\(id)'"
    }

    /// AWS's region shape, `[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]` (eu-west-1, us-gov-west-1, us-isob-east-1),
    /// checked on ASCII characters only.
    package static func regionProblem(_ region: String) -> String? {
        var parts = region.split(separator: "-", omittingEmptySubsequences: false)
        let problem = "'\(region)' is not an AWS region name (such as eu-west-1)"
        guard parts.count == 3 || parts.count == 4 else { return problem }
        if parts.count == 4 {
            let qualifier = parts.remove(at: 1)
            guard qualifier == "gov" || (qualifier.hasPrefix("iso") && qualifier.allSatisfy(isLowerLetter)) else {
                return problem
            }
        }
        guard parts[0].count == 2, parts[0].allSatisfy(isLowerLetter), !parts[1].isEmpty,
            parts[1].allSatisfy(isLowerLetter), parts[2].count == 1, parts[2].allSatisfy(isDigit)
        else { return problem }
        return nil
    }

    /// The characters of an IAM name: `[A-Za-z0-9+=,.@_-]`.
    static func isIAMNameCharacter(_ c: Character) -> Bool { c.isASCII && (isAlnum(c) || "+=,.@_-".contains(c)) }

    /// `arn:<partition>:iam::<12 digits>:role/<path/><name>`, in the expected account when one is given. The name is
    /// 1 to 64 characters of `[A-Za-z0-9+=,.@_-]`; each path segment is non-empty and of the same characters, the path
    /// at most 512 characters. (IAM allows any printable ASCII in a path; Sluice does not, so a role ARN is inert text
    /// in a shell script, a YAML value and a Terraform string alike.)
    package static func roleARNProblem(_ arn: String, account: String?) -> String? {
        let shape = "'\(arn)' is not an IAM role ARN (arn:aws:iam::<account id>:role/<name>)"
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[3].isEmpty, parts[5].hasPrefix("role/")
        else { return shape }
        if let problem = partitionProblem(parts[1]) { return "\(shape): \(problem)" }
        if accountIDProblem(String(parts[4])) != nil {
            return "\(shape): the account id must be 12 digits, found '\(parts[4])'"
        }
        let segments = parts[5].dropFirst("role/".count).split(separator: "/", omittingEmptySubsequences: false)
        let name = segments.last ?? ""
        if name.isEmpty || name.count > 64 {
            return "the role name in '\(arn)' must be 1 to 64 characters, found \(name.count)"
        }
        if let bad = segments.joined().first(where: { !isIAMNameCharacter($0) }) {
            return "the role '\(arn)' has '\(bad)', which IAM names do not allow (letters, digits and '+=,.@_-')"
        }
        if segments.dropLast().contains(where: \.isEmpty) {
            return "the role path in '\(arn)' has an empty segment ('//')"
        }
        if segments.dropLast().joined(separator: "/").count + 2 > 512 {
            return "the role path in '\(arn)' is longer than IAM's 512 characters"
        }
        if let account, parts[4] != account {
            return "the role '\(arn)' is in account \(parts[4]), not in this account (\(account))"
        }
        return nil
    }

    /// The state key prefix: the backend block takes no interpolation, so it is held to plain S3 key segments, 1 to 512
    /// characters of letters, digits, '.', '_' and '-' separated by single '/', none of them '.' or '..'.
    package static func stateKeyPrefixProblem(_ prefix: String) -> String? {
        if prefix.isEmpty || prefix.count > 512 { return "the state key_prefix must be 1 to 512 characters" }
        let segments = prefix.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: \.isEmpty) {
            return "the state key_prefix '\(prefix)' must not start or end with '/' nor hold '//'"
        }
        if let bad = prefix.first(where: { !($0.isASCII && (isAlnum($0) || "._-/".contains($0))) }) {
            return
                "the state key_prefix takes only letters, digits, '.', '_', '-' and '/'; found '\(bad)' in '\(prefix)'"
        }
        if segments.contains(where: { $0 == "." || $0 == ".." }) {
            return "the state key_prefix '\(prefix)' must not have a '.' or '..' segment"
        }
        return nil
    }

    /// A GitHub environment name: 1 to 255 characters, no control characters, and no `${{` (GitHub would evaluate it
    /// where the workflow names the environment).
    package static func githubEnvironmentProblem(_ name: String) -> String? {
        if name.isEmpty || name.count > 255 { return "a GitHub environment name is 1 to 255 characters" }
        if let problem = inertTextProblem(name, what: "a GitHub environment name") { return problem }
        return nil
    }

    /// Text that reaches generated files must not carry GitHub's expression syntax `${{`, nor control characters
    /// (line breaks included), which no generated file format keeps on one line.
    package static func inertTextProblem(_ text: String, what: String) -> String? {
        if text.contains("${{") { return "\(what) cannot contain '${{' (GitHub Actions would evaluate it)" }
        if let bad = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            return "\(what) cannot contain the control character \(TextRules.code(bad))"
        }
        return nil
    }

    /// A Lambda function ARN, held to exactly one function:
    /// `arn:<partition>:lambda:<region>:<12 digits>:function:<name>`
    /// with a name of 1 to 64 `[A-Za-z0-9_-]` and an optional version or alias qualifier of 1 to 128 of the same
    /// characters. The ARN becomes the resource of the processor's `lambda:InvokeFunction` grant, so a `*` or `?`
    /// (IAM wildcards), `${...}` (an IAM policy variable) or any other character would widen or change that grant.
    /// `$LATEST` is refused too: the unqualified ARN already names the latest version.
    package static func functionARNProblem(_ arn: String) -> String? {
        let shape = "'\(arn)' is not a Lambda function ARN (arn:aws:lambda:<region>:<account id>:function:<name>)"
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 7 || parts.count == 8, parts[0] == "arn", parts[2] == "lambda", parts[5] == "function"
        else { return shape }
        if let problem = partitionProblem(parts[1]) { return "\(shape): \(problem)" }
        if regionProblem(String(parts[3])) != nil { return "\(shape): '\(parts[3])' is not an AWS region" }
        if accountIDProblem(String(parts[4])) != nil {
            return "\(shape): the account id must be 12 digits, found '\(parts[4])'"
        }
        let isNameCharacter = { (c: Character) in isAlnum(c) || c == "-" || c == "_" }
        if parts[6].isEmpty || parts[6].count > 64 || !parts[6].allSatisfy(isNameCharacter) {
            return "\(shape): the function name must be 1 to 64 letters, digits, '-' and '_' (no wildcards), "
                + "found '\(parts[6])'"
        }
        if parts.count == 8, parts[7].isEmpty || parts[7].count > 128 || !parts[7].allSatisfy(isNameCharacter) {
            return "\(shape): the qualifier must be a version or alias of 1 to 128 letters, digits, '-' and '_' "
                + "(no wildcards, no '$LATEST'), found '\(parts[7])'"
        }
        return nil
    }

    /// `aws` or `aws-<part>` (aws-cn, aws-us-gov, aws-iso-b) in lowercase ASCII.
    static func partitionProblem(_ partition: Substring) -> String? {
        let pieces = partition.split(separator: "-", omittingEmptySubsequences: false)
        guard pieces.first == "aws", pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isLowerAlnum) }) else {
            return "'\(partition)' is not an AWS partition"
        }
        return nil
    }

    /// Environment variable names Lambda accepts and does not reserve.
    package static func environmentKeyProblem(_ key: String) -> String? {
        // Lambda's pattern is [a-zA-Z]([a-zA-Z0-9_])+: two characters at least.
        guard key.count >= 2, let first = key.first, isLetter(first), key.allSatisfy({ isAlnum($0) || $0 == "_" })
        else {
            return "'\(key)' is not a valid environment variable name (2 or more letters, digits and '_', "
                + "starting with a letter; Lambda's rule)"
        }
        let reserved = [
            "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
            "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
            "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
        ]
        return reserved.contains(key) ? "'\(key)' is reserved by Lambda and cannot be set" : nil
    }

    /// Athena data catalog names: 1 to 127 characters of letters, digits, '_', '@' and '-'.
    package static func dataCatalogProblem(_ name: String) -> String? {
        if name.isEmpty || name.count > 127 { return "an Athena data catalog name must be 1 to 127 characters" }
        if !name.allSatisfy({ isAlnum($0) || "_@-".contains($0) }) {
            return "an Athena data catalog name takes only letters, digits, '_', '@' and '-': '\(name)'"
        }
        if name.lowercased() == "awsdatacatalog" {
            return "'AwsDataCatalog' is Athena's own catalog; name the federated one"
        }
        return nil
    }

    /// A calendar date `yyyy-MM-dd` that exists (2026-02-31 does not).
    package static func dateProblem(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(isDigit) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            year >= 1970, (1...12).contains(month), day >= 1
        else { return "expected a date as yyyy-MM-dd, found '\(text)'" }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        if day > days { return "'\(text)' is not a calendar date: month \(month) of \(year) has \(days) days" }
        return nil
    }
}
