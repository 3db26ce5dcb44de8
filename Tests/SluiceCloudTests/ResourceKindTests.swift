import Testing

@testable import SluiceCloud

@Suite("Resource kinds: one table for tags, the data-loss guard, local endpoints and the docs")
struct ResourceKindTests {
    @Test("taggable kinds are the ones whose schema has `tags`: the pipeline tag lands on exactly these")
    func taggable() {
        let taggable = Set(ResourceKind.all.filter(\.taggable).map(\.type))
        #expect(
            taggable == [
                "aws_s3_bucket", "aws_iam_role", "aws_cloudwatch_log_group", "aws_kinesis_firehose_delivery_stream",
                "aws_sqs_queue", "aws_cloudwatch_event_rule", "aws_ecr_repository", "aws_lambda_function",
                "aws_glue_catalog_database", "aws_glue_crawler", "aws_athena_workgroup", "aws_athena_data_catalog",
                "aws_quicksight_data_source", "aws_quicksight_data_set", "aws_quicksight_dashboard",
                "aws_cloudwatch_metric_alarm", "aws_sns_topic", "aws_kms_key",
            ])
    }

    @Test("the data-loss guard covers the kinds that keep data, and the docs name each of them")
    func dataHolding() {
        #expect(
            ResourceKind.dataHoldingTypes == [
                "aws_s3_bucket", "aws_glue_catalog_database", "aws_glue_catalog_table",
                "aws_kinesis_firehose_delivery_stream", "aws_ecr_repository", "aws_cloudwatch_log_group",
                "aws_sqs_queue", "aws_kms_key",
            ])
        #expect(ResourceKind.all.filter(\.holdsData).allSatisfy { $0.noun != nil })
        #expect(ResourceKind.dataHoldingNouns.hasPrefix("S3 buckets, "))
    }

    @Test("a local run points every service the kinds use, and the provider's own, at the local endpoint")
    func localServices() {
        #expect(
            ResourceKind.localServices == [
                "athena", "cloudwatch", "ecr", "events", "firehose", "glue", "iam", "kms", "lambda", "logs",
                "quicksight", "s3", "sns", "sqs", "sts",
            ])
    }

    @Test("every type the graph emits is in the table")
    func everyEmittedTypeIsKnown() throws {
        let (project, pipelines) = try example()
        let graph = CloudGraph(project: project, pipelines: pipelines)
        let emitted = Set(graph.stacks.flatMap(\.resources).map(\.address.type))
        #expect(emitted.allSatisfy { ResourceKind.of($0) != nil })
    }
}
