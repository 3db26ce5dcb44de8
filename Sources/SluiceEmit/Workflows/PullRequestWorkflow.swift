/// `sluice-pr.yml`: on a pull request to main, build and test in the processor images' builder, check the generated
/// files and estimate the cost against the base, plan every stack with the read-only plan roles, and keep one comment
/// on the pull request with the cost estimate and the plans.
enum PullRequestWorkflow {
    static func workflow(_ context: WorkflowContext) -> Workflow {
        Workflow(
            header: WorkflowSteps.header([
                "Pull requests to main: build and test, check that the generated files match the declarations,",
                "estimate the cost against the base, plan every stack with the read-only plan roles, and keep one",
                "comment on the pull request with the cost estimate and the plans.",
            ]),
            name: "sluice-pr", triggers: [.pullRequest(branches: ["main"])],
            concurrency: Concurrency(
                group: "sluice-pr-${{ github.event.pull_request.number }}", cancelInProgress: true),
            jobs: [check(context), plan(context), comment(context)])
    }

    static func check(_ context: WorkflowContext) -> Job {
        Job(
            id: "check", name: "Build, test, check generated files",
            comment: [
                "In the processor images' builder (project.swift_version): code that needs another compiler fails",
                "here, not in the first image build on main.",
            ],
            timeoutMinutes: 45, permissions: [.readContents],
            steps: [
                WorkflowSteps.checkout(), WorkflowSteps.checkoutBase(),
                Step(
                    name: "Build, test and check in the builder image",
                    comment: ["Fails with a diff when generated/ or the workflows were edited or not regenerated."],
                    env: [
                        ("BUILDER_IMAGE", .quoted(DockerfileEmitter.builderImage(context.project))),
                        ("PROCESSOR_PRODUCTS", .quoted(context.processorProducts.joined(separator: " "))),
                    ],
                    run: RunScript(.pullRequestCheck)),
                Step(
                    name: "Keep the cost estimate",
                    comment: ["The comment job shows its summary (plan-* artifacts); the whole estimate stays here."],
                    condition: "${{ !cancelled() }}", uses: WorkflowEmitter.uploadArtifact,
                    with: [
                        YAMLEntry("name", "\(fixed: costArtifact)"), YAMLEntry("path", "plans/cost.md"),
                        YAMLEntry("if-no-files-found", "warn"), YAMLEntry("retention-days", .number(7)),
                    ]),
            ])
    }

    /// The check job's artifact holding `plans/cost.md`: named like the plans' so the comment job fetches it too.
    static let costArtifact: StaticString = "plan-cost"

    static func plan(_ context: WorkflowContext) -> Job {
        Job(
            id: "plan", name: "Plan ${{ matrix.stack }}",
            comment: ["Each stack with the read-only plan roles; the summaries (never the saved plans) are kept."],
            needs: ["check"], timeoutMinutes: 45, permissions: [.readContents, .idToken],
            strategy: WorkflowSteps.stackMatrix(context),
            steps: [
                WorkflowSteps.checkout(), WorkflowSteps.checkoutBase(), WorkflowSteps.terraform(),
                WorkflowSteps.aws(context, entry: .plan, session: "sluice-plan"), WorkflowSteps.buildSluice(),
                Step(
                    name: "Plan", env: [("STACK", "${{ matrix.stack }}"), ("IMAGES", .quoted(context.imageTable))],
                    run: RunScript(.pullRequestPlan)),
                Step(
                    name: "Keep the summary",
                    comment: [
                        "Only the summaries: a saved plan and its JSON hold sensitive values in clear, and a pull",
                        "request's plan is never applied.",
                    ],
                    condition: "${{ !cancelled() }}", uses: WorkflowEmitter.uploadArtifact,
                    with: [
                        YAMLEntry("name", "plan-${{ matrix.stack }}"),
                        YAMLEntry("path", .literal(["plans/${{ matrix.stack }}.md", "plans/${{ matrix.stack }}.txt"])),
                        YAMLEntry("if-no-files-found", "warn"), YAMLEntry("retention-days", .number(7)),
                    ]),
            ])
    }

    static func comment(_ context: WorkflowContext) -> Job {
        Job(
            id: "comment", name: "Comment the plans",
            comment: [
                "One comment per pull request, updated in place. Not when the run was cancelled (a newer push",
                "supersedes it), nor when the checks failed before any plan.",
            ],
            needs: ["plan"], condition: "${{ !cancelled() && needs.plan.result != 'skipped' }}", timeoutMinutes: 10,
            permissions: [.writePullRequests],
            steps: [
                Step(
                    name: "Fetch the summaries", uses: WorkflowEmitter.downloadArtifact,
                    with: [
                        YAMLEntry("pattern", "plan-*"), YAMLEntry("path", "plans"), YAMLEntry("merge-multiple", "true"),
                    ]),
                Step(
                    name: "Create or update the comment",
                    env: [
                        ("GH_TOKEN", "${{ github.token }}"), ("PR_NUMBER", "${{ github.event.pull_request.number }}"),
                        ("HEAD_SHA", "${{ github.event.pull_request.head.sha }}"),
                        ("STACKS", .quoted(context.stackNames.joined(separator: " "))),
                    ],
                    run: RunScript(.pullRequestComment)),
            ])
    }
}
