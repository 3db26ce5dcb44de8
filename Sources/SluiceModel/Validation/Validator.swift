/// Checks a project and its pipelines against AWS's rules and against each other, after decoding.
/// Runs on YAML and Swift declarations alike, so both get the same errors.
package enum Validator {
    /// The longest project prefix: it starts every AWS name Sluice derives.
    static let prefixLength = 16

    /// Every problem found; empty when the declaration can be generated.
    package static func validate(project: Project, pipelines: [Pipeline]) -> Diagnostics {
        var diagnostics = Diagnostics()
        checkProject(project, &diagnostics)
        var firstByName: [String: Pipeline] = [:]
        var processors: [String: Pipeline] = [:]
        var tables: [String: Pipeline] = [:]
        var filtersPerGroup: [String: [Pipeline]] = [:]
        var buckets = BucketUses(project: project)
        for pipeline in pipelines {
            if let first = firstByName[pipeline.name] {
                diagnostics.error(
                    "duplicate pipeline '\(pipeline.name)' (first declared at \(first.origin["name"]))",
                    at: pipeline.origin["name"])
                continue
            }
            firstByName[pipeline.name] = pipeline
            PipelineRules(project: project, pipeline: pipeline).check(&diagnostics)
            buckets.add(pipeline, &diagnostics)

            // Compared case-insensitively: on macOS's file system `AB` and `Ab` are one folder and one binary.
            let target = pipeline.processor.targetName.lowercased()
            if PackageModules.reserves(target) {
                diagnostics.error(
                    "processor '\(pipeline.processor.name)' would be the Swift target "
                        + "'\(pipeline.processor.targetName)', a name the package's own modules use (names starting with Sluice or Fuzz, sluice, and the "
                        + "dependencies' modules); name the processor otherwise",
                    at: pipeline.processor.origin["name"])
            } else if let other = processors[target] {
                diagnostics.error(
                    "processor '\(pipeline.processor.name)' (Swift target '\(pipeline.processor.targetName)') "
                        + "collides with processor '\(other.processor.name)' of pipeline '\(other.name)'; each "
                        + "processor is its own Swift target, so target names must differ (ignoring case)",
                    at: pipeline.processor.origin["name"])
            } else {
                processors[target] = pipeline
            }
            let table = "\(pipeline.catalog.database).\(pipeline.processor.output.name)"
            if let other = tables[table] {
                diagnostics.error(
                    "table '\(table)' is already written by pipeline '\(other.name)'",
                    at: pipeline.processor.output.origin["table"])
            } else {
                tables[table] = pipeline
            }
            let group = "\(pipeline.source.account)/\(pipeline.source.logGroup)"
            filtersPerGroup[group, default: []].append(pipeline)
            if filtersPerGroup[group]!.count == 3 {
                diagnostics.error(
                    "log group '\(pipeline.source.logGroup)' would get a third subscription filter; "
                        + "CloudWatch Logs allows 2 per log group",
                    at: pipeline.source.origin["log_group"])
            }
        }
        return diagnostics
    }

    private static func checkProject(_ project: Project, _ diagnostics: inout Diagnostics) {
        if let problem = AWSRules.kebabProblem(project.prefix, what: "the project prefix", maxLength: prefixLength) {
            diagnostics.error(problem, at: project.origin["prefix"])
        }
        if let problem = ToolchainRules.swiftVersionProblem(project.swiftVersion) {
            diagnostics.error(problem, at: project.origin["swift_version"])
        }
        if project.accounts.isEmpty {
            diagnostics.error("the project declares no accounts", at: project.origin["accounts"])
        }
        var seenNames: [String: Account] = [:]
        var seenIDs: [String: Account] = [:]
        for account in project.accounts {
            if let first = seenNames[account.name] {
                diagnostics.error(
                    "duplicate account '\(account.name)' (first declared at \(first.origin["name"]))",
                    at: account.origin["name"])
            }
            seenNames[account.name] = account
            if let problem = AWSRules.kebabProblem(account.name, what: "an account name", maxLength: 32) {
                diagnostics.error(problem, at: account.origin["name"])
            } else if let problem = ToolchainRules.derivedStackProblem(account.name) {
                diagnostics.error(problem, at: account.origin["name"])
            }
            if let problem = AWSRules.accountIDProblem(account.id) {
                diagnostics.error(problem, at: account.origin["id"])
            } else if let first = seenIDs[account.id] {
                diagnostics.error(
                    "accounts '\(first.name)' and '\(account.name)' have the same id \(account.id)",
                    at: account.origin["id"])
            }
            seenIDs[account.id] = account
            if let problem = AWSRules.regionProblem(account.region) {
                diagnostics.error(problem, at: account.origin["region"])
            }
            let expected = AWSRules.accountIDProblem(account.id) == nil ? account.id : nil
            if let problem = AWSRules.roleARNProblem(account.deployRole, account: expected) {
                diagnostics.error(problem, at: account.origin["deploy_role"])
            }
            if let problem = AWSRules.roleARNProblem(account.planRole, account: expected) {
                diagnostics.error(problem, at: account.origin["plan_role"])
            }
        }
        if let github = project.github {
            if let problem = AWSRules.roleARNProblem(github.oidcRole, account: nil) {
                diagnostics.error(problem, at: github.origin["oidc_role"])
            }
            if let problem = AWSRules.roleARNProblem(github.oidcPlanRole, account: nil) {
                diagnostics.error(problem, at: github.origin["oidc_plan_role"])
            }
            if let problem = AWSRules.regionProblem(github.region) {
                diagnostics.error(problem, at: github.origin["region"])
            }
            if let problem = AWSRules.githubEnvironmentProblem(github.environment) {
                diagnostics.error(problem, at: github.origin["environment"])
            }
        }
        let state = project.state
        if let problem = AWSRules.bucketProblem(state.bucket) {
            diagnostics.error(problem, at: state.origin["bucket"])
        }
        if let problem = AWSRules.regionProblem(state.region) {
            diagnostics.error(problem, at: state.origin["region"])
        }
        if let problem = AWSRules.stateKeyPrefixProblem(state.keyPrefix) {
            diagnostics.error(problem, at: state.origin["key_prefix"])
        }
        checkAccountReference(state.account, in: project, at: state.origin["account"], &diagnostics)
        for (key, value) in project.tags.sorted(by: { $0.key < $1.key }) {
            let at = project.origin["tags"]
            if let problem = TextRules.tagKey.problem(key)
                ?? TextRules.tagCharacterProblem(key, what: "tag key '\(key)'")
            {
                diagnostics.error(problem, at: at)
            } else if let reserved = TextRules.reservedTagPrefixes.first(where: { key.lowercased().hasPrefix($0) }) {
                diagnostics.error(
                    "tag key '\(key)' starts with '\(reserved)', which is reserved "
                        + (reserved == "aws:" ? "by AWS" : "for the tags Sluice sets itself"),
                    at: at)
            }
            if let problem = TextRules.tagValue.problem(value)
                ?? TextRules.tagCharacterProblem(value, what: "the value of tag '\(key)'")
            {
                diagnostics.error(problem, at: at)
            }
        }
    }

    /// Reports an account name the project does not declare, with the nearest declared one.
    static func checkAccountReference(
        _ name: String, in project: Project, at location: SourceLocation, _ diagnostics: inout Diagnostics
    ) {
        guard project.account(named: name) == nil else { return }
        let names = project.accounts.map(\.name)
        diagnostics.error(
            "unknown account '\(name)'; the project declares \(names.isEmpty ? "none" : names.joined(separator: ", "))"
                + Suggestion.hint(for: name, in: names),
            at: location)
    }
}
