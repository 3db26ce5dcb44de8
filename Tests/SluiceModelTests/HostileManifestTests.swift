import Testing

@testable import SluiceModel

/// Declarations that once validated and then broke or subverted what was generated from them (issue 9): shell and
/// expression syntax in role ARNs, numbers beyond AWS's ranges. Each now gets a located error.
let hostileCases: [BadCase] = [
    BadCase(
        name: "shell in a plan role ARN",
        replace: "    deploy_role: arn:aws:iam::111111111111:role/deploy\n",
        with: "    deploy_role: arn:aws:iam::111111111111:role/deploy\n"
            + "    plan_role: 'arn:aws:iam::111111111111:role/x;touch${IFS}pwned;#'\n",
        inProject: true, at: "pipelines/sluice.yaml:9:16",
        message: "the role 'arn:aws:iam::111111111111:role/x;touch${IFS}pwned;#' has ';', which IAM names do not allow"),
    BadCase(
        name: "GitHub expression in a deploy role ARN",
        replace: "deploy_role: arn:aws:iam::111111111111:role/deploy",
        with: "deploy_role: 'arn:aws:iam::111111111111:role/${{ github.token }}'",
        inProject: true, at: "pipelines/sluice.yaml:8:18", message: "has '$', which IAM names do not allow"),
    BadCase(
        name: "role name over 64 characters",
        replace: "deploy_role: arn:aws:iam::111111111111:role/deploy",
        with: "deploy_role: arn:aws:iam::111111111111:role/path/" + String(repeating: "r", count: 65),
        inProject: true, at: "pipelines/sluice.yaml:8:18", message: "must be 1 to 64 characters, found 65"),
    BadCase(
        name: "role path with an empty segment",
        replace: "deploy_role: arn:aws:iam::111111111111:role/deploy",
        with: "deploy_role: arn:aws:iam::111111111111:role/a//deploy",
        inProject: true, at: "pipelines/sluice.yaml:8:18", message: "has an empty segment"),
    BadCase(
        name: "role ARN in no AWS partition",
        replace: "deploy_role: arn:aws:iam::111111111111:role/deploy",
        with: "deploy_role: arn:awsx:iam::111111111111:role/deploy",
        inProject: true, at: "pipelines/sluice.yaml:8:18", message: "'awsx' is not an AWS partition"),
    BadCase(
        name: "role ARN with a short account id",
        replace: "deploy_role: arn:aws:iam::111111111111:role/deploy",
        with: "deploy_role: arn:aws:iam::1111:role/deploy",
        inProject: true, at: "pipelines/sluice.yaml:8:18", message: "the account id must be 12 digits, found '1111'"),
    BadCase(
        name: "GitHub expression in the environment name",
        replace: "tags:\n  team: data\n",
        with: "tags:\n  team: data\ngithub:\n  oidc_role: arn:aws:iam::222222222222:role/gh\n  region: eu-west-1\n"
            + "  environment: '${{ github.token }}'\n",
        inProject: true, at: "pipelines/sluice.yaml:22:16",
        message: "a GitHub environment name cannot contain '${{' (GitHub Actions would evaluate it)"),
]

@Suite("Hostile manifests")
struct HostileManifestTests {
    @Test("each hostile declaration gets its error at its line and column", arguments: hostileCases)
    func hostile(_ bad: BadCase) throws {
        var project = Fixtures.project
        var pipeline = Fixtures.pipeline
        if bad.inProject {
            #expect(project.contains(bad.replace), "the fixture project must contain the text to replace")
            project = project.replacingOccurrences(of: bad.replace, with: bad.with)
        } else {
            #expect(pipeline.contains(bad.replace), "the fixture pipeline must contain the text to replace")
            pipeline = pipeline.replacingOccurrences(of: bad.replace, with: bad.with)
        }
        let diagnostics = Fixtures.check(pipeline: pipeline, project: project)
        let matching = diagnostics.errors.filter { "\($0.location)" == bad.at && $0.message.contains(bad.message) }
        #expect(
            !matching.isEmpty,
            "expected \(bad.at): error: ...\(bad.message)...; got:\n\(diagnostics.sorted.map(\.description).joined(separator: "\n"))"
        )
    }

    @Test(
        "role ARNs IAM accepts pass, with paths and every name character",
        arguments: [
            "arn:aws:iam::111111111111:role/deploy", "arn:aws-us-gov:iam::111111111111:role/a/b/Deploy+=,.@_-1",
            "arn:aws-cn:iam::111111111111:role/" + String(repeating: "n", count: 64),
        ])
    func goodRoleARNs(_ arn: String) {
        #expect(AWSRules.roleARNProblem(arn, account: nil) == nil)
    }
}
