import SluiceModel

/// `generated/sql/<database>/<view>.sql`: each view as the `CREATE OR REPLACE VIEW` Athena runs, with its
/// references resolved; and `generated/sql/<database>/lookups/<lookup>.sql`: the enrichment queries.
package enum SQLEmitter {
    package static let folder = "generated/sql"

    package static func files(for pipelines: [Pipeline]) -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        for pipeline in pipelines {
            let database = pipeline.catalog.database
            let graph = ViewGraph(pipeline: pipeline)
            for view in graph.ordered() {
                let reads = graph.dependencies[view.name, default: []].compactMap(graph.qualifiedName)
                let contents = """
                    -- \(GeneratedFile.marker) from pipeline '\(pipeline.name)'. Do not edit: change pipelines/ and run `sluice generate`.
                    -- Reads: \(reads.joined(separator: ", ")). Deployed as a Glue view by the \(pipeline.analyticsAccount) stack.
                    CREATE OR REPLACE VIEW "\(database)"."\(view.name)" AS
                    \(graph.resolvedSQL(view))

                    """
                files.append(GeneratedFile(path: "\(folder)/\(database)/\(view.name).sql", contents: contents))
            }
            guard let enrichment = pipeline.processor.enrichment else { continue }
            for lookup in enrichment.lookups {
                let contents = """
                    -- \(GeneratedFile.marker) from pipeline '\(pipeline.name)'. Do not edit: change pipelines/ and run `sluice generate`.
                    -- Lookup '\(lookup.name)' of processor \(pipeline.processor.name), run once per object: the
                    -- processor writes one ? per distinct '\(lookup.match)' of the object's rows and binds them.
                    \(lookup.spec.query(catalog: enrichment.catalog))

                    """
                files.append(
                    GeneratedFile(path: "\(folder)/\(database)/lookups/\(lookup.name).sql", contents: contents))
            }
        }
        return files
    }
}
