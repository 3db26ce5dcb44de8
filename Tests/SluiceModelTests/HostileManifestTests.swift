import Testing

@testable import SluiceModel

/// Declarations that once validated and then broke or subverted what was generated from them (issue 9): shell and
/// expression syntax in role ARNs, numbers beyond AWS's ranges. Each now gets a located error.
let hostileCases: [BadCase] =
    [
        BadCase(
            name: "shell in a plan role ARN",
            replace: "    deploy_role: arn:aws:iam::111111111111:role/deploy\n",
            with: "    deploy_role: arn:aws:iam::111111111111:role/deploy\n"
                + "    plan_role: 'arn:aws:iam::111111111111:role/x;touch${IFS}pwned;#'\n",
            inProject: true, at: "pipelines/sluice.yaml:9:16",
            message:
                "the role 'arn:aws:iam::111111111111:role/x;touch${IFS}pwned;#' has ';', which IAM names do not allow"),
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
            inProject: true, at: "pipelines/sluice.yaml:8:18", message: "the account id must be 12 digits, found '1111'"
        ),
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
            at: "pipelines/web.yaml:17:25",
            message: "reserved_concurrency must be 1 to 2147483647, found 0 (0 would stop"),
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
    ] + connectorCases + bucketCases + lookalikeCases + quickSightCases + textCases + smallCases

/// F2: the connector is the resource of the processor's `lambda:InvokeFunction` grant: one function, no wildcards.
let connectorCases: [BadCase] = [
    BadCase(
        name: "a wildcard connector, which would grant every function",
        replace: "function:dir", with: "function:*",
        at: "pipelines/web.yaml:19:16", message: "the function name must be 1 to 64 letters, digits, '-' and '_'"),
    BadCase(
        name: "an IAM policy variable in the connector",
        replace: "connector: arn:aws:lambda:eu-west-1:222222222222:function:dir",
        with: "connector: 'arn:aws:lambda:eu-west-1:222222222222:function:x${aws:username}'",
        at: "pipelines/web.yaml:19:16", message: "is not a Lambda function ARN"),
    BadCase(
        name: "wildcard qualifiers in the connector", replace: "function:dir", with: "function:x:*:*:*",
        at: "pipelines/web.yaml:19:16", message: "is not a Lambda function ARN"),
    BadCase(
        name: "a wildcard qualifier in the connector", replace: "function:dir", with: "function:dir:*",
        at: "pipelines/web.yaml:19:16", message: "the qualifier must be a version or alias"),
    BadCase(
        name: "$LATEST as the connector's qualifier", replace: "function:dir", with: "function:dir:$LATEST",
        at: "pipelines/web.yaml:19:16", message: "no '$LATEST'"),
    BadCase(
        name: "space and ';' in the connector's function name",
        replace: "connector: arn:aws:lambda:eu-west-1:222222222222:function:dir",
        with: "connector: 'arn:aws:lambda:eu-west-1:222222222222:function:a b;c'",
        at: "pipelines/web.yaml:19:16", message: "found 'a b;c'"),
    BadCase(
        name: "a connector in no AWS partition", replace: "connector: arn:aws:lambda", with: "connector: arn:a*:lambda",
        at: "pipelines/web.yaml:19:16", message: "'a*' is not an AWS partition"),
]

/// F9: each bucket has one use in the whole project.
let bucketCases: [BadCase] = [
    BadCase(
        name: "the output bucket is the Terraform state bucket",
        replace: "    table: requests\n", with: "    table: requests\n    bucket: acme-state\n",
        at: "pipelines/web.yaml:29:13",
        message: "bucket 'acme-state' would be both the Terraform state bucket (pipelines/sluice.yaml:14:11) and "
            + "the output bucket of pipeline 'web'"),
    BadCase(
        name: "the output bucket is the pipeline's own raw bucket",
        replace: "    table: requests\n", with: "    table: requests\n    bucket: acme-web-raw-111111111111\n",
        at: "pipelines/web.yaml:29:13",
        message: "bucket 'acme-web-raw-111111111111' would be both the raw bucket of pipeline 'web'"),
    BadCase(
        name: "the output bucket is the pipeline's landing bucket",
        replace: "    table: requests\n", with: "    table: requests\n    bucket: acme-web-landing-222222222222\n",
        at: "pipelines/web.yaml:1:7",
        message: "bucket 'acme-web-landing-222222222222' would be both the output bucket of pipeline 'web' "
            + "(pipelines/web.yaml:29:13) and the landing bucket of pipeline 'web'"),
    BadCase(
        name: "the state bucket is a pipeline's Athena results bucket",
        replace: "bucket: acme-state", with: "bucket: acme-web-athena-222222222222", inProject: true,
        at: "pipelines/web.yaml:1:7",
        message: "bucket 'acme-web-athena-222222222222' would be both the Terraform state bucket"),
]

