import SluiceCloud
import SluiceModel

/// `.github/workflows/sluice-pr.yml`, `sluice-deploy.yml` and `sluice-drift.yml`: plan pull requests, build the
/// processor images and apply the stacks on main, and look for drift daily. Only generated when the project has a
/// `github` section.
///
/// The workflows reach AWS through GitHub OIDC and the project's entry role only; the `sluice` binary built from
/// the checkout runs Terraform, which assumes each account's plan or deploy role itself.
package enum WorkflowEmitter {
    /// Where GitHub reads workflows; an owned folder, so `check` and `generate` cover the generated ones.
    package static let folder = ".github/workflows"
    /// Pull requests: build, test, check, plan every stack and comment the plans.
    package static let pullRequestPath = "\(folder)/sluice-pr.yml"
    /// Main: push the processor images, then plan and apply each stack in apply order.
    package static let deployPath = "\(folder)/sluice-deploy.yml"
    /// Daily: plan every stack and keep one issue per drifting stack.
    package static let driftPath = "\(folder)/sluice-drift.yml"

    /// GitHub's image, pinned by version rather than `ubuntu-latest`, so a new image never changes a deploy unseen.
    package static let runner = "ubuntu-24.04"
    /// The same image on arm64, for processors of that architecture: a Swift build under emulation takes hours.
    package static let armRunner = "ubuntu-24.04-arm"
    /// The Terraform release the jobs install, in the series the generated stacks require.
    package static let terraformVersion = "1.11.4"

    /// The only actions the workflows use, each pinned by its full commit SHA (verified) with its release: GitHub's
    /// checkout first.
    package static let checkout = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2"
    /// AWS's action for GitHub OIDC credentials.
    package static let configureAWSCredentials =
        "aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502 # v4.0.2"
    /// HashiCorp's action that installs Terraform.
    package static let setupTerraform = "hashicorp/setup-terraform@b9cd54a3c349d3f38e8881555d616ced269862dd # v3.1.2"
    /// Keeps plan summaries, image digests and drift results between jobs.
    package static let uploadArtifact = "actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2"
    /// Reads what `uploadArtifact` kept, in a later job of the same run.
    package static let downloadArtifact = "actions/download-artifact@fa0a91b85d4f404e444e00e005971372dc801d16 # v4.1.8"

    /// The marker of the one pull-request comment the plans are kept in.
    package static let commentMarker = "<!-- sluice-plan -->"
    /// Below GitHub's 65,536-character limit for a comment or issue body, in bytes (never fewer than characters).
    package static let bodyLimit = 65_000

    /// The three workflows, or none when the project has no `github` section.
    package static func files(graph: CloudGraph, pipelines: [Pipeline]) -> [GeneratedFile] {
        guard let github = graph.project.github else { return [] }
        let context = Context(graph: graph, github: github, pipelines: pipelines)
        return [
            GeneratedFile(path: pullRequestPath, contents: pullRequest(context).render()),
            GeneratedFile(path: deployPath, contents: deploy(context).render()),
            GeneratedFile(path: driftPath, contents: drift(context).render()),
        ]
    }

    /// The `docker buildx --platform` of an architecture.
    package static func platform(_ architecture: Architecture) -> String {
        switch architecture {
        case .arm64: "linux/arm64"
        case .x86_64: "linux/amd64"
        }
    }

    // MARK: - What the workflows are generated from

    /// One processor's image: where it is built, pushed and deployed.
    struct Image {
        var pipeline: String
        var processor: String
        /// The processor's Swift target and product, which its image builds.
        var target: String
        var architecture: Architecture
        /// The stack (account) holding the repository and the function.
        var stack: String
        var account: Account
        var repository: String
        var function: String
        /// The stack's Terraform variable that carries the image URI.
        var variable: String

        var repositoryURL: String { "\(account.id).dkr.ecr.\(account.region).amazonaws.com/\(repository)" }
        var runner: String { architecture == .arm64 ? WorkflowEmitter.armRunner : WorkflowEmitter.runner }
    }

    struct Context {
        var project: Project
        var github: GitHubSettings
        /// The stacks `generated/terraform` holds, in apply order.
        var stacks: [Stack]
        var images: [Image]

        init(graph: CloudGraph, github: GitHubSettings, pipelines: [Pipeline]) {
            self.project = graph.project
            self.github = github
            // The same selection as TerraformEmitter: a stack without resources has no folder.
            self.stacks = graph.stacks.filter { !$0.resources.isEmpty }
            var images: [Image] = []
            for pipeline in pipelines.sorted(by: { $0.name < $1.name }) {
                guard let names = Names(project: graph.project, pipeline: pipeline) else { continue }
                let stack = names.analyticsAccount.name
                let variable = names.imageVariable
                images.append(
                    Image(
                        pipeline: pipeline.name, processor: pipeline.processor.name,
                        target: pipeline.processor.targetName, architecture: pipeline.processor.architecture,
                        stack: stack, account: names.analyticsAccount, repository: names.repository,
                        function: names.function, variable: variable))
            }
            self.images = images
        }

        func images(in stack: Stack) -> [Image] { images.filter { $0.stack == stack.name } }
        /// The executable products the processor images build, one per declared processor.
        var processorProducts: [String] { images.map(\.target) }
        var stackNames: [String] { stacks.map(\.name) }
    }

    // MARK: - Shared text

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

    static func checkoutStep() -> Step {
        // No token left in .git/config for later steps (or an uploaded workspace) to pick up.
        Step(name: "Check out", uses: checkout, with: [("persist-credentials", "false")])
    }

    static func terraformStep() -> Step {
        Step(
            name: "Set up Terraform", comment: ["No wrapper: sluice reads terraform's own output and exit codes."],
            uses: setupTerraform, with: [("terraform_version", terraformVersion), ("terraform_wrapper", "false")])
    }

    /// Which entry role a job logs in with: pull requests and drift checks get one that can only reach the
    /// read-only plan roles, so a workflow edited in a branch never holds deploy rights.
    enum Entry {
        case plan
        case deploy
    }

    static func awsStep(_ context: Context, entry: Entry, session: String, accountCheck: [String]? = nil) -> Step {
        Step(
            name: entry == .plan ? "Assume the plan entry role (OIDC)" : "Assume the deploy entry role (OIDC)",
            comment: ["No allowed-account-ids: the entry role may live in an account of its own."]
                + (accountCheck ?? ["Terraform's provider checks each stack's account once it has assumed its role."]),
            uses: configureAWSCredentials,
            with: [
                ("role-to-assume", YAML.quoted(entry == .plan ? context.github.oidcPlanRole : context.github.oidcRole)),
                ("aws-region", YAML.quoted(context.github.region)),
                ("role-session-name", "\(session)-${{ github.run_id }}"),
            ])
    }

    /// The steps after it call `sluice plan` and `apply` with `--verbose`: a runner is discarded with its job, so
    /// terraform's own output belongs in the job's log rather than only in `.sluice/logs`.
    static func buildSluiceStep() -> Step {
        Step(
            name: "Build sluice",
            comment: ["sluice links snappy and zstd (the Parquet writer's codecs), whose headers the runner lacks."],
            run: RunScript(.buildSluice))
    }

    /// The processors a plan step needs the current image of, one per line: stack, Terraform variable, function,
    /// region, repository URL and plan role, separated by tabs. It reaches the script through `env:` as `IMAGES`.
    static func imageTable(_ context: Context) -> String {
        context.images.map {
            [$0.stack, $0.variable, $0.function, $0.account.region, $0.repositoryURL, $0.account.planRole]
                .joined(separator: "\t")
        }.joined(separator: "\n")
    }

    static func matrix(_ names: [String]) -> [String] {
        ["fail-fast: false", "matrix:", "  stack: \(YAML.list(names))"]
    }

    // MARK: - Pull requests

    static func pullRequest(_ context: Context) -> Workflow {
        let stacks = context.stackNames
        let check = Job(
            id: "check", name: "Build, test, check generated files",
            comment: [
                "In the processor images' builder (project.swift_version): code that needs another compiler fails",
                "here, not in the first image build on main.",
            ],
            timeoutMinutes: 45, permissions: [.readContents],
            steps: [
                checkoutStep(),
                Step(
                    name: "Build, test and check in the builder image",
                    comment: ["Fails with a diff when generated/ or the workflows were edited or not regenerated."],
                    env: [
                        ("BUILDER_IMAGE", YAML.quoted(DockerfileEmitter.builderImage(context.project))),
                        ("PROCESSOR_PRODUCTS", YAML.quoted(context.processorProducts.joined(separator: " "))),
                    ],
                    run: RunScript(.pullRequestCheck)),
            ])
        let plan = Job(
            id: "plan", name: "Plan ${{ matrix.stack }}",
            comment: ["Each stack with the read-only plan roles; the summaries (never the saved plans) are kept."],
            needs: ["check"], timeoutMinutes: 45, permissions: [.readContents, .idToken],
            strategy: matrix(stacks),
            steps: [
                checkoutStep(), terraformStep(), awsStep(context, entry: .plan, session: "sluice-plan"),
                buildSluiceStep(),
                Step(
                    name: "Plan",
                    env: [("STACK", "${{ matrix.stack }}"), ("IMAGES", YAML.quoted(imageTable(context)))],
                    run: RunScript(.pullRequestPlan)),
                Step(
                    name: "Keep the summary",
                    comment: [
                        "Only the summaries: a saved plan and its JSON hold sensitive values in clear, and a pull",
                        "request's plan is never applied.",
                    ],
                    condition: "${{ !cancelled() }}", uses: uploadArtifact,
                    with: [
                        ("name", "plan-${{ matrix.stack }}"),
                        ("path", "|\nplans/${{ matrix.stack }}.md\nplans/${{ matrix.stack }}.txt"),
                        ("if-no-files-found", "warn"), ("retention-days", "7"),
                    ]),
            ])
        let comment = Job(
            id: "comment", name: "Comment the plans",
            comment: [
                "One comment per pull request, updated in place. Not when the run was cancelled (a newer push",
                "supersedes it), nor when the checks failed before any plan.",
            ],
            needs: ["plan"], condition: "${{ !cancelled() && needs.plan.result != 'skipped' }}", timeoutMinutes: 10,
            permissions: [.writePullRequests],
            steps: [
                Step(
                    name: "Fetch the summaries", uses: downloadArtifact,
                    with: [("pattern", "plan-*"), ("path", "plans"), ("merge-multiple", "true")]),
                Step(
                    name: "Create or update the comment",
                    env: [
                        ("GH_TOKEN", "${{ github.token }}"), ("PR_NUMBER", "${{ github.event.pull_request.number }}"),
                        ("HEAD_SHA", "${{ github.event.pull_request.head.sha }}"),
                        ("STACKS", YAML.quoted(stacks.joined(separator: " "))),
                    ],
                    run: RunScript(.pullRequestComment)),
            ])
        return Workflow(
            header: header([
                "Pull requests to main: build and test, check that the generated files match the declarations, plan",
                "every stack with the read-only plan roles, and keep one comment on the pull request with the plans.",
            ]),
            name: "sluice-pr", triggers: ["pull_request:", "  branches: [main]"],
            concurrency: Concurrency(
                group: "sluice-pr-${{ github.event.pull_request.number }}", cancelInProgress: true),
            jobs: [check, plan, comment])
    }

    // MARK: - Deploy

    static func deploy(_ context: Context) -> Workflow {
        // The repositories' stacks first, so the images job finds a new pipeline's repository; then the images; then
        // the stacks whose functions deploy the pushed digests. Apply order puts every images stack first.
        var jobs: [Job] = []
        var previous: String?
        for stack in context.stacks where stack.holdsImages {
            let job = applyJob(context, stack, after: previous)
            jobs.append(job)
            previous = job.id
        }
        jobs.append(imagesJob(context, after: previous))
        previous = "images"
        for stack in context.stacks where !stack.holdsImages {
            let job = applyJob(context, stack, after: previous)
            jobs.append(job)
            previous = job.id
        }
        return Workflow(
            header: header([
                "Main: plan and apply the stacks one after another in apply order, each behind the GitHub environment",
                "that gates deploys: first the image repositories (<account>-images), then build and push each",
                "processor's image, then the stacks whose functions deploy the pushed digests. A new pipeline deploys",
                "with no manual step: its repository exists before its image is pushed.",
            ]),
            name: "sluice-deploy", triggers: ["push:", "  branches: [main]", "workflow_dispatch:"],
            // One deploy at a time, never cancelled; a newer commit waiting replaces an older one still waiting.
            concurrency: Concurrency(group: "sluice-deploy", cancelInProgress: false), jobs: jobs)
    }

    static func imagesJob(_ context: Context, after previous: String?) -> Job {
        var include: [String] = []
        for image in context.images {
            include += [
                "- processor: \(YAML.quoted(image.processor))",
                "  platform: \(YAML.quoted(platform(image.architecture)))",
                "  runner: \(YAML.quoted(image.runner))",
                "  account: \(YAML.quoted(image.account.id))",
                "  region: \(YAML.quoted(image.account.region))",
                "  repository: \(YAML.quoted(image.repository))",
                "  repository-url: \(YAML.quoted(image.repositoryURL))",
                "  deploy-role: \(YAML.quoted(image.account.deployRole))",
            ]
        }
        return Job(
            id: "images", name: "Image ${{ matrix.processor }}",
            comment: [
                "Each processor on a runner of its architecture. The digest goes to the apply jobs as an artifact: a",
                "matrix job cannot set one output per leg. Main only, also when dispatched by hand: every apply needs",
                "this job.",
            ],
            needs: previous.map { [Job.identifier($0)] } ?? [], condition: mainOnly, runsOn: "${{ matrix.runner }}",
            timeoutMinutes: 60,
            permissions: [.readContents, .idToken],
            strategy: ["fail-fast: false", "matrix:", "  include:"] + include.map { "    \($0)" },
            steps: [
                checkoutStep(),
                awsStep(
                    context, entry: .deploy, session: "sluice-images",
                    accountCheck: ["The next step checks the account it uses."]),
                Step(
                    name: "Build and push",
                    env: [
                        ("PROCESSOR", "${{ matrix.processor }}"), ("PLATFORM", "${{ matrix.platform }}"),
                        ("REGION", "${{ matrix.region }}"), ("REPOSITORY", "${{ matrix.repository }}"),
                        ("REPOSITORY_URL", "${{ matrix.repository-url }}"), ("ACCOUNT_ID", "${{ matrix.account }}"),
                        ("DEPLOY_ROLE", "${{ matrix.deploy-role }}"),
                    ],
                    run: RunScript(.deployImage)),
                Step(
                    name: "Hand the digest to the apply jobs", uses: uploadArtifact,
                    with: [
                        ("name", "image-${{ matrix.processor }}"),
                        ("path", "digests/image-${{ matrix.processor }}.txt"),
                        ("if-no-files-found", "error"), ("retention-days", "7"),
                    ]),
            ])
    }

    /// Deploys run from main only, also when dispatched by hand from another branch.
    static let mainOnly = "${{ github.ref == 'refs/heads/main' }}"

    static func applyJob(_ context: Context, _ stack: Stack, after previous: String?) -> Job {
        let images = context.images(in: stack)
        var steps = [checkoutStep(), terraformStep(), awsStep(context, entry: .deploy, session: "sluice-apply")]
        var scripts: [WorkflowScript] = []
        var env = [("STACK", YAML.quoted(stack.name))]
        if !images.isEmpty {
            steps.append(
                Step(
                    name: "Fetch the image digests", uses: downloadArtifact,
                    with: [("pattern", "image-*"), ("path", "digests"), ("merge-multiple", "true")]))
            // One processor a line: Terraform variable, processor and repository URL, separated by tabs.
            let table = images.map { [$0.variable, $0.processor, $0.repositoryURL].joined(separator: "\t") }
            env.append(("IMAGES", YAML.quoted(table.joined(separator: "\n"))))
            scripts.append(.deployImageDigests)
        }
        scripts.append(.deployApply)
        steps += [buildSluiceStep(), Step(name: "Plan and apply", env: env, run: RunScript(scripts))]
        let order = context.stackNames
        let position = (order.firstIndex(of: stack.name) ?? 0) + 1
        return Job(
            id: "apply-\(stack.name)", name: YAML.scalar("Apply \(stack.name)"),
            comment: [
                "Stack \(position) of \(order.count) in apply order. One apply per state at a time, never cancelled."
            ],
            // The first job (an images stack) has nothing to wait for: it carries the main-only condition itself.
            needs: previous.map { [Job.identifier($0)] } ?? [], condition: previous == nil ? mainOnly : nil,
            environment: context.github.environment,
            concurrency: Concurrency(group: YAML.scalar("sluice-apply-\(stack.name)"), cancelInProgress: false),
            timeoutMinutes: 60,
            permissions: [.readContents, .idToken], steps: steps)
    }

    // MARK: - Drift

    static func drift(_ context: Context) -> Workflow {
        let stacks = context.stackNames
        let plan = Job(
            id: "plan", name: "Drift ${{ matrix.stack }}",
            comment: ["Plan each stack with its read-only role; a plan with changes is drift."],
            timeoutMinutes: 45, permissions: [.readContents, .idToken], strategy: matrix(stacks),
            steps: [
                checkoutStep(), terraformStep(), awsStep(context, entry: .plan, session: "sluice-drift"),
                buildSluiceStep(),
                Step(
                    name: "Plan",
                    env: [("STACK", "${{ matrix.stack }}"), ("IMAGES", YAML.quoted(imageTable(context)))],
                    run: RunScript(.driftPlan)),
                Step(
                    name: "Keep the result", uses: uploadArtifact,
                    with: [
                        ("name", "drift-${{ matrix.stack }}"), ("path", "drift/"), ("if-no-files-found", "error"),
                        ("retention-days", "7"),
                    ]),
            ])
        let report = Job(
            id: "report", name: "Open, update or close drift issues",
            comment: ["The only job that may write issues, and it holds no AWS credentials."],
            needs: ["plan"], condition: "${{ !cancelled() }}", timeoutMinutes: 10, permissions: [.writeIssues],
            steps: [
                Step(
                    name: "Fetch the results", uses: downloadArtifact,
                    with: [("pattern", "drift-*"), ("path", "drift"), ("merge-multiple", "true")]),
                Step(
                    name: "One issue per drifting stack",
                    env: [
                        ("GH_TOKEN", "${{ github.token }}"), ("GH_REPO", "${{ github.repository }}"),
                        ("STACKS", YAML.quoted(stacks.joined(separator: " "))),
                    ],
                    run: RunScript(.driftIssues)),
            ])
        return Workflow(
            header: header([
                "Daily: plan every stack with the read-only plan roles. A stack whose plan has changes gets one open",
                "issue, \"Drift in stack <stack>\", updated while the drift lasts and closed once it is gone.",
            ]),
            name: "sluice-drift", triggers: ["schedule:", "  - cron: \"23 5 * * *\"", "workflow_dispatch:"],
            concurrency: Concurrency(group: "sluice-drift", cancelInProgress: false), jobs: [plan, report])
    }

}
