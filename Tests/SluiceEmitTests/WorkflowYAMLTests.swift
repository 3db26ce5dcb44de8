import SluiceCloud
import SluiceModel
import Testing

@testable import SluiceCommands
@testable import SluiceEmit

/// Text that would change a workflow if written as it is: quotes, a colon, a comment, line breaks, an expression.
private let hostile = "a\"b: c # d\n${{ github.token }}\u{2028}e"
/// `hostile` as a double-quoted scalar: every character kept as data, the expression inert.
private let hostileQuoted = #""a\"b: c # d\n${{ '$' }}{{ github.token }}\u2028e""#

/// A workflow with one job of one step, around the values under test.
private func render(
    triggers: [Trigger] = [.workflowDispatch], concurrency: Concurrency? = nil, job: (inout Job) -> Void = { _ in }
) -> String {
    var only = Job(
        id: "only", name: "Only", timeoutMinutes: 5, permissions: [.readContents],
        steps: [Step(name: "Check out", uses: WorkflowEmitter.checkout)])
    job(&only)
    return Workflow(header: ["Test"], name: "test", triggers: triggers, concurrency: concurrency, jobs: [only])
        .render()
}

@Suite("The typed workflow model and its YAML writer")
struct WorkflowYAMLTests {
    @Test("triggers: branch names and cron expressions are escaped, an event without a filter is a bare key")
    func triggers() {
        let text = render(triggers: [
            .pullRequest(branches: ["main", hostile, "true", "release/1.x"]), .push(branches: ["main"]),
            .schedule(cron: ["23 5 * * *", "0 0 * * *\nevil: 1"]), .workflowDispatch,
        ])
        let expected = """

            on:
              pull_request:
                branches: [main, \(hostileQuoted), "true", release/1.x]
              push:
                branches: [main]
              schedule:
                - cron: "23 5 * * *"
                - cron: "0 0 * * *\\nevil: 1"
              workflow_dispatch:

            permissions: {}

            """
        #expect(text.contains(expected), "\(text)")
    }

    @Test("strategy: a stack axis and an include matrix quote every value")
    func strategy() {
        let axis = render { $0.strategy = Strategy(matrix: .axis(name: "stack", values: ["analytics", hostile])) }
        #expect(
            axis.contains(
                """
                    strategy:
                      fail-fast: false
                      matrix:
                        stack: ["analytics", \(hostileQuoted)]
                    steps:
                """), "\(axis)")
        let legs: [[(key: ScalarText, value: String)]] = [
            [(key: "processor", value: "enricher"), (key: "region", value: hostile)],
            [(key: "processor", value: "p\n  evil: 1"), (key: "region", value: "x")],
        ]
        let include = render { $0.strategy = Strategy(failFast: true, matrix: .include(legs)) }
        #expect(
            include.contains(
                """
                    strategy:
                      fail-fast: true
                      matrix:
                        include:
                          - processor: "enricher"
                            region: \(hostileQuoted)
                          - processor: "p\\n  evil: 1"
                            region: "x"
                """), "\(include)")
    }

    @Test("concurrency, job names and environments from the declarations are plain only when that reads the same")
    func namesAndGroups() {
        let text = render(concurrency: Concurrency(group: .text("sluice-apply-analytics"), cancelInProgress: false)) {
            $0.name = .text("Apply \(hostile)")
            $0.environment = hostile
            $0.concurrency = Concurrency(group: .text("sluice-apply-\(hostile)"), cancelInProgress: true)
        }
        #expect(text.contains("\nconcurrency:\n  group: sluice-apply-analytics\n  cancel-in-progress: false\n"))
        #expect(text.contains("\n    name: \"Apply \(hostileQuoted.dropFirst())\n"))
        #expect(text.contains("\n    environment: \(hostileQuoted)\n"))
        #expect(text.contains("\n    concurrency:\n      group: \"sluice-apply-\(hostileQuoted.dropFirst())\n"))
        #expect(text.contains("\n      cancel-in-progress: true\n"))
        // Plain only when a reader takes it for the same text.
        #expect(ScalarText.text("Apply analytics").written == "Apply analytics")
        for word in ["true", "No", "null", "ends with a space ", "1.11", "-dash", "a: b", "a # b", "[x]", ""] {
            #expect(ScalarText.text(word).written == YAML.quoted(word), "\(word) must be quoted")
        }
    }

    @Test("a job id keeps only what GitHub accepts; needs lists the same ids")
    func identifiers() {
        let text = render {
            $0.id = "apply-\(hostile)"
            $0.needs = ["a b", "c${{"]
        }
        #expect(text.contains("\n  apply-a_b__c___d_____github_token____e:\n"), "\(text)")
        #expect(text.contains("\n    needs: [a_b, c___]\n"))
    }

    @Test("a comment line break starts a new comment line, never a YAML line")
    func comments() {
        let text = render { $0.comment = ["one\nevil: 1", "two\u{2028}three", ""] }
        #expect(text.contains("\n  # one\n  # evil: 1\n  # two\n  # three\n  #\n  only:\n"), "\(text)")
        #expect(!text.contains("\nevil"))
    }

    @Test("permissions: none is {}, each grant says why; a pinned action carries its version as a comment")
    func permissionsAndActions() {
        let text = render { $0.permissions = [.readContents, .idToken] }
        #expect(text.contains("\npermissions: {}\n"))
        #expect(
            text.contains(
                "\n    permissions:\n      contents: read # check out the repository\n"
                    + "      id-token: write # a GitHub OIDC token, to assume the entry role in AWS\n"))
        #expect(text.contains("\n        uses: \(WorkflowEmitter.checkout.reference)\n"))
    }

    @Test("a stack name with YAML and expression syntax stays data in every workflow")
    func hostileStackName() throws {
        // Validation refuses such an account name, and the graph then has no stacks: the emitter must hold anyway.
        let workspace = ProjectFiles(root: repositoryRoot).load()
        let project = try #require(workspace.project)
        let graph = CloudGraph(project: project, pipelines: workspace.pipelines)
        var context = WorkflowContext(
            graph: graph, github: try #require(project.github), pipelines: workspace.pipelines)
        let name = "prod\"uction: x # y\n${{ github.token }}\nMARK"
        context.stacks.append(Stack(account: try #require(context.stacks.first).account, name: name))
        let workflows = [
            PullRequestWorkflow.workflow(context), DeployWorkflow.workflow(context), DriftWorkflow.workflow(context),
        ]
        for text in workflows.map({ $0.render() }) {
            #expect(text.contains(#"prod\"uction: x # y\n${{ '$' }}{{ github.token }}\nMARK"#), "\(text)")
            let lines = text.split(separator: "\n")
            #expect(!lines.contains { $0.drop { $0 == " " }.hasPrefix("MARK") }, "the name broke a line:\n\(text)")
            #expect(!text.contains("${{ github.token }}\\nMARK"), "the expression stayed live:\n\(text)")
        }
        let deploy = workflows[1].render()
        #expect(deploy.contains("\n  apply-prod_uction__x___y_____github_token____MARK:\n"))
        #expect(
            deploy.contains(#"      group: "sluice-apply-prod\"uction: x # y\n${{ '$' }}{{ github.token }}\nMARK""#))
    }
}
