import SluiceModel

/// The Athena workgroup, its encrypted and expiring results bucket, and the federated lookup catalog.
enum QueryResources {
    struct Added {
        let workgroup: Address
        let resultsBucket: Address
        let catalog: Address?
    }

    static func add(_ c: PipelineContext, to b: inout StackBuilder) -> Added {
        let athena = c.pipeline.athena
        // Validation bounds the MiB count so the byte count fits; saturate rather than trap should it not have run.
        let (bytes, overflow) = athena.bytesScannedCutoffMB.multipliedReportingOverflow(by: 1_048_576)
        let results = b.bucket(
            "athena_results", .query, name: c.names.athenaResultsBucket, expireDays: athena.resultsExpireDays)
        let workgroup = b.add(
            "aws_athena_workgroup", "query", .query,
            [
                "name": .string(c.names.workgroup),
                "description": .string("Queries of pipeline \(c.pipeline.name)"),
                "state": "ENABLED",
                "force_destroy": false,
                "configuration": [
                    "enforce_workgroup_configuration": true,
                    "publish_cloudwatch_metrics_enabled": true,
                    "bytes_scanned_cutoff_per_query": .int(overflow ? Int.max : bytes),
                    "engine_version": ["selected_engine_version": "Athena engine version 3"],
                    "result_configuration": [
                        "output_location": .string("s3://\(c.names.athenaResultsBucket)/results/"),
                        "encryption_configuration": ["encryption_option": "SSE_S3"],
                    ],
                ],
                "depends_on": .strings([results.description]),
            ])
        var catalog: Address?
        if let enrichment = c.pipeline.processor.enrichment {
            catalog = b.add(
                "aws_athena_data_catalog", "lookups", .query,
                [
                    "name": .string(enrichment.catalog),
                    "description": .string("Federated lookups of pipeline \(c.pipeline.name)"),
                    "type": "LAMBDA",
                    "parameters": ["function": .string(enrichment.connector)],
                ])
        }
        return Added(workgroup: workgroup, resultsBucket: results, catalog: catalog)
    }
}
