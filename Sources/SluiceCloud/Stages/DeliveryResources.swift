import SluiceModel

/// The Firehose stream, its role and error log, and the raw bucket it writes to.
enum DeliveryResources {
    /// Adds the stream and returns it (the source stage needs its ARN) with the raw bucket.
    static func add(
        _ context: PipelineContext, to builder: inout StackBuilder
    ) -> (stream: KinesisFirehoseDeliveryStream.Handle, bucket: StackBuilder.PrivateBucket) {
        let pipeline = context.pipeline
        let names = context.names
        let delivery = pipeline.delivery
        let bucket = builder.bucket("raw", .delivery, name: names.rawBucket, expireDays: delivery.expireDays)
        let logGroup = builder.add(
            "delivery", .delivery,
            CloudWatchLogGroup(
                name: "/aws/kinesisfirehose/\(names.deliveryStream)", retentionInDays: pipeline.source.retentionDays))
        let logStream = builder.add(
            "delivery", .delivery, CloudWatchLogStream(logGroupName: "\(logGroup.name)", name: "DestinationDelivery"))
        let role = builder.role(
            "firehose", .delivery, name: names.firehoseRole, service: "firehose.amazonaws.com",
            description: "Lets Firehose write \(pipeline.name) batches to the raw bucket",
            statements: [
                Statement(
                    sid: "WriteRawBucket",
                    actions: [
                        "s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket",
                        "s3:ListBucketMultipartUploads", "s3:PutObject",
                    ],
                    resources: ["\(bucket.arn)", "\(bucket.arn)/*"]),
                Statement(
                    sid: "LogDeliveryErrors", actions: ["logs:PutLogEvents"],
                    resources: ["\(logGroup.arn):log-stream:*"]),
            ])
        typealias Destination = KinesisFirehoseDeliveryStream.ExtendedS3Configuration
        var destination = Destination(
            bucketARN: "\(bucket.arn)", roleARN: "\(role.arn)",
            bufferingInterval: delivery.bufferingIntervalSeconds, bufferingSize: delivery.bufferingSizeMB,
            cloudwatchLoggingOptions: .init(
                enabled: true, logGroupName: "\(logGroup.name)", logStreamName: "\(logStream.name)"),
            errorOutputPrefix: "\(names.rawErrorPrefix)", prefix: "\(names.rawPrefix)")
        switch delivery.mode {
        case .extracted:
            // Firehose unpacks the subscription's gzipped JSON, keeps only the log messages, one a line, and
            // gzips the result: the objects are plain .gz text.
            destination.compressionFormat = "GZIP"
            destination.processingConfiguration = .init(
                enabled: true,
                processors: [
                    .init(type: "Decompression", parameters: [parameter("CompressionFormat", "GZIP")]),
                    .init(type: "CloudWatchLogProcessing", parameters: [parameter("DataMessageExtraction", "true")]),
                    // The default delimiter is a newline: each message ends its own line.
                    .init(type: "AppendDelimiterToRecord"),
                ])
        case .raw:
            // The records are already gzipped by CloudWatch Logs; compressing again would gzip them twice.
            destination.compressionFormat = "UNCOMPRESSED"
        }
        let stream = builder.add(
            "delivery", .delivery,
            KinesisFirehoseDeliveryStream(
                destination: "extended_s3", name: "\(names.deliveryStream)", extendedS3Configuration: destination,
                serverSideEncryption: .init(enabled: true, keyType: "AWS_OWNED_CMK")),
            dependsOn: [role.policy])
        return (stream, bucket)
    }

    private static func parameter(
        _ name: String, _ value: String
    ) -> KinesisFirehoseDeliveryStream.ExtendedS3Configuration.ProcessingConfiguration.Processors.Parameters {
        .init(parameterName: "\(name)", parameterValue: "\(value)")
    }
}

extension DiagramNodeID {
    /// The Firehose delivery stream.
    static let firehose: Self = "firehose"
    /// The raw bucket Firehose writes.
    static let raw: Self = "raw"
}

/// The delivery stage: the Firehose stream and the raw bucket it writes, in the source account.
extension DeliveryResources: PipelineStage {
    static var stage: Stage { .delivery }

    static func expand(_ context: PipelineContext, into stacks: inout PipelineStacks, state: inout ExpansionState) {
        let delivery = add(context, to: &stacks.source)
        state.deliveryStream = delivery.stream
        state.rawBucket = delivery.bucket
        // Objects are processed where Firehose writes them, unless replication moves them to another account.
        state.landing = ExpansionState.Landing(bucket: delivery.bucket, node: .raw)
    }

    static func diagram(_ context: PipelineContext, state: ExpansionState) -> StageDiagram {
        let batches: DiagramText =
            context.pipeline.delivery.mode == .extracted ? "gzipped lines" : "gzipped JSON batches"
        return StageDiagram(
            nodes: [
                DiagramNode(.firehose, "Firehose\n\(context.names.deliveryStream)", in: .source),
                DiagramNode(.raw, "S3 raw\n\(context.names.rawBucket)", shape: .store, in: .source),
            ],
            flows: [DiagramFlow(from: .firehose, to: .raw, batches)])
    }
}
