/// The text and steps the three workflows share.
enum WorkflowSteps {
    /// The comment lines at the top of a workflow: the generated-file marker, its purpose, what it relies on.
    static func header(_ purpose: [String]) -> [String] {
        [
            "\(GeneratedFile.marker) from pipelines/. Do not edit: change pipelines/ and run `sluice generate`.",
            "",
        ] + purpose + [
            "",
            "Tools come with GitHub's ubuntu-24.04 image (Swift 6, the AWS CLI, gh, jq, Docker with buildx);",
            "the only actions are GitHub's, AWS's and HashiCorp's, each pinned by commit. AWS is reached through",
            "GitHub OIDC and the roles in pipelines/sluice.yaml (github.oidc_plan_role for pull requests and drift",
            "checks, github.oidc_role for deploys from main): there are no long-lived keys.",
        ]
    }

    /// Deploys run from main only, also when dispatched by hand from another branch.
    static let mainOnly: ScalarText = "${{ github.ref == 'refs/heads/main' }}"

    static func checkout() -> Step {
        // No token left in .git/config for later steps (or an uploaded workspace) to pick up.
        Step(name: "Check out", uses: WorkflowEmitter.checkout, with: [YAMLEntry("persist-credentials", "false")])
    }

    /// Where `checkoutBase()` puts the pull request's base: `sluice cost --base` and `sluice plan --base` compare
    /// the branch with the base's committed `generated/` files.
    static let basePath: StaticString = ".sluice/base"

    /// The base branch's `generated/` at the pull request's base commit, beside the branch's own checkout: what
    /// main declares, for the cost delta and the schema guard.
    static func checkoutBase() -> Step {
        Step(
            name: "Check out the base's generated files", uses: WorkflowEmitter.checkout,
            with: [
                YAMLEntry("ref", "${{ github.event.pull_request.base.sha }}"), YAMLEntry("path", "\(fixed: basePath)"),
                YAMLEntry("sparse-checkout", "generated"), YAMLEntry("persist-credentials", "false"),
            ])
    }

    static func terraform() -> Step {
        Step(
            name: "Set up Terraform", comment: ["No wrapper: sluice reads terraform's own output and exit codes."],
            uses: WorkflowEmitter.setupTerraform,
            with: [
                YAMLEntry("terraform_version", "\(fixed: WorkflowEmitter.terraformVersion)"),
                YAMLEntry("terraform_wrapper", "false"),
            ])
    }

    /// Which entry role a job logs in with: pull requests and drift checks get one that can only reach the
    /// read-only plan roles, so a workflow edited in a branch never holds deploy rights.
    enum Entry {
        case plan
        case deploy
    }

    static func aws(
        _ context: WorkflowContext, entry: Entry, session: StaticString, accountCheck: [String]? = nil
    ) -> Step {
        Step(
            name: entry == .plan ? "Assume the plan entry role (OIDC)" : "Assume the deploy entry role (OIDC)",
            comment: ["No allowed-account-ids: the entry role may live in an account of its own."]
                + (accountCheck ?? ["Terraform's provider checks each stack's account once it has assumed its role."]),
            uses: WorkflowEmitter.configureAWSCredentials,
            with: [
                YAMLEntry(
                    "role-to-assume", .quoted(entry == .plan ? context.github.oidcPlanRole : context.github.oidcRole)),
                YAMLEntry("aws-region", .quoted(context.github.region)),
                YAMLEntry("role-session-name", "\(fixed: session)-${{ github.run_id }}"),
            ])
    }

    /// The steps after it call `sluice plan` and `apply` with `--verbose`: a runner is discarded with its job, so
    /// terraform's own output belongs in the job's log rather than only in `.sluice/logs`.
    static func buildSluice() -> Step {
        Step(
            name: "Build sluice",
            comment: ["sluice links snappy and zstd (the Parquet writer's codecs), whose headers the runner lacks."],
            run: RunScript(.buildSluice))
    }

    /// One leg per stack, each to the end: one stack's failure says nothing about the others.
    static func stackMatrix(_ context: WorkflowContext) -> Strategy {
        Strategy(matrix: .axis(name: "stack", values: context.stackNames))
    }
}
