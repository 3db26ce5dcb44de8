import SluiceModel

/// Which of the table's stored columns a view reads, to price its scans: the schema guard's reading of a view's SQL
/// (`SluiceModel.ViewColumns`: identifiers outside strings and comments, `*` for every column) over the view and the
/// views it reads. Partition keys are not counted: their values are in the object keys, not in the files.
package enum ViewColumnShare {
    /// The stored columns of the pipeline's table that `view` reads, in the table's order.
    package static func read(by view: View, in pipeline: Pipeline) -> [String] {
        let graph = ViewGraph(pipeline: pipeline)
        let columns = pipeline.processor.output.columns.map(\.name)
        var identifiers: Set<String> = []
        var readsEverything = false
        var pending = [view.name]
        var visited: Set<String> = []
        while let name = pending.popLast() {
            guard visited.insert(name).inserted, let current = pipeline.views.first(where: { $0.name == name }) else {
                continue
            }
            let reads = ViewColumns(sql: current.sql)
            readsEverything = readsEverything || reads.readsEverything
            identifiers.formUnion(reads.identifiers)
            pending += graph.dependencies[name] ?? []
        }
        return readsEverything ? columns : columns.filter { identifiers.contains($0.lowercased()) }
    }

    /// The share of the table's stored columns `view` reads, by count (every column counted alike).
    package static func share(of view: View, in pipeline: Pipeline) -> (read: Int, of: Int) {
        (read(by: view, in: pipeline).count, pipeline.processor.output.columns.count)
    }
}
