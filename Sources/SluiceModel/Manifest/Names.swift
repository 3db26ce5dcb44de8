/// The AWS names of everything a pipeline owns, derived once from the manifest so that Terraform,
/// validation and (later) the processor's compiled configuration cannot disagree.
public struct Names: Sendable {
    public let base: String
    public let sourceAccount: Account
    public let analyticsAccount: Account
    public let pipeline: Pipeline

    /// Nil when the pipeline names an account the project does not declare.
    public init?(project: Project, pipeline: Pipeline) {
        guard let source = project.account(named: pipeline.source.account),
            let analytics = project.account(named: pipeline.analyticsAccount)
        else { return nil }
        self.base = "\(project.prefix)-\(pipeline.name)"
        self.sourceAccount = source
        self.analyticsAccount = analytics
        self.pipeline = pipeline
    }

    /// Whether the raw objects are replicated into another account.
    public var replicates: Bool { pipeline.replication != nil }

    // Buckets carry the account id: S3 names are global, and this keeps them unique and readable.
    public var rawBucket: String { "\(base)-raw-\(sourceAccount.id)" }
    public var landingBucket: String { replicates ? "\(base)-landing-\(analyticsAccount.id)" : rawBucket }
    public var lakeBucket: String { pipeline.processor.output.bucket ?? "\(base)-lake-\(analyticsAccount.id)" }
    public var athenaResultsBucket: String { "\(base)-athena-\(analyticsAccount.id)" }

    public var subscriptionFilter: String { base }
    public var deliveryStream: String { base }
    public var logsRole: String { "\(base)-logs" }
    public var firehoseRole: String { "\(base)-firehose" }
    public var replicationRole: String { "\(base)-replication" }
    public var processorRole: String { "\(base)-processor" }
    public var crawlerRole: String { "\(base)-crawler" }
    public var function: String { "\(base)-\(pipeline.processor.name)" }
    public var functionLogGroup: String { "/aws/lambda/\(function)" }
    public var repository: String { "\(base)/\(pipeline.processor.name)" }
    public var eventRule: String { "\(base)-objects" }
    public var deadLetterQueue: String { "\(base)-events-dlq" }
    public var crawler: String { base }
    /// The Terraform variable that carries the processor's image (`<pipeline>_image_uri`, `_` for `-`): the deploy
    /// workflow and `sluice dev` set it.
    public var imageVariable: String { "\(pipeline.name.replacingOccurrences(of: "-", with: "_"))_image_uri" }
    public var workgroup: String { base }

    /// The raw prefix: the manifest's, or `raw/<pipeline>/` dated by Firehose.
    public var rawPrefix: String {
        pipeline.delivery.prefix.isEmpty ? "raw/\(pipeline.name)/!{timestamp:yyyy/MM/dd}/" : pipeline.delivery.prefix
    }
    public var rawErrorPrefix: String {
        pipeline.delivery.errorPrefix.isEmpty
            ? "raw-errors/\(pipeline.name)/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/"
            : pipeline.delivery.errorPrefix
    }
    /// The fixed part of the raw prefix: what the replication rule and the EventBridge rule match.
    public var rawKeyPrefix: String {
        String(rawPrefix[..<(rawPrefix.range(of: "!{")?.lowerBound ?? rawPrefix.endIndex)])
    }
    /// Where the processor writes rows: `tables/<table>/`.
    public var lakePrefix: String { "tables/\(pipeline.processor.output.name)/" }
    /// Where the processor puts lines it could not parse or enrich, with their reason.
    public var quarantinePrefix: String { "quarantine/\(pipeline.processor.output.name)/" }

    /// Every IAM role name, for length checks.
    public var roles: [String] {
        [logsRole, firehoseRole, processorRole, crawlerRole] + (replicates ? [replicationRole] : [])
    }
    /// Every bucket name, for S3 name checks.
    public var buckets: [String] {
        [rawBucket, lakeBucket, athenaResultsBucket] + (replicates ? [landingBucket] : [])
    }
}
