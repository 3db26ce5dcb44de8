/// A pipeline's views and what each reads: the lake table or other views, by logical name.
package struct ViewGraph: Sendable {
    package let pipeline: Pipeline
    /// Each view's references, by view name (a malformed SQL has none here; validation reports it).
    package let dependencies: [String: [String]]

    package init(pipeline: Pipeline) {
        self.pipeline = pipeline
        var dependencies: [String: [String]] = [:]
        for view in pipeline.views {
            let references = (try? ViewSQL.references(in: view.sql).get()) ?? []
            dependencies[view.name] = references.map(\.name)
        }
        self.dependencies = dependencies
    }

    /// The names a view can reference: the pipeline's table and its views.
    package var names: [String] { [pipeline.processor.output.name] + pipeline.views.map(\.name) }

    /// The fully qualified Athena name of a logical name, or nil when the pipeline declares no such table or view.
    package func qualifiedName(_ name: String) -> String? {
        guard names.contains(name) else { return nil }
        return "\"\(pipeline.catalog.database)\".\"\(name)\""
    }

    /// A view's SELECT with every reference resolved.
    package func resolvedSQL(_ view: View) -> String {
        ViewSQL.resolve(view.sql, qualifiedName).trimmingTrailingWhitespace
    }

    /// The views in an order where each comes after the views it reads; ties by name. Views on a cycle come
    /// last, in name order (validation refuses cycles before anything is generated).
    package func ordered() -> [View] {
        var done: Set<String> = []
        var remaining = pipeline.views.sorted { $0.name < $1.name }
        var order: [View] = []
        while !remaining.isEmpty {
            guard
                let index = remaining.firstIndex(where: { view in
                    (dependencies[view.name] ?? []).allSatisfy { done.contains($0) || !isView($0) }
                })
            else {
                order += remaining
                break
            }
            let view = remaining.remove(at: index)
            done.insert(view.name)
            order.append(view)
        }
        return order
    }

    /// Each cycle of views once, as the path that closes it (`a -> b -> a`), starting at its smallest name.
    package func cycles() -> [[String]] {
        var cycles: [[String]] = []
        var seen: Set<String> = []
        for start in pipeline.views.map(\.name).sorted() where !seen.contains(start) {
            // Follow references depth first; a path returning to `start` is a cycle through it.
            var stack: [(name: String, path: [String])] = [(start, [start])]
            var visited: Set<String> = []
            while let (name, path) = stack.popLast() {
                for next in (dependencies[name] ?? []).sorted().reversed() where isView(next) {
                    if next == start {
                        let cycle = path + [start]
                        if !cycle.dropLast().contains(where: { seen.contains($0) }) { cycles.append(cycle) }
                        seen.formUnion(cycle)
                    } else if !visited.contains(next) {
                        visited.insert(next)
                        stack.append((next, path + [next]))
                    }
                }
            }
        }
        return cycles
    }

    private func isView(_ name: String) -> Bool { pipeline.views.contains { $0.name == name } }

    /// Which views and table each view reads, directly or through other views (for lineage docs).
    package func lineage(of view: View) -> [String] {
        // Breadth first; a set and a moving head keep a view with thousands of references linear.
        var result: [String] = []
        var seen: Set<String> = []
        var queue = dependencies[view.name] ?? []
        var head = 0
        while head < queue.count {
            let name = queue[head]
            head += 1
            guard seen.insert(name).inserted else { continue }
            result.append(name)
            queue += dependencies[name] ?? []
        }
        return result
    }
}

extension String {
    var trimmingTrailingWhitespace: String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
