/// Checks Firehose S3 prefixes and their `!{namespace:value}` expressions.
package enum FirehosePrefixRules {
    /// The expressions of a prefix, or a problem with its syntax.
    static func expressions(in prefix: String) -> Result<[String], PrefixProblem> {
        var found: [String] = []
        var rest = Substring(prefix)
        while let start = rest.range(of: "!{") {
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                return .failure(PrefixProblem("an expression opened with '!{' is never closed"))
            }
            found.append(String(rest[start.upperBound..<end]))
            rest = rest[rest.index(after: end)...]
        }
        return .success(found)
    }

    struct PrefixProblem: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// The problem with a data prefix, or nil.
    package static func prefixProblem(_ prefix: String, isErrorPrefix: Bool) -> String? {
        let what = isErrorPrefix ? "error_prefix" : "prefix"
        if prefix.hasPrefix("/") {
            return "the \(what) must not start with '/': S3 keys would begin with an empty folder"
        }
        if prefix.utf8.count > 1024 { return "the \(what) is longer than 1024 bytes" }
        let expressions: [String]
        switch self.expressions(in: prefix) {
        case .failure(let problem): return "in the \(what): \(problem.message)"
        case .success(let list): expressions = list
        }
        for expression in expressions {
            let parts = expression.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return "'!{\(expression)}' is not a Firehose expression (namespace:value)" }
            switch (parts[0], parts[1]) {
            case ("timestamp", let format):
                if let bad = format.first(where: { !("yMdHms".contains($0) || "/-_.".contains($0)) }) {
                    return "'\(bad)' in '!{\(expression)}' is not a date field Sluice allows (y M d H m s and / - _ .)"
                }
            case ("firehose", "random-string"): break
            case ("firehose", "error-output-type"):
                if !isErrorPrefix { return "'!{firehose:error-output-type}' is only allowed in the error_prefix" }
            case ("partitionKeyFromQuery", _), ("partitionKeyFromLambda", _):
                return "'!{\(expression)}' needs dynamic partitioning, which Sluice does not configure"
            default:
                return "'!{\(expression)}' is not a Firehose expression Sluice knows "
                    + "(timestamp:<format>, firehose:random-string, firehose:error-output-type)"
            }
        }
        if isErrorPrefix && !expressions.contains("firehose:error-output-type") {
            return "the error_prefix must contain '!{firehose:error-output-type}' when prefixes use expressions"
        }
        return nil
    }
}
