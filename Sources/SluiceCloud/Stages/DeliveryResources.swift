import SluiceModel

/// The Firehose stream, its role and error log, and the raw bucket it writes to.
enum DeliveryResources {
    /// Adds the stream and returns it (the source stage needs its ARN).
    static func add(_ c: PipelineContext, to b: inout StackBuilder) -> (stream: Address, bucket: Address) {
        let delivery = c.pipeline.delivery
        let bucket = b.bucket("raw", .delivery, name: c.names.rawBucket, expireDays: delivery.expireDays)
        let logGroupName = "/aws/kinesisfirehose/\(c.names.deliveryStream)"
        let logGroup = b.add(
            "aws_cloudwatch_log_group", "delivery", .delivery,
            ["name": .string(logGroupName), "retention_in_days": .int(c.pipeline.source.retentionDays)])
        let logStream = b.add(
            "aws_cloudwatch_log_stream", "delivery", .delivery,
            ["name": "DestinationDelivery", "log_group_name": .expression(logGroup.ref("name"))])
        let role = b.role(
            "firehose", .delivery, name: c.names.firehoseRole, service: "firehose.amazonaws.com",
            description: "Lets Firehose write \(c.pipeline.name) batches to the raw bucket",
            statements: [
                Statement(
                    sid: "WriteRawBucket",
                    actions: [
                        "s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket",
                        "s3:ListBucketMultipartUploads", "s3:PutObject",
                    ],
                    resources: [.init(bucket.ref("arn")), "\(bucket.ref("arn"))/*"]),
                Statement(
                    sid: "LogDeliveryErrors", actions: ["logs:PutLogEvents"],
                    resources: ["\(logGroup.ref("arn")):log-stream:*"]),
            ])
        var s3: [String: TerraformValue] = [
            "role_arn": .expression(role.ref("arn")),
            "bucket_arn": .expression(bucket.ref("arn")),
            "prefix": .string(c.names.rawPrefix),
            "error_output_prefix": .string(c.names.rawErrorPrefix),
            "buffering_size": .int(delivery.bufferingSizeMB),
            "buffering_interval": .int(delivery.bufferingIntervalSeconds),
            "cloudwatch_logging_options": [
                "enabled": true, "log_group_name": .expression(logGroup.ref("name")),
                "log_stream_name": .expression(logStream.ref("name")),
            ],
        ]
        switch delivery.mode {
        case .extracted:
            // Firehose unpacks the subscription's gzipped JSON, keeps only the log messages, one a line, and
            // gzips the result: the objects are plain .gz text.
            s3["compression_format"] = "GZIP"
            s3["processing_configuration"] = [
                "enabled": true,
                "processors": [
                    ["type": "Decompression", "parameters": [parameter("CompressionFormat", "GZIP")]],
                    ["type": "CloudWatchLogProcessing", "parameters": [parameter("DataMessageExtraction", "true")]],
                    // The default delimiter is a newline: each message ends its own line.
                    ["type": "AppendDelimiterToRecord"],
                ],
            ]
        case .raw:
            // The records are already gzipped by CloudWatch Logs; compressing again would gzip them twice.
            s3["compression_format"] = "UNCOMPRESSED"
        }
        let stream = b.add(
            "aws_kinesis_firehose_delivery_stream", "delivery", .delivery,
            [
                "name": .string(c.names.deliveryStream),
                "destination": "extended_s3",
                "server_side_encryption": ["enabled": true, "key_type": "AWS_OWNED_CMK"],
                "extended_s3_configuration": .object(s3),
                "depends_on": .strings([Address("aws_iam_role_policy", b.name("firehose")).description]),
            ])
        return (stream, bucket)
    }

    private static func parameter(_ name: String, _ value: String) -> TerraformValue {
        ["parameter_name": .string(name), "parameter_value": .string(value)]
    }
}
