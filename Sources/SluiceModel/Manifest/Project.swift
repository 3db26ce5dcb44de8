/// The project file, `pipelines/sluice.yaml`: what every pipeline shares.
package struct Project: Sendable {
    /// A short name for the project, used in comments and docs.
    package var name: String
    /// Prepended to every AWS resource name, so that several projects can share accounts.
    package var prefix: String
    /// The AWS accounts the pipelines deploy into; each gets its own Terraform stack.
    package var accounts: [Account]
    /// Where Terraform keeps the state of each stack.
    package var state: StateBackend
    /// Tags put on every resource that takes tags (the provider's `default_tags`).
    package var tags: [String: String]
    /// How the generated GitHub workflows reach AWS; nil when none are generated.
    package var github: GitHubSettings?
    /// The Swift release of the processor images' builder, which the pull-request check also compiles and tests in:
    /// named once, here (`project.swift_version`).
    package var swiftVersion: String
    package var origin: Origin

    package init(
        name: String, prefix: String, accounts: [Account], state: StateBackend, tags: [String: String] = [:],
        github: GitHubSettings? = nil, swiftVersion: String = Defaults.swiftVersion, origin: Origin
    ) {
        self.name = name
        self.prefix = prefix
        self.accounts = accounts
        self.state = state
        self.tags = tags
        self.github = github
        self.swiftVersion = swiftVersion
        self.origin = origin
    }

    /// The account with this logical name.
    package func account(named name: String) -> Account? { accounts.first { $0.name == name } }
}

/// One AWS account and how the deploy reaches it.
package struct Account: Sendable {
    /// The logical name pipelines use (`production`, `analytics`); also the stack's folder name.
    package var name: String
    /// The 12-digit account id; the provider refuses to act in any other account.
    package var id: String
    /// The region every resource of this account lives in.
    package var region: String
    /// The role Terraform assumes to deploy into this account.
    package var deployRole: String
    /// A read-only role Terraform assumes to plan a pull request; the deploy role when not given.
    package var planRole: String
    package var origin: Origin

    package init(
        name: String, id: String, region: String, deployRole: String, planRole: String? = nil, origin: Origin
    ) {
        self.name = name
        self.id = id
        self.region = region
        self.deployRole = deployRole
        self.planRole = planRole ?? deployRole
        self.origin = origin
    }
}

/// The S3 backend shared by all stacks; each stack has its own key under `keyPrefix`.
package struct StateBackend: Sendable {
    package var bucket: String
    package var keyPrefix: String
    package var region: String
    /// The account that holds the state bucket; its deploy role is assumed to reach it.
    package var account: String
    /// S3-native state locking (Terraform 1.11+), instead of the deprecated DynamoDB lock.
    package var useLockfile: Bool
    package var origin: Origin

    package init(
        bucket: String, keyPrefix: String = Defaults.stateKeyPrefix, region: String, account: String,
        useLockfile: Bool = true, origin: Origin
    ) {
        self.bucket = bucket
        self.keyPrefix = keyPrefix
        self.region = region
        self.account = account
        self.useLockfile = useLockfile
        self.origin = origin
    }
}

/// The generated GitHub workflows' way into AWS: OIDC into an entry role, which assumes each account's plan or
/// deploy role through Terraform. No long-lived keys.
package struct GitHubSettings: Sendable {
    /// The entry role of deploys from main: it may assume the deploy roles. Its trust policy should admit only
    /// the main branch's deploy environment.
    package var oidcRole: String
    /// The entry role of pull-request plans and drift checks: it may assume only the read-only plan roles, so
    /// a workflow edited in a branch never reaches a deploy role. The deploy entry role when not given.
    package var oidcPlanRole: String
    /// The region the workflows talk to STS in.
    package var region: String
    /// The GitHub environment that gates applies (its protection rules ask for approval).
    package var environment: String
    package var origin: Origin

    package init(
        oidcRole: String, oidcPlanRole: String? = nil, region: String, environment: String = "production",
        origin: Origin
    ) {
        self.oidcRole = oidcRole
        self.oidcPlanRole = oidcPlanRole ?? oidcRole
        self.region = region
        self.environment = environment
        self.origin = origin
    }
}