/// F7: a letter carrying a zero-width joiner (U+200D) or a combining mark (U+0338) is not an ASCII letter.
let lookalikeCases: [BadCase] = [
    BadCase(
        name: "a ZWJ in the pipeline name", replace: "name: web\nsource:", with: "name: \"w\\u200Deb\"\nsource:",
        at: "pipelines/web.yaml:1:7", message: "a pipeline name 'w\u{200D}eb' must start with a lowercase letter"),
    BadCase(
        name: "a combining mark in the project prefix", replace: "prefix: acme", with: "prefix: \"ac\\u0338me\"",
        inProject: true, at: "pipelines/sluice.yaml:3:11", message: "the project prefix 'ac\u{0338}me' must start"),
    BadCase(
        name: "a ZWJ in the processor name", replace: "name: web-parser", with: "name: \"web\\u200D-parser\"",
        at: "pipelines/web.yaml:14:9", message: "a processor name 'web\u{200D}-parser' must start"),
    BadCase(
        name: "a combining mark in the state bucket", replace: "bucket: acme-state",
        with: "bucket: \"acme\\u0338-state\"", inProject: true, at: "pipelines/sluice.yaml:14:11",
        message: "an S3 bucket name takes only lowercase letters, digits, '-' and '.'"),
    BadCase(
        name: "a combining mark in the output bucket",
        replace: "    table: requests\n", with: "    table: requests\n    bucket: \"la\\u0338ke-bucket-x\"\n",
        at: "pipelines/web.yaml:29:13", message: "an S3 bucket name takes only lowercase letters, digits, '-' and '.'"),
    BadCase(
        name: "a ZWJ in the catalog database", replace: "database: web", with: "database: \"w\\u200Deb\"",
        at: "pipelines/web.yaml:37:13", message: "a database name 'w\u{200D}eb' must hold only lowercase letters"),
    BadCase(
        name: "a non-ASCII letter in a dataset name", replace: "- name: daily_set", with: "- name: dailé_set",
        at: "pipelines/web.yaml:47:11", message: "a dataset name 'dailé_set' must start with a letter"),
]

/// F1: QuickSight's group and namespace rules, and the principal ARN length the provider checks.
let quickSightCases: [BadCase] = [
    BadCase(
        name: "a QuickSight group over 128 characters", replace: "group: analysts",
        with: "group: " + String(repeating: "g", count: 250),
        at: "pipelines/web.yaml:55:10", message: "group must be 1 to 128 characters, found 250"),
    BadCase(
        name: "markup in a QuickSight group", replace: "group: analysts", with: "group: '<script>'",
        at: "pipelines/web.yaml:55:10", message: "the QuickSight group '<script>' has '<'"),
    BadCase(
        name: "a space in a QuickSight namespace", replace: "group: analysts",
        with: "group: analysts\n  namespace: 'a b'",
        at: "pipelines/web.yaml:56:14", message: "the QuickSight namespace 'a b' has U+0020"),
    BadCase(
        name: "a QuickSight namespace over 64 characters", replace: "group: analysts",
        with: "group: analysts\n  namespace: " + String(repeating: "n", count: 65),
        at: "pipelines/web.yaml:56:14", message: "namespace must be 1 to 64 characters, found 65"),
]

