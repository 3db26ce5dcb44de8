/// The AWS names of everything a pipeline owns, derived once from the manifest so that Terraform,
/// validation and (later) the processor's compiled configuration cannot disagree.
package struct Names: Sendable {
    package let base: String
    package let sourceAccount: Account
    package let analyticsAccount: Account
    package let pipeline: Pipeline

    /// Nil when the pipeline names an account the project does not declare.
    package init?(project: Project, pipeline: Pipeline) {
        guard let source = project.account(named: pipeline.source.account),
            let analytics = project.account(named: pipeline.analyticsAccount)
        else { return nil }
        self.base = "\(project.prefix)-\(pipeline.name)"
        self.sourceAccount = source
        self.analyticsAccount = analytics
        self.pipeline = pipeline
    }

    /// Whether the raw objects are replicated into another account.
    package var replicates: Bool { pipeline.replication != nil }

    // Buckets carry the account id: S3 names are global, and this keeps them unique and readable.
    package var rawBucket: String { "\(base)-raw-\(sourceAccount.id)" }
    package var landingBucket: String { replicates ? "\(base)-landing-\(analyticsAccount.id)" : rawBucket }
    package var lakeBucket: String { pipeline.processor.output.bucket ?? "\(base)-lake-\(analyticsAccount.id)" }
    package var athenaResultsBucket: String { "\(base)-athena-\(analyticsAccount.id)" }

    package var subscriptionFilter: String { base }
    package var deliveryStream: String { base }
    package var logsRole: String { "\(base)-logs" }
    package var firehoseRole: String { "\(base)-firehose" }
    package var replicationRole: String { "\(base)-replication" }
    package var processorRole: String { "\(base)-processor" }
    package var crawlerRole: String { "\(base)-crawler" }
    package var function: String { "\(base)-\(pipeline.processor.name)" }
    package var functionLogGroup: String { "/aws/lambda/\(function)" }
    package var repository: String { "\(base)/\(pipeline.processor.name)" }
    package var eventRule: String { "\(base)-objects" }
    /// The queue of Object Created events EventBridge could not deliver to the processor.
    package var deadLetterQueue: String { "\(base)-events-dlq" }
    /// The queue of asynchronous invocations the processor failed after Lambda's retries.
    package var processorDeadLetterQueue: String { "\(base)-processor-dlq" }
    /// The dead-letter queues, in the order data reaches them: what `sluice status` and `sluice redrive` read.
    package var deadLetterQueues: [String] { [deadLetterQueue, processorDeadLetterQueue] }
    /// The prefix of every alarm the pipeline owns (`<prefix>-<pipeline>-`), in whichever account it lives: what
    /// `sluice status` lists alarms by.
    package var alarmPrefix: String { "\(base)-" }
    /// The name of one of the pipeline's alarms (`id` is the alarm's runbook id, such as `lambda-errors`).
    package func alarm(_ id: String) -> String { "\(alarmPrefix)\(id)" }
    /// The SNS topic Sluice creates for the alarms of an account when `alerts:` lists email addresses.
    package var alertsTopic: String { "\(base)-alerts" }
    /// The pipeline's CloudWatch dashboard (in the analytics account).
    package var dashboard: String { base }
    package var crawler: String { base }
    /// The Terraform variable that carries the processor's image (`<pipeline>_image_uri`, `_` for `-`): the deploy
    /// workflow and `sluice dev` set it.
    package var imageVariable: String { "\(pipeline.name.replacingOccurrences(of: "-", with: "_"))_image_uri" }
    package var workgroup: String { base }

    /// The raw prefix: the manifest's, or `raw/<pipeline>/` dated by Firehose.
    package var rawPrefix: String {
        pipeline.delivery.prefix.isEmpty ? "raw/\(pipeline.name)/!{timestamp:yyyy/MM/dd}/" : pipeline.delivery.prefix
    }
    package var rawErrorPrefix: String {
        pipeline.delivery.errorPrefix.isEmpty
            ? "raw-errors/\(pipeline.name)/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/"
            : pipeline.delivery.errorPrefix
    }
    /// The fixed part of the raw prefix: what the replication rule and the EventBridge rule match.
    package var rawKeyPrefix: String {
        String(rawPrefix[..<(rawPrefix.range(of: "!{")?.lowerBound ?? rawPrefix.endIndex)])
    }
    /// Where the processor writes rows: `tables/<table>/`.
    package var lakePrefix: String { "tables/\(pipeline.processor.output.name)/" }
    /// Where the processor puts lines it could not parse or enrich, with their reason.
    package var quarantinePrefix: String { "quarantine/\(pipeline.processor.output.name)/" }

    /// Every IAM role name, for length checks.
    package var roles: [String] {
        [logsRole, firehoseRole, processorRole, crawlerRole] + (replicates ? [replicationRole] : [])
    }
    /// Every bucket name, for S3 name checks.
    package var buckets: [String] {
        [rawBucket, lakeBucket, athenaResultsBucket] + (replicates ? [landingBucket] : [])
    }
}
