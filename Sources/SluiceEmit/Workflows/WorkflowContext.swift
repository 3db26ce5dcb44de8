import SluiceCloud
import SluiceModel

/// What the workflows are generated from: the project's GitHub settings, its stacks in apply order and its
/// processors' images.
struct WorkflowContext {
    var project: Project
    var github: GitHubSettings
    /// The stacks `generated/terraform` holds, in apply order.
    var stacks: [Stack]
    var images: [ProcessorImage]

    init(graph: CloudGraph, github: GitHubSettings, pipelines: [Pipeline]) {
        self.project = graph.project
        self.github = github
        // The same selection as TerraformEmitter: a stack without resources has no folder.
        self.stacks = graph.stacks.filter { !$0.resources.isEmpty }
        var images: [ProcessorImage] = []
        for pipeline in pipelines.sorted(by: { $0.name < $1.name }) {
            guard let names = Names(project: graph.project, pipeline: pipeline) else { continue }
            images.append(
                ProcessorImage(
                    pipeline: pipeline.name, processor: pipeline.processor.name,
                    target: pipeline.processor.targetName, architecture: pipeline.processor.architecture,
                    stack: names.analyticsAccount.name, account: names.analyticsAccount, repository: names.repository,
                    function: names.function, variable: names.imageVariable))
        }
        self.images = images
    }

    func images(in stack: Stack) -> [ProcessorImage] { images.filter { $0.stack == stack.name } }
    /// The executable products the processor images build, one per declared processor.
    var processorProducts: [String] { images.map(\.target) }
    var stackNames: [String] { stacks.map(\.name) }

    /// The processors a plan step needs the current image of, one per line: stack, Terraform variable, function,
    /// region, repository URL and plan role, separated by tabs. It reaches current-images.sh through `env:` as
    /// `IMAGES`.
    var imageTable: String {
        images.map {
            [$0.stack, $0.variable, $0.function, $0.account.region, $0.repositoryURL, $0.account.planRole]
                .joined(separator: "\t")
        }.joined(separator: "\n")
    }
}

/// One processor's image: where it is built, pushed and deployed.
struct ProcessorImage {
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