/// F8: lengths and characters AWS enforces on free text.
let textCases: [BadCase] = [
    BadCase(
        name: "a column comment of 256 characters", replace: "{ name: status, type: int }",
        with: "{ name: status, type: int, comment: " + String(repeating: "c", count: 256) + " }",
        at: "pipelines/web.yaml:33:45", message: "column 'status': comment must be 0 to 255 characters, found 256"),
    BadCase(
        name: "an environment over Lambda's 4 KB", replace: "  timeout_seconds: 60\n",
        // BIG (3) + 4,076 + SLUICE_PIPELINE (15) + web (3), the variable Sluice adds: one byte over.
        with: "  timeout_seconds: 60\n  environment:\n    BIG: " + String(repeating: "v", count: 4_076) + "\n",
        at: "pipelines/web.yaml:18:5", message: "environment must be 0 to 4096 bytes, found 4097"),
    BadCase(
        name: "a one-letter environment variable", replace: "  timeout_seconds: 60\n",
        with: "  timeout_seconds: 60\n  environment:\n    A: x\n",
        at: "pipelines/web.yaml:18:5", message: "'A' is not a valid environment variable name"),
    BadCase(
        name: "a visual title over QuickSight's 512", replace: "title: Requests",
        with: "title: " + String(repeating: "t", count: 513),
        at: "pipelines/web.yaml:53:29", message: "title must be 1 to 512 characters, found 513"),
    BadCase(
        name: "Terraform syntax in a tag value", replace: "  team: data", with: "  team: '${file(\"x\")}'",
        inProject: true, at: "pipelines/sluice.yaml:18:3",
        message: "the value of tag 'team' has '$', which AWS tags do not allow"),
    BadCase(
        name: "a NUL in a tag value", replace: "  team: data", with: "  team: \"da\\0ta\"",
        inProject: true, at: "pipelines/sluice.yaml:18:3", message: "the value of tag 'team' has U+0000"),
    BadCase(
        name: "a line break in a tag key", replace: "  team: data", with: "  \"te\\nam\": data",
        inProject: true, at: "pipelines/sluice.yaml:18:3", message: "has U+000A, which AWS tags do not allow"),
    BadCase(
        name: "a tag value over 256 characters", replace: "  team: data",
        with: "  team: " + String(repeating: "d", count: 257),
        inProject: true, at: "pipelines/sluice.yaml:18:3", message: "a tag value must be 0 to 256 characters, found 257"
    ),
    BadCase(
        name: "a tag key in Sluice's own namespace", replace: "  team: data", with: "  sluice:pipeline: x",
        inProject: true, at: "pipelines/sluice.yaml:18:3",
        message: "tag key 'sluice:pipeline' starts with 'sluice:', which is reserved for the tags Sluice sets"),
    BadCase(
        name: "a right-to-left override in the delivery prefix", replace: "  buffering_interval_seconds: 300\n",
        with: "  buffering_interval_seconds: 300\n  prefix: \"raw/\\u202Egz.exe/\"\n",
        at: "pipelines/web.yaml:11:11", message: "the prefix cannot contain U+202E"),
    BadCase(
        name: "a carriage return in the error prefix", replace: "  buffering_interval_seconds: 300\n",
        with: "  buffering_interval_seconds: 300\n  error_prefix: \"errors/\\r/\"\n",
        at: "pipelines/web.yaml:11:17", message: "the error_prefix cannot contain U+000D"),
]

/// F13: regions, Swift versions and dates as AWS and Swift name them.
let smallCases: [BadCase] = [
    BadCase(
        name: "a signed digit in a region", replace: "region: eu-west-1\n    deploy_role: arn:aws:iam::111111111111",
        with: "region: eu-west-+1\n    deploy_role: arn:aws:iam::111111111111", inProject: true,
        at: "pipelines/sluice.yaml:7:13", message: "'eu-west-+1' is not an AWS region name"),
    BadCase(
        name: "a lookalike letter in a region",
        replace: "region: eu-west-1\n    deploy_role: arn:aws:iam::111111111111",
        with: "region: \"eu-we\\u0338st-1\"\n    deploy_role: arn:aws:iam::111111111111", inProject: true,
        at: "pipelines/sluice.yaml:7:13", message: "is not an AWS region name"),
    BadCase(
        name: "a Swift version with a leading zero", replace: "  prefix: acme\n",
        with: "  prefix: acme\n  swift_version: \"6.03\"\n", inProject: true,
        at: "pipelines/sluice.yaml:4:18", message: "swift_version must be a Swift release as MAJOR.MINOR"),
    BadCase(
        name: "a projection date that is not in the calendar", replace: "  crawler:\n    schedule: hourly",
        with: "  projection:\n    key: dt\n    since: 2026-02-31",
        at: "pipelines/web.yaml:40:12", message: "'2026-02-31' is not a calendar date: month 2 of 2026 has 28 days"),
]

