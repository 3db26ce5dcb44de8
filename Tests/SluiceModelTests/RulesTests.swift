import Testing

@testable import SluiceModel

@Suite("AWS rules")
struct RulesTests {
    @Test(
        "valid cron expressions pass",
        arguments: [
            "hourly", "daily", "cron(0 * * * ? *)", "cron(15 10 ? * MON-FRI *)", "cron(0/15 * * * ? *)",
            "cron(0 8 1 * ? *)", "cron(0 18 L * ? *)", "cron(0 10 ? * 6L 2030)", "cron(0 9 ? * 2#1 *)",
            "cron(5,35 14 * * ? *)", "cron(0 0 15W * ? *)",
        ])
    func validCron(_ expression: String) {
        #expect(CronRules.scheduleProblem(expression) == nil)
    }

    @Test(
        "invalid cron expressions fail",
        arguments: [
            "weekly", "cron(0 * * * ?)", "cron(60 * * * ? *)", "cron(0 24 * * ? *)", "cron(0 0 32 * ? *)",
            "cron(0 0 * 13 ? *)", "cron(0 0 ? * 8 *)", "cron(0 0 * * * *)", "cron(0 0 ? * ? *)", "cron(0/0 * * * ? *)",
            "cron(0 0 ? * MON-FOO *)", "cron(0 0 1 * ? 1969)", "cron(0 0 5-2 * ? *)", "0 * * * ? *",
        ])
    func invalidCron(_ expression: String) {
        #expect(CronRules.scheduleProblem(expression) != nil)
    }

    @Test("bucket names follow S3's rules")
    func bucketNames() {
        #expect(AWSRules.bucketProblem("acme-raw-111111111111") == nil)
        #expect(AWSRules.bucketProblem("ab") != nil)
        #expect(AWSRules.bucketProblem(String(repeating: "a", count: 64)) != nil)
        #expect(AWSRules.bucketProblem("Acme") != nil)
        #expect(AWSRules.bucketProblem("acme..raw") != nil)
        #expect(AWSRules.bucketProblem("-acme") != nil)
        #expect(AWSRules.bucketProblem("192.168.1.1") != nil)
        #expect(AWSRules.bucketProblem("xn--acme") != nil)
    }

    @Test("Firehose prefixes")
    func firehosePrefixes() {
        #expect(FirehosePrefixRules.prefixProblem("raw/!{timestamp:yyyy/MM/dd}/", isErrorPrefix: false) == nil)
        #expect(FirehosePrefixRules.prefixProblem("raw/!{firehose:random-string}/", isErrorPrefix: false) == nil)
        #expect(FirehosePrefixRules.prefixProblem("raw/!{firehose:error-output-type}/", isErrorPrefix: false) != nil)
        #expect(FirehosePrefixRules.prefixProblem("e/!{firehose:error-output-type}/", isErrorPrefix: true) == nil)
        #expect(FirehosePrefixRules.prefixProblem("e/!{timestamp:yyyy}/", isErrorPrefix: true) != nil)
        #expect(FirehosePrefixRules.prefixProblem("raw/!{timestamp:yyyy", isErrorPrefix: false) != nil)
        #expect(FirehosePrefixRules.prefixProblem("raw/!{partitionKeyFromQuery:x}/", isErrorPrefix: false) != nil)
    }

    @Test("ARNs and ids")
    func arns() {
        #expect(AWSRules.roleARNProblem("arn:aws:iam::111111111111:role/deploy", account: "111111111111") == nil)
        #expect(AWSRules.roleARNProblem("arn:aws:iam::111111111111:user/deploy", account: nil) != nil)
        #expect(AWSRules.functionARNProblem("arn:aws:lambda:eu-west-1:111111111111:function:x") == nil)
        #expect(AWSRules.functionARNProblem("arn:aws:lambda:eu-west-1:1111:function:x") != nil)
        #expect(AWSRules.accountIDProblem("12345678901a") != nil)
        #expect(AWSRules.regionProblem("us-gov-west-1") == nil)
        #expect(AWSRules.regionProblem("eu-west") != nil)
    }

    @Test("suggestions find likely typos and nothing far away")
    func suggestions() {
        #expect(Suggestion.nearest(to: "retention", in: ["retention_days", "format"]) == "retention_days")
        #expect(Suggestion.nearest(to: "acount", in: ["account", "format"]) == "account")
        #expect(Suggestion.nearest(to: "zzz", in: ["account", "format"]) == nil)
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
    }
}

@Suite("Decoding")
struct DecodingTests {
    @Test("the fixture decodes into the model with its defaults and locations")
    func decodesFixture() throws {
        var diagnostics = Diagnostics()
        let pipeline = try #require(
            PipelineDecoder.decode(Fixtures.pipeline, path: "pipelines/web.yaml", diagnostics: &diagnostics))
        #expect(diagnostics.all.isEmpty)
        #expect(pipeline.name == "web")
        #expect(pipeline.source.filterPattern == "\"GET\"")
        #expect(pipeline.source.format == .haproxyHTTP)
        #expect(pipeline.delivery.expireDays == Defaults.expireDays)
        #expect(pipeline.processor.architecture == Defaults.architecture)
        #expect(
            pipeline.processor.output.columns.map(\.name) == ["requested_at", "account_id", "account_name", "status"])
        #expect(pipeline.processor.output.partitionKeys.map(\.type) == [.string])
        #expect(pipeline.processor.enrichment?.lookups.first?.columns == ["account_name"])
        #expect(pipeline.processor.targetName == "WebParser")
        #expect("\(pipeline.processor.origin["memory_mb"])" == "pipelines/web.yaml:15:14")
        guard case .crawler(let schedule) = pipeline.catalog.discovery else {
            Issue.record("expected a crawler")
            return
        }
        #expect(schedule.cron == "cron(0 * * * ? *)")
    }

    @Test("derived names stay within AWS limits for the fixture")
    func derivedNames() throws {
        var diagnostics = Diagnostics()
        let project = try #require(Fixtures.decodeProject().0)
        let pipeline = try #require(
            PipelineDecoder.decode(Fixtures.pipeline, path: "pipelines/web.yaml", diagnostics: &diagnostics))
        let names = try #require(Names(project: project, pipeline: pipeline))
        #expect(names.rawBucket == "acme-web-raw-111111111111")
        #expect(names.landingBucket == "acme-web-landing-222222222222")
        #expect(names.rawKeyPrefix == "raw/web/")
        #expect(names.function == "acme-web-web-parser")
        #expect(names.buckets.allSatisfy { AWSRules.bucketProblem($0) == nil })
    }

    @Test("an empty file and a non-mapping are errors, not crashes")
    func emptyAndScalar() {
        for text in ["", "just a string", "- a\n- b\n", "name: [unclosed"] {
            var diagnostics = Diagnostics()
            #expect(PipelineDecoder.decode(text, path: "p.yaml", diagnostics: &diagnostics) == nil)
            #expect(diagnostics.hasErrors)
        }
    }
}
