/// `sluice-drift.yml`: daily, plan every stack with the read-only plan roles, and keep one issue per drifting stack.
enum DriftWorkflow {
    static func workflow(_ context: WorkflowContext) -> Workflow {
        Workflow(
            header: WorkflowSteps.header([
                "Daily: plan every stack with the read-only plan roles. A stack whose plan has changes gets one open",
                "issue, \"Drift in stack <stack>\", updated while the drift lasts and closed once it is gone.",
            ]),
            name: "sluice-drift", triggers: [.schedule(cron: ["23 5 * * *"]), .workflowDispatch],
            concurrency: Concurrency(group: "sluice-drift", cancelInProgress: false),
            jobs: [plan(context), report(context)])
    }

    static func plan(_ context: WorkflowContext) -> Job {
        Job(
            id: "plan", name: "Drift ${{ matrix.stack }}",
            comment: ["Plan each stack with its read-only role; a plan with changes is drift."],
            timeoutMinutes: 45, permissions: [.readContents, .idToken], strategy: WorkflowSteps.stackMatrix(context),
            steps: [
                WorkflowSteps.checkout(), WorkflowSteps.terraform(),
                WorkflowSteps.aws(context, entry: .plan, session: "sluice-drift"), WorkflowSteps.buildSluice(),
                Step(
                    name: "Plan", env: [("STACK", "${{ matrix.stack }}"), ("IMAGES", .quoted(context.imageTable))],
                    run: RunScript(.driftPlan)),
                Step(
                    name: "Keep the result", uses: WorkflowEmitter.uploadArtifact,
                    with: [
                        YAMLEntry("name", "drift-${{ matrix.stack }}"), YAMLEntry("path", "drift/"),
                        YAMLEntry("if-no-files-found", "error"), YAMLEntry("retention-days", .number(7)),
                    ]),
            ])
    }

    static func report(_ context: WorkflowContext) -> Job {
        Job(
            id: "report", name: "Open, update or close drift issues",
            comment: ["The only job that may write issues, and it holds no AWS credentials."],
            needs: ["plan"], condition: "${{ !cancelled() }}", timeoutMinutes: 10, permissions: [.writeIssues],
            steps: [
                Step(
                    name: "Fetch the results", uses: WorkflowEmitter.downloadArtifact,
                    with: [
                        YAMLEntry("pattern", "drift-*"), YAMLEntry("path", "drift"),
                        YAMLEntry("merge-multiple", "true"),
                    ]),
                Step(
                    name: "One issue per drifting stack",
                    env: [
                        ("GH_TOKEN", "${{ github.token }}"), ("GH_REPO", "${{ github.repository }}"),
                        ("STACKS", .quoted(context.stackNames.joined(separator: " "))),
                    ],
                    run: RunScript(.driftIssues)),
            ])
    }
}