@Suite("Hostile manifests")
struct HostileManifestTests {
    @Test("each hostile declaration gets its error at its line and column", arguments: hostileCases)
    func hostile(_ bad: BadCase) throws {
        let (project, pipeline) = bad.applied()
        bad.expectReported(project: project, pipeline: pipeline)
    }

    @Test("a QuickSight group whose principal ARN would pass the provider's 256 characters is refused at the group")
    func quickSightPrincipalLength() {
        let project = Fixtures.project.replacingOccurrences(
            of: "    region: eu-west-1\n    deploy_role: arn:aws:iam::222222222222",
            with: "    region: us-isoabcdefghijklmnop-west-1\n    deploy_role: arn:aws:iam::222222222222")
        let pipeline = Fixtures.pipeline.replacingOccurrences(
            of: "group: analysts",
            with: "group: " + String(repeating: "g", count: 128) + "\n  namespace: " + String(repeating: "n", count: 64)
        )
        let bad = BadCase(
            name: "principal", replace: "", with: "", at: "pipelines/web.yaml:55:10",
            message: "the group's principal ARN must be 1 to 256 characters, found 261")
        bad.expectReported(project: project, pipeline: pipeline)
    }

    @Test("buckets collide across pipelines: the second pipeline's output bucket is the first's Athena results bucket")
    func bucketAcrossPipelines() throws {
        var diagnostics = Diagnostics()
        let project = try #require(
            ProjectDecoder.decode(Fixtures.project, path: "pipelines/sluice.yaml", diagnostics: &diagnostics))
        let first = try #require(
            PipelineDecoder.decode(Fixtures.pipeline, path: "pipelines/web.yaml", diagnostics: &diagnostics))
        let second = try #require(
            PipelineDecoder.decode(
                Fixtures.pipeline.replacingOccurrences(of: "name: web\n", with: "name: api\n")
                    .replacingOccurrences(of: "name: web-parser", with: "name: api-parser")
                    .replacingOccurrences(
                        of: "table: requests\n", with: "table: api_requests\n    bucket: acme-web-athena-222222222222\n"
                    ),
                path: "pipelines/api.yaml", diagnostics: &diagnostics))
        #expect(diagnostics.errors.isEmpty)
        let errors = Validator.validate(project: project, pipelines: [first, second]).errors
        #expect(
            errors.contains {
                "\($0.location)" == "pipelines/api.yaml:29:13"
                    && $0.message.contains(
                        "bucket 'acme-web-athena-222222222222' would be both the Athena results bucket of pipeline "
                            + "'web' (pipelines/web.yaml:1:7) and the output bucket of pipeline 'api'")
            }, "\(errors.map(\.description))")
    }

    @Test(
        "Lambda function ARNs of one function pass, with a version or alias",
        arguments: [
            "arn:aws:lambda:eu-west-1:222222222222:function:dir",
            "arn:aws-us-gov:lambda:us-gov-west-1:222222222222:function:Dir_1-x:7",
            "arn:aws:lambda:eu-west-1:222222222222:function:" + String(repeating: "f", count: 64) + ":live",
        ])
    func goodFunctionARNs(_ arn: String) {
        #expect(AWSRules.functionARNProblem(arn) == nil)
    }

    @Test("region names AWS uses pass", arguments: ["eu-west-1", "us-gov-west-1", "us-isob-east-1", "ap-southeast-4"])
    func goodRegions(_ region: String) {
        #expect(AWSRules.regionProblem(region) == nil)
    }

    @Test("real dates pass, leap days included", arguments: ["2024-02-29", "2000-02-29", "2026-12-31"])
    func goodDates(_ date: String) {
        #expect(AWSRules.dateProblem(date) == nil)
    }

    @Test("AWS's tag characters pass, Unicode letters included")
    func goodTags() {
        #expect(TextRules.tagCharacterProblem("Équipe données 2 _.:/=+-@", what: "x") == nil)
        #expect(AWSRules.dateProblem("2100-02-29") != nil)
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
