import Yams

/// Decodes `pipelines/sluice.yaml`.
package enum ProjectDecoder {
    /// The project, or nil with every problem in `diagnostics`.
    package static func decode(_ text: String, path: String, diagnostics: inout Diagnostics) -> Project? {
        let file = YAMLFile(path: path)
        defer { diagnostics.append(contentsOf: file.diagnostics) }
        guard let root = file.parse(text), let top = MappingReader(root, path: "", in: file) else { return nil }

        let projectReader = top.mapping("project", required: true)
        let name = projectReader?.requiredString("name")
        let prefix = projectReader?.requiredString("prefix")
        let swiftVersion = projectReader?.string("swift_version", default: Defaults.swiftVersion)
        projectReader?.finish()

        var accounts: [Account] = []
        for item in top.list("accounts", required: true) {
            guard let reader = MappingReader(item.node, path: item.path, in: file) else { continue }
            let accountName = reader.requiredString("name")
            let id = reader.requiredString("id")
            let region = reader.requiredString("region")
            let role = reader.requiredString("deploy_role")
            let planRole = reader.optionalString("plan_role")
            reader.finish()
            if let accountName, let id, let region, let role {
                accounts.append(
                    Account(
                        name: accountName, id: id, region: region, deployRole: role, planRole: planRole,
                        origin: reader.origin))
            }
        }

        var state: StateBackend?
        if let reader = top.mapping("state", required: true) {
            let bucket = reader.requiredString("bucket")
            let keyPrefix = reader.string("key_prefix", default: Defaults.stateKeyPrefix)
            let region = reader.requiredString("region")
            let account = reader.requiredString("account")
            let lockfile = reader.bool("use_lockfile", default: true)
            reader.finish()
            if let bucket, let region, let account {
                state = StateBackend(
                    bucket: bucket, keyPrefix: keyPrefix, region: region, account: account, useLockfile: lockfile,
                    origin: reader.origin)
            }
        }
        let tags = top.stringMap("tags")
        var github: GitHubSettings?
        if let reader = top.mapping("github", required: false) {
            let role = reader.requiredString("oidc_role")
            let planRole = reader.optionalString("oidc_plan_role")
            let region = reader.requiredString("region")
            let environment = reader.string("environment", default: "production")
            reader.finish()
            if let role, let region {
                github = GitHubSettings(
                    oidcRole: role, oidcPlanRole: planRole, region: region, environment: environment,
                    origin: reader.origin)
            }
        }
        top.finish()

        guard let name, let prefix, let state, let projectReader else { return nil }
        var origin = projectReader.origin
        origin.fields["accounts"] = top.origin.fields["accounts"]
        origin.fields["tags"] = top.origin.fields["tags"]
        return Project(
            name: name, prefix: prefix, accounts: accounts, state: state, tags: tags, github: github,
            swiftVersion: swiftVersion ?? Defaults.swiftVersion, origin: origin)
    }
}
