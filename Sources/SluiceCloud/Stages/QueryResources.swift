import SluiceModel

/// The Athena workgroup, its encrypted and expiring results bucket, and the federated lookup catalog.
enum QueryResources {
    struct Added {
        let workgroup: AthenaWorkgroup.Handle
        let resultsBucket: StackBuilder.PrivateBucket
        let catalog: AthenaDataCatalog.Handle?
    }

    static func add(_ context: PipelineContext, to builder: inout StackBuilder) -> Added {
        let pipeline = context.pipeline
        let names = context.names
        let athena = pipeline.athena
        // Validation bounds the MiB count so the byte count fits; saturate rather than trap should it not have run.
        let (bytes, overflow) = athena.bytesScannedCutoffMB.multipliedReportingOverflow(by: 1_048_576)
        let results = builder.bucket(
            "athena_results", .query, name: names.athenaResultsBucket, expireDays: athena.resultsExpireDays)
        let workgroup = builder.add(
            "query", .query,
            AthenaWorkgroup(
                name: "\(names.workgroup)",
                configuration: .init(
                    bytesScannedCutoffPerQuery: overflow ? Int.max : bytes, enforceWorkgroupConfiguration: true,
                    engineVersion: .init(selectedEngineVersion: "Athena engine version 3"),
                    publishCloudWatchMetricsEnabled: true,
                    resultConfiguration: .init(
                        encryptionConfiguration: .init(encryptionOption: "SSE_S3"),
                        outputLocation: "s3://\(names.athenaResultsBucket)/results/")),
                description: "Queries of pipeline \(pipeline.name)", forceDestroy: false, state: "ENABLED"),
            dependsOn: [results.bucket])
        var catalog: AthenaDataCatalog.Handle?
        if let enrichment = pipeline.processor.enrichment {
            catalog = builder.add(
                "lookups", .query,
                AthenaDataCatalog(
                    description: "Federated lookups of pipeline \(pipeline.name)", name: "\(enrichment.catalog)",
                    parameters: ["function": "\(enrichment.connector)"], type: "LAMBDA"))
        }
        return Added(workgroup: workgroup, resultsBucket: results, catalog: catalog)
    }
}

extension DiagramNodeID {
    /// The Athena workgroup.
    static let athena: Self = "athena"
    /// The federated catalog the processor's lookups query.
    static let lookups: Self = "lookups"
}

/// The query stage: the Athena workgroup and its results bucket, and the federated catalog for lookups.
extension QueryResources: PipelineStage {
    static var stage: Stage { .query }

    static func expand(_ context: PipelineContext, into stacks: inout PipelineStacks, state: inout ExpansionState) {
        state.query = add(context, to: &stacks.analytics)
    }

    static func diagram(_ context: PipelineContext, state: ExpansionState) -> StageDiagram {
        var nodes = [DiagramNode(.athena, "Athena workgroup\n\(context.names.workgroup)", in: .analytics)]
        if let enrichment = context.pipeline.processor.enrichment {
            nodes.append(
                DiagramNode(.lookups, "Athena catalog \(enrichment.catalog)\nfederated lookups", in: .analytics))
        }
        return StageDiagram(nodes: nodes, flows: [DiagramFlow(from: .table, to: .athena)])
    }
}
