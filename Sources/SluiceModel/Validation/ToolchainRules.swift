/// Rules for the project file's settings that name the build toolchain and the stacks derived from accounts.
enum ToolchainRules {
    /// The first Swift release with an official Amazon Linux 2023 image, the base of the Lambda runtime image.
    static let firstAmazonLinux2023Release = (major: 6, minor: 3)

    /// Why a `project.swift_version` cannot name the builder image `swift:<version>-amazonlinux2023`, or nil.
    /// The value becomes a Docker image tag and a workflow's `container:` image, so only digits and dots pass.
    static func swiftVersionProblem(_ version: String) -> String? {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        let numbers = parts.compactMap { part -> Int? in
            // No leading zeros: "6.03" names no image tag (Swift publishes 6.3).
            guard (1...4).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }),
                part == "0" || part.first != "0"
            else { return nil }
            return Int(part)
        }
        guard (2...3).contains(parts.count), numbers.count == parts.count else {
            return "swift_version must be a Swift release as MAJOR.MINOR or MAJOR.MINOR.PATCH (such as \"6.3\"), "
                + "found '\(version)'"
        }
        let first = firstAmazonLinux2023Release
        guard (numbers[0], numbers[1]) >= (first.major, first.minor) else {
            return "swift_version must be \(first.major).\(first.minor) or later: the processor images are built in "
                + "swift:<version>-amazonlinux2023, which Swift publishes from \(first.major).\(first.minor) on; "
                + "found '\(version)'"
        }
        return nil
    }

    /// Suffixes of the stacks Sluice derives from an account (`<account>-images`, `<account>-quicksight`).
    static let derivedStackSuffixes = ["-images", "-quicksight"]

    /// Why an account name would clash with a stack derived from another account's name, or nil.
    static func derivedStackProblem(_ name: String) -> String? {
        guard let suffix = derivedStackSuffixes.first(where: { name.hasSuffix($0) }) else { return nil }
        return "an account name must not end in '\(suffix)': stacks named '<account>\(suffix)' are derived from "
            + "account names; found '\(name)'"
    }
}
