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
    BadCase(
        name: "interpolation in the state key prefix, where the backend takes none",
        replace: "  region: eu-west-1\n  account: analytics\n",
        with: "  region: eu-west-1\n  account: analytics\n  key_prefix: '${file(\"x\")}'\n",
        inProject: true, at: "pipelines/sluice.yaml:17:15",
        message: "the state key_prefix takes only letters, digits, '.', '_', '-' and '/'; found '$'"),
    BadCase(
        name: "a '..' segment in the state key prefix",
        replace: "  region: eu-west-1\n  account: analytics\n",
        with: "  region: eu-west-1\n  account: analytics\n  key_prefix: sluice/../other\n",
        inProject: true, at: "pipelines/sluice.yaml:17:15", message: "must not have a '.' or '..' segment"),
    BadCase(
        name: "expire_days beyond a 32-bit day count",
        replace: "  buffering_interval_seconds: 300\n",
        with: "  buffering_interval_seconds: 300\n  expire_days: 2147483648\n",
        at: "pipelines/web.yaml:11:16", message: "expire_days must be 1 to 2147483647, found 2147483648"),
    BadCase(
        name: "results_expire_days at Int64.max",
        replace: "views:\n", with: "athena:\n  results_expire_days: 9223372036854775807\nviews:\n",
        at: "pipelines/web.yaml:41:24",
        message: "results_expire_days must be 1 to 2147483647, found 9223372036854775807"),
    BadCase(
        name: "bytes_scanned_cutoff_mb whose byte count overflows 64 bits",
        replace: "views:\n", with: "athena:\n  bytes_scanned_cutoff_mb: 8796093022208\nviews:\n",
        at: "pipelines/web.yaml:41:28",
        message: "bytes_scanned_cutoff_mb must be 10 to 8796093022207, found 8796093022208"),
    BadCase(
        name: "reserved_concurrency at Int64.max",
        replace: "  timeout_seconds: 60\n",
        with: "  timeout_seconds: 60\n  reserved_concurrency: 9223372036854775807\n",
        at: "pipelines/web.yaml:17:25",
        message: "reserved_concurrency must be 1 to 2147483647, found 9223372036854775807"),
    BadCase(
        name: "reserved_concurrency 0",
        replace: "  timeout_seconds: 60\n", with: "  timeout_seconds: 60\n  reserved_concurrency: 0\n",
        at: "pipelines/web.yaml:17:25", message: "reserved_concurrency must be 1 to 2147483647, found 0 (0 would stop"),
    BadCase(
        name: "cache_ttl_seconds at Int64.max",
        replace: "    catalog: directory\n",
        with: "    catalog: directory\n    cache_ttl_seconds: 9223372036854775807\n",
        at: "pipelines/web.yaml:19:24", message: "cache_ttl_seconds must be 0 to 86400, found 9223372036854775807"),
    BadCase(
        name: "an integer beyond 64 bits", replace: "memory_mb: 512", with: "memory_mb: 99999999999999999999",
        at: "pipelines/web.yaml:15:14",
        message: "the integer '99999999999999999999' for 'processor.memory_mb' is out of range (beyond 64 bits)"),
    BadCase(
        name: "a negative integer beyond 64 bits", replace: "timeout_seconds: 60",
        with: "timeout_seconds: -99999999999999999999",
        at: "pipelines/web.yaml:16:20", message: "is out of range (beyond 64 bits)"),
]

@Suite("Hostile manifests")
struct HostileManifestTests {
    @Test("each hostile declaration gets its error at its line and column", arguments: hostileCases)
    func hostile(_ bad: BadCase) throws {
        let (project, pipeline) = bad.applied()
        bad.expectReported(project: project, pipeline: pipeline)
    }

    @Test("a reserved concurrency only a raised quota allows is a warning, not an error")
    func reservedAboveDefaultQuota() {
        let pipeline = Fixtures.pipeline.replacingOccurrences(
            of: "  timeout_seconds: 60\n", with: "  timeout_seconds: 60\n  reserved_concurrency: 901\n")
        let diagnostics = Fixtures.check(pipeline: pipeline)
        #expect(diagnostics.errors.isEmpty)
        #expect(
            diagnostics.all.contains { "\($0.location)" == "pipelines/web.yaml:17:25" && $0.message.contains("raised") }
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
