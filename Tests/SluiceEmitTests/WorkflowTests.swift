import Foundation
import SluiceCloud
import SluiceModel
import Testing

@testable import SluiceCommands
@testable import SluiceEmit

/// The example's declaration, loaded from the repository.
private func example() throws -> (project: Project, pipelines: [Pipeline]) {
    let workspace = ProjectFiles(root: repositoryRoot).load()
    return (try #require(workspace.project), workspace.pipelines)
}

private func file(_ path: String, in files: [GeneratedFile]) throws -> String {
    try #require(files.first { $0.path == path }, "\(path) is not generated").contents
}

/// The lines of one job of a workflow: from `  <id>:` to the next job.
private func job(_ id: String, in workflow: String) throws -> [String] {
    let lines = workflow.components(separatedBy: "\n")
    let start = try #require(lines.firstIndex(of: "  \(id):"), "no job \(id)")
    let rest = lines[(start + 1)...]
    let end = rest.firstIndex { $0.count > 2 && $0.hasPrefix("  ") && !$0.hasPrefix("   ") && !$0.hasPrefix("  #") }
    return Array(rest[..<(end ?? rest.endIndex)])
}

/// The body of every `run:` in a workflow: a one-line command, or the lines of its block scalar.
private func runScripts(_ workflow: String) -> [String] {
    var scripts: [String] = []
    let lines = workflow.components(separatedBy: "\n")
    var index = 0
    while index < lines.count {
        let line = lines[index]
        let trimmed = line.drop { $0 == " " }
        index += 1
        guard trimmed.hasPrefix("run: ") else { continue }
        let value = trimmed.dropFirst("run: ".count)
        guard value == "|" else {
            scripts.append(String(value))
            continue
        }
        let indent = line.count - trimmed.count
        var body: [String] = []
        while index < lines.count, lines[index].isEmpty || lines[index].prefix(while: { $0 == " " }).count > indent {
            body.append(lines[index])
            index += 1
        }
        scripts.append(body.joined(separator: "\n"))
    }
    return scripts
}

@Suite("Generated GitHub workflows and Dockerfiles")
struct WorkflowTests {
    static let workflows = [WorkflowEmitter.pullRequestPath, WorkflowEmitter.deployPath, WorkflowEmitter.driftPath]

    @Test("the example, which has a github section, gets the three workflows and one Dockerfile per processor")
    func generated() throws {
        let files = try exampleFiles()
        for path in Self.workflows + ["generated/docker/integration-enricher/Dockerfile"] {
            let contents = try file(path, in: files)
            #expect(GeneratedFile.isOwned(Array(contents.utf8)), "\(path) lacks the marker in its first bytes")
            #expect(contents.hasSuffix("\n") && !contents.hasSuffix("\n\n"))
        }
        #expect(Generator.ownedFolders.contains(".github/workflows"))
    }

    @Test("no github section: no workflows and no Dockerfiles")
    func withoutGitHub() throws {
        var (project, pipelines) = try example()
        project.github = nil
        let paths = Generator.files(project: project, pipelines: pipelines).map(\.path)
        #expect(!paths.contains { $0.hasPrefix(".github/") || $0.hasPrefix(DockerfileEmitter.folder) })
    }

    @Test("every action is one of the five allowed, pinned by a full commit SHA with its version")
    func pinnedActions() throws {
        let files = try exampleFiles()
        let pattern = /^ *(- )?uses: ([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)@([0-9a-f]{40}) # v[0-9]+(\.[0-9]+)*$/
        var used: Set<String> = []
        for path in Self.workflows {
            let lines = try file(path, in: files).components(separatedBy: "\n").filter { $0.contains("uses:") }
            #expect(!lines.isEmpty)
            for line in lines {
                #expect(line.wholeMatch(of: pattern) != nil, "\(path): \(line)")
                used.insert(line.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces))
            }
        }
        #expect(used == Set(WorkflowEmitter.actions.map(\.reference)))
        #expect(WorkflowEmitter.actions.count == 5)
    }

    @Test("least privilege, no persisted token, no expression inside a script, a pinned runner and a timeout")
    func hardening() throws {
        let files = try exampleFiles()
        for path in Self.workflows {
            let text = try file(path, in: files)
            #expect(text.contains("\npermissions: {}\n"), "\(path): the workflow must grant nothing by default")
            let checkouts = text.components(separatedBy: "uses: actions/checkout@").count - 1
            let unpersisted = text.components(separatedBy: "persist-credentials: false").count - 1
            #expect(checkouts > 0 && checkouts == unpersisted, "\(path): a checkout persists its credentials")
            let jobs = text.components(separatedBy: "\n    runs-on: ").dropFirst()
            #expect(
                jobs.allSatisfy {
                    $0.hasPrefix("ubuntu-24.04\n") || $0.hasPrefix("${{ matrix.runner }}\n")
                })
            #expect(jobs.count == text.components(separatedBy: "\n    timeout-minutes: ").count - 1)
            #expect(jobs.count == text.components(separatedBy: "\n    permissions:\n").count - 1)
            let scripts = runScripts(text)
            #expect(!scripts.isEmpty)
            for script in scripts { #expect(!script.contains("${{"), "\(path): an expression in a run script") }
            #expect(!text.contains("aws-access-key-id") && !text.contains("AWS_SECRET_ACCESS_KEY: "))
            #expect(!text.contains("pull_request_target"))
        }
    }

    @Test("text from the declarations reaches a run script only through env:, and GitHub never evaluates it")
    func hostileText() throws {
        var (project, pipelines) = try example()
        // The emitter must hold even for what validation refuses: shell and expression syntax in every free-text field
        // that reaches a workflow, each marked so it can be found.
        let hostile = { (field: String) in "x;touch${IFS}pwned-\(field);#${{ github.token }}'\"$(id)`id`\nMARK-\(field)"
        }
        for index in project.accounts.indices {
            project.accounts[index].planRole = "arn:aws:iam::222222222222:role/" + hostile("plan\(index)")
            project.accounts[index].deployRole = "arn:aws:iam::222222222222:role/" + hostile("deploy\(index)")
        }
        project.name = hostile("project")
        for index in project.accounts.indices { project.accounts[index].region = hostile("region\(index)") }
        for index in pipelines.indices {
            pipelines[index].description = hostile("description")
            pipelines[index].processor.name += hostile("processor")
        }
        var github = try #require(project.github)
        github.region = hostile("github-region")
        github.oidcRole = hostile("oidc")
        github.oidcPlanRole = hostile("oidcplan")
        github.environment = hostile("environment")
        project.github = github
        let files = Generator.files(project: project, pipelines: pipelines)
        for path in Self.workflows {
            let text = try file(path, in: files)
            for script in runScripts(text) {
                #expect(!script.contains("MARK-") && !script.contains("pwned"), "\(path): declaration text in a script")
                #expect(!script.contains("${{"), "\(path): an expression in a run script")
            }
            // Every expression left is one Sluice writes: the hostile ones were made inert.
            for piece in text.components(separatedBy: "${{").dropFirst() {
                let expression = piece.prefix { $0 != "}" }
                #expect(!expression.contains("github.token }}MARK") && !expression.contains("MARK-"))
                #expect(!piece.hasPrefix(" github.token }}'"), "\(path): a declaration's expression stayed live")
            }
            #expect(text.contains("${{ '$' }}{{ github.token }}"), "\(path): the hostile expression is not in it")
            // The processors' fields did reach the workflow: as data in env:, quoted.
            #expect(text.contains("IMAGES: \"") && text.contains("MARK-processor"), "\(path): no image table")
        }
    }

    @Test("a YAML value keeps every character as data: quotes, controls, line separators and expressions")
    func yamlQuoting() {
        #expect(YAML.quoted("a\"b\\c\nd") == #""a\"b\\c\nd""#)
        #expect(YAML.quoted("x\u{7F}\u{85}\u{2028}\u{FEFF}") == #""x\u007F\u0085\u2028\uFEFF""#)
        #expect(YAML.quoted("${{ secrets.X }}") == #""${{ '$' }}{{ secrets.X }}""#)
        #expect(YAML.scalar("Apply analytics") == "Apply analytics")
        #expect(YAML.scalar("Apply a: b") == #""Apply a: b""#)
        #expect(Job.identifier("apply-a b${{") == "apply-a_b___")
    }

    @Test("pull requests: the plan matrix lists the stacks in apply order, with the OIDC role and region")
    func pullRequest() throws {
        let (project, pipelines) = try example()
        let graph = CloudGraph(project: project, pipelines: pipelines)
        let order = graph.stacks.filter { !$0.resources.isEmpty }.map(\.name)
        #expect(order == ["analytics-images", "analytics", "production", "analytics-quicksight"])
        let files = Generator.files(project: project, pipelines: pipelines)
        let text = try file(WorkflowEmitter.pullRequestPath, in: files)
        let plan = try job("plan", in: text).joined(separator: "\n")
        #expect(
            plan.contains("stack: [\"analytics-images\", \"analytics\", \"production\", \"analytics-quicksight\"]"))
        // Pull requests log in with the plan entry role, which reaches only the read-only plan roles.
        #expect(plan.contains("role-to-assume: \"arn:aws:iam::222222222222:role/sluice-github-plan\""))
        #expect(!plan.contains("sluice-github-deploy"))
        #expect(plan.contains("aws-region: \"eu-west-1\""))
        #expect(plan.contains("id-token: write"))
        #expect(plan.contains("terraform_version: 1.11.4"))
        #expect(plan.contains("sluice plan --verbose --stack \"$STACK\" --role plan --plans-dir plans \\\n"))
        // The schema guard compares with the base's generated files, checked out beside the branch.
        #expect(plan.contains("--markdown \"plans/$STACK.md\" --base .sluice/base\n"))
        #expect(plan.contains("STACK: ${{ matrix.stack }}"))
        let comment = try job("comment", in: text).joined(separator: "\n")
        #expect(comment.contains("pull-requests: write"))
        #expect(!comment.contains("id-token"))
        #expect(comment.contains("<!-- sluice-plan -->"))
        #expect(comment.contains("STACKS: \"analytics-images analytics production analytics-quicksight\""))
        #expect(comment.contains("read -ra stack_names <<<\"$STACKS\""))
        #expect(comment.contains("PR_NUMBER: ${{ github.event.pull_request.number }}"))
        #expect(text.contains("group: sluice-pr-${{ github.event.pull_request.number }}"))
    }

    @Test("deploy: the repositories' stack, the images, then one apply job per stack in order, gated and serialized")
    func applyChain() throws {
        let (project, pipelines) = try example()
        let text = try file(WorkflowEmitter.deployPath, in: Generator.files(project: project, pipelines: pipelines))
        // A new pipeline's repository exists before its image is pushed: no targeted apply by hand.
        let first = try job("apply-analytics-images", in: text)
        #expect(!first.contains { $0.hasPrefix("    needs:") })
        #expect(first.contains("    if: ${{ github.ref == 'refs/heads/main' }}"))
        #expect(!first.joined(separator: "\n").contains("image_uri"))
        let imagesJob = try job("images", in: text)
        #expect(imagesJob.contains("    needs: apply-analytics-images"))
        #expect(!text.contains("targeted apply") && !text.contains("-target"))
        var previous = "images"
        for stack in ["analytics", "production", "analytics-quicksight"] {
            let lines = try job("apply-\(stack)", in: text)
            #expect(lines.contains("    needs: \(previous)"), "apply-\(stack) must wait for \(previous)")
            #expect(lines.contains("    environment: \"production\""))
            #expect(lines.contains("      group: sluice-apply-\(stack)"))
            #expect(lines.contains("      cancel-in-progress: false"))
            #expect(lines.contains("          STACK: \"\(stack)\""))
            let body = lines.joined(separator: "\n")
            #expect(body.contains("role-to-assume: \"arn:aws:iam::222222222222:role/sluice-github-deploy\""))
            #expect(body.contains(".build/release/sluice plan --verbose --stack \"$STACK\" --plans-dir plans\n"))
            #expect(body.contains(".build/release/sluice apply --verbose --stack \"$STACK\" --plans-dir plans"))
            // Only the stack holding the processor deploys its image, by the digest the images job pushed.
            let repository = "222222222222.dkr.ecr.eu-west-1.amazonaws.com/acme-integrations-usage/integration-enricher"
            let images = "IMAGES: \"integrations_usage_image_uri\\tintegration-enricher\\t\(repository)\""
            #expect(body.contains(images) == (stack == "analytics"))
            previous = "apply-\(stack)"
        }
        let images = try job("images", in: text).joined(separator: "\n")
        #expect(images.contains("platform: \"linux/arm64\""))
        #expect(images.contains("runner: \"ubuntu-24.04-arm\""))
        #expect(images.contains("deploy-role: \"arn:aws:iam::222222222222:role/sluice-deploy\""))
        #expect(images.contains("if [[ \"$caller_account\" != \"$ACCOUNT_ID\" ]]; then"))
        #expect(images.contains("docker buildx build --platform \"$PLATFORM\""))
        #expect(images.contains("name: image-${{ matrix.processor }}"))
    }

    @Test("the pull-request check builds and tests in the Dockerfile's builder image, of project.swift_version")
    func checkInBuilderImage() throws {
        var (project, pipelines) = try example()
        for version in ["6.3", "6.4.1"] {
            project.swiftVersion = version
            let files = Generator.files(project: project, pipelines: pipelines)
            let image = "swift:\(version)-amazonlinux2023"
            let dockerfile = try file("generated/docker/integration-enricher/Dockerfile", in: files)
            #expect(dockerfile.contains("\nFROM \(image) AS builder\n"))
            let check = try job("check", in: try file(WorkflowEmitter.pullRequestPath, in: files))
                .joined(separator: "\n")
            #expect(check.contains("BUILDER_IMAGE: \"\(image)\""))
            #expect(
                check.contains(
                    "docker run --rm --volume \"$PWD:/src\" --workdir /src --env PROCESSOR_PRODUCTS "
                        + "\"$BUILDER_IMAGE\" \\\n"))
            // The Dockerfile's builder packages (snappy and zstd) first, at the same pins: a wrong pin fails here.
            #expect(check.contains("bash -c 'set -e\n"))
            #expect(check.contains("dnf install -y --quiet --releasever=2023.12.20260914 \\\n"))
            #expect(check.contains(" snappy-devel-1.1.9 libzstd-devel-1.5.5\n"))
            #expect(check.contains(" swift build; swift test; swift run sluice check\n"))
            // Each processor's product, as its image builds it: a target Package.swift lacks fails before the merge.
            #expect(check.contains("PROCESSOR_PRODUCTS: \"IntegrationEnricher\""))
            #expect(check.contains("for product in $PROCESSOR_PRODUCTS; do swift build --product \"$product\"; done'"))
            // Nothing compiles on the runner's own Swift.
            #expect(!check.contains("run: swift build") && !check.contains("run: swift test"))
        }
    }

    @Test("the Terraform variable the deploy sets is the one the processor stage declares")
    func imageVariable() throws {
        let (project, pipelines) = try example()
        let graph = CloudGraph(project: project, pipelines: pipelines)
        let analytics = try #require(graph.stack("analytics"))
        let variables = analytics.variables.map(\.name).filter { $0.hasSuffix("_image_uri") }
        #expect(variables == ["integrations_usage_image_uri"])
        let text = try file(WorkflowEmitter.deployPath, in: Generator.files(project: project, pipelines: pipelines))
        #expect(text.contains("export \"TF_VAR_$variable=$repository_url@$digest\""))
    }

    @Test("an x86_64 processor is built for linux/amd64 on the x86 runner")
    func x86Processor() throws {
        let (project, declared) = try example()
        var pipelines = declared
        pipelines[0].processor.architecture = .x86_64
        let files = Generator.files(project: project, pipelines: pipelines)
        let images = try job("images", in: try file(WorkflowEmitter.deployPath, in: files)).joined(separator: "\n")
        #expect(images.contains("platform: \"linux/amd64\""))
        #expect(images.contains("runner: \"ubuntu-24.04\""))
        let dockerfile = try file("generated/docker/integration-enricher/Dockerfile", in: files)
        #expect(dockerfile.contains("--platform linux/amd64"))
    }

    @Test("drift: a daily plan with the plan role and --detailed-exitcode; only the report job writes issues")
    func drift() throws {
        let text = try file(WorkflowEmitter.driftPath, in: try exampleFiles())
        #expect(text.contains("  schedule:\n    - cron: "))
        #expect(text.contains("  workflow_dispatch:\n"))
        let plan = try job("plan", in: text).joined(separator: "\n")
        #expect(plan.contains("--role plan") && plan.contains("--detailed-exitcode"))
        #expect(plan.contains("role-to-assume: \"arn:aws:iam::222222222222:role/sluice-github-plan\""))
        #expect(!plan.contains("issues:"))
        let report = try job("report", in: text).joined(separator: "\n")
        #expect(report.contains("issues: write"))
        #expect(!report.contains("id-token") && !report.contains("contents:"))
        #expect(report.contains("title=\"Drift in stack $stack\""))
        #expect(text.components(separatedBy: "issues: write").count == 2)
    }

    @Test("the Dockerfile builds the processor's product statically and runs it as a provided.al2023 bootstrap")
    func dockerfile() throws {
        let text = try file("generated/docker/integration-enricher/Dockerfile", in: try exampleFiles())
        let lines = text.components(separatedBy: "\n")
        #expect(lines.contains("FROM swift:6.3-amazonlinux2023 AS builder"))
        // Every package either stage installs is pinned, from one Amazon Linux release's repository: the runtime's
        // libcurl, and snappy and zstd (the Parquet writer's codecs) in both stages.
        let install =
            "RUN dnf install -y --releasever=2023.12.20260914 libcurl-minimal-8.21.0-5.amzn2023.0.1 snappy-1.1.9 "
            + "libzstd-1.5.5 \\"
        #expect(lines.contains(install))
        let builderInstall =
            "RUN dnf install -y --releasever=2023.12.20260914 snappy-devel-1.1.9 libzstd-devel-1.5.5 \\"
        #expect(lines.contains(builderInstall))
        #expect(lines.contains("RUN swift build -c release --product IntegrationEnricher --static-swift-stdlib \\"))
        #expect(lines.contains("FROM public.ecr.aws/lambda/provided:al2023"))
        #expect(lines.contains("COPY --from=builder /staging/bootstrap /var/runtime/bootstrap"))
        #expect(lines.contains("CMD [\"IntegrationEnricher\"]"))
        #expect(text.contains("/IntegrationEnricher\" /staging/bootstrap"))
        // The platform comes from the workflow's --platform, never from a FROM line.
        #expect(!lines.contains { $0.hasPrefix("FROM --platform") })
        #expect(lines.filter { $0.hasPrefix("FROM ") }.count == 2)
        #expect(text.contains("records the digest"))
    }
}
