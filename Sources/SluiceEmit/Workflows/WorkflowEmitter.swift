import SluiceCloud
import SluiceModel

/// `.github/workflows/sluice-pr.yml`, `sluice-deploy.yml` and `sluice-drift.yml`: plan pull requests, build the
/// processor images and apply the stacks on main, and look for drift daily. Only generated when the project has a
/// `github` section.
///
/// Each workflow is built in a file of its own (PullRequestWorkflow, DeployWorkflow, DriftWorkflow) from the typed
/// model of WorkflowModel.swift, written by YAMLWriter; each step's script is a committed file of Workflows/Scripts
/// (WorkflowScript). The workflows reach AWS through GitHub OIDC and the project's entry role only; the `sluice`
/// binary built from the checkout runs Terraform, which assumes each account's plan or deploy role itself.
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
    package static let terraformVersion: StaticString = "1.11.4"

    /// The only actions the workflows use, each pinned by its full commit SHA (verified) with its release: GitHub's
    /// checkout first.
    static let checkout = PinnedAction(
        name: "actions/checkout", commit: "11bd71901bbe5b1630ceea73d27597364c9af683", version: "v4.2.2")
    /// AWS's action for GitHub OIDC credentials.
    static let configureAWSCredentials = PinnedAction(
        name: "aws-actions/configure-aws-credentials", commit: "e3dd6a429d7300a6a4c196c26e071d42e0343502",
        version: "v4.0.2")
    /// HashiCorp's action that installs Terraform.
    static let setupTerraform = PinnedAction(
        name: "hashicorp/setup-terraform", commit: "b9cd54a3c349d3f38e8881555d616ced269862dd", version: "v3.1.2")
    /// Keeps plan summaries, image digests and drift results between jobs.
    static let uploadArtifact = PinnedAction(
        name: "actions/upload-artifact", commit: "ea165f8d65b6e75b540449e92b4886f43607fa02", version: "v4.6.2")
    /// Reads what `uploadArtifact` kept, in a later job of the same run.
    static let downloadArtifact = PinnedAction(
        name: "actions/download-artifact", commit: "fa0a91b85d4f404e444e00e005971372dc801d16", version: "v4.1.8")
    /// Every action the workflows may use.
    static let actions = [checkout, configureAWSCredentials, setupTerraform, uploadArtifact, downloadArtifact]

    /// The marker of the one pull-request comment the plans are kept in (pr-comment.sh spells it out).
    package static let commentMarker = "<!-- sluice-plan -->"
    /// Below GitHub's 65,536-character limit for a comment or issue body, in bytes (never fewer than characters;
    /// fit-body.sh spells it out).
    package static let bodyLimit = 65_000

    /// The three workflows, or none when the project has no `github` section.
    package static func files(graph: CloudGraph, pipelines: [Pipeline]) -> [GeneratedFile] {
        guard let github = graph.project.github else { return [] }
        let context = WorkflowContext(graph: graph, github: github, pipelines: pipelines)
        return [
            GeneratedFile(path: pullRequestPath, contents: PullRequestWorkflow.workflow(context).render()),
            GeneratedFile(path: deployPath, contents: DeployWorkflow.workflow(context).render()),
            GeneratedFile(path: driftPath, contents: DriftWorkflow.workflow(context).render()),
        ]
    }

    /// The `docker buildx --platform` of an architecture.
    package static func platform(_ architecture: Architecture) -> String {
        switch architecture {
        case .arm64: "linux/arm64"
        case .x86_64: "linux/amd64"
        }
    }
}
