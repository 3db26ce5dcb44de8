import SluiceCloud

/// `sluice-deploy.yml`: on main, one chain of jobs in apply order: the image repositories' stacks, then each
/// processor's image built and pushed, then the stacks whose functions deploy the pushed digests.
enum DeployWorkflow {
    static func workflow(_ context: WorkflowContext) -> Workflow {
        // The repositories' stacks first, so the images job finds a new pipeline's repository; then the images; then
        // the stacks whose functions deploy the pushed digests. Apply order puts every images stack first.
        var jobs: [Job] = []
        var previous: String?
        for stack in context.stacks where stack.holdsImages {
            let job = apply(context, stack, after: previous)
            jobs.append(job)
            previous = job.id
        }
        jobs.append(images(context, after: previous))
        previous = "images"
        for stack in context.stacks where !stack.holdsImages {
            let job = apply(context, stack, after: previous)
            jobs.append(job)
            previous = job.id
        }
        return Workflow(
            header: WorkflowSteps.header([
                "Main: plan and apply the stacks one after another in apply order, each behind the GitHub environment",
                "that gates deploys: first the image repositories (<account>-images), then build and push each",
                "processor's image, then the stacks whose functions deploy the pushed digests. A new pipeline deploys",
                "with no manual step: its repository exists before its image is pushed.",
            ]),
            name: "sluice-deploy", triggers: [.push(branches: ["main"]), .workflowDispatch],
            // One deploy at a time, never cancelled; a newer commit waiting replaces an older one still waiting.
            concurrency: Concurrency(group: "sluice-deploy", cancelInProgress: false), jobs: jobs)
    }

    static func images(_ context: WorkflowContext, after previous: String?) -> Job {
        let legs = context.images.map { image -> [(key: ScalarText, value: String)] in
            [
                ("processor", image.processor), ("platform", WorkflowEmitter.platform(image.architecture)),
                ("runner", image.runner), ("account", image.account.id), ("region", image.account.region),
                ("repository", image.repository), ("repository-url", image.repositoryURL),
                ("deploy-role", image.account.deployRole),
            ]
        }
        return Job(
            id: "images", name: "Image ${{ matrix.processor }}",
            comment: [
                "Each processor on a runner of its architecture. The digest goes to the apply jobs as an artifact: a",
                "matrix job cannot set one output per leg. Main only, also when dispatched by hand: every apply needs",
                "this job.",
            ],
            needs: previous.map { [$0] } ?? [], condition: WorkflowSteps.mainOnly, runsOn: "${{ matrix.runner }}",
            timeoutMinutes: 60, permissions: [.readContents, .idToken], strategy: Strategy(matrix: .include(legs)),
            steps: [
                WorkflowSteps.checkout(),
                WorkflowSteps.aws(
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
                    name: "Hand the digest to the apply jobs", uses: WorkflowEmitter.uploadArtifact,
                    with: [
                        YAMLEntry("name", "image-${{ matrix.processor }}"),
                        YAMLEntry("path", "digests/image-${{ matrix.processor }}.txt"),
                        YAMLEntry("if-no-files-found", "error"), YAMLEntry("retention-days", .number(7)),
                    ]),
            ])
    }

    static func apply(_ context: WorkflowContext, _ stack: Stack, after previous: String?) -> Job {
        let images = context.images(in: stack)
        var steps = [
            WorkflowSteps.checkout(), WorkflowSteps.terraform(),
            WorkflowSteps.aws(context, entry: .deploy, session: "sluice-apply"),
        ]
        var scripts: [WorkflowScript] = []
        var env: [(name: ScalarText, value: ScalarText)] = [("STACK", .quoted(stack.name))]
        if !images.isEmpty {
            steps.append(
                Step(
                    name: "Fetch the image digests", uses: WorkflowEmitter.downloadArtifact,
                    with: [
                        YAMLEntry("pattern", "image-*"), YAMLEntry("path", "digests"),
                        YAMLEntry("merge-multiple", "true"),
                    ]))
            // One processor a line: Terraform variable, processor and repository URL, separated by tabs.
            let table = images.map { [$0.variable, $0.processor, $0.repositoryURL].joined(separator: "\t") }
            env.append(("IMAGES", .quoted(table.joined(separator: "\n"))))
            // The processors of this stack deploy the digest the images job pushed.
            scripts.append(.deployImageDigests)
        }
        scripts.append(.deployApply)
        steps += [WorkflowSteps.buildSluice(), Step(name: "Plan and apply", env: env, run: RunScript(scripts))]
        let order = context.stackNames
        let position = (order.firstIndex(of: stack.name) ?? 0) + 1
        return Job(
            id: "apply-\(stack.name)", name: .text("Apply \(stack.name)"),
            comment: [
                "Stack \(position) of \(order.count) in apply order. One apply per state at a time, never cancelled."
            ],
            // The first job (an images stack) has nothing to wait for: it carries the main-only condition itself.
            needs: previous.map { [$0] } ?? [], condition: previous == nil ? WorkflowSteps.mainOnly : nil,
            environment: context.github.environment,
            concurrency: Concurrency(group: .text("sluice-apply-\(stack.name)"), cancelInProgress: false),
            timeoutMinutes: 60, permissions: [.readContents, .idToken], steps: steps)
    }
}
