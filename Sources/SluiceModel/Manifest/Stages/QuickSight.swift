import Yams

/// Who may use the pipeline's QuickSight data source, datasets and dashboards.
package struct QuickSightSettings: Sendable {
    /// The QuickSight group given access.
    package var group: String
    /// The QuickSight namespace of the group.
    package var namespace: String
    package var origin: Origin

    package init(group: String, namespace: String = Defaults.quickSightNamespace, origin: Origin) {
        self.group = group
        self.namespace = namespace
        self.origin = origin
    }
}

package enum ImportMode: String, Sendable, CaseIterable {
    case directQuery = "direct-query"
    case spice
}

/// A QuickSight data set over a view.
package struct Dataset: Sendable {
    package var name: String
    package var view: String
    package var importMode: ImportMode
    /// Refresh schedule for SPICE data sets.
    package var refresh: Refresh?
    package var origin: Origin

    package init(
        name: String, view: String, importMode: ImportMode = Defaults.importMode, refresh: Refresh? = nil,
        origin: Origin
    ) {
        self.name = name
        self.view = view
        self.importMode = importMode
        self.refresh = refresh
        self.origin = origin
    }
}

/// How often a SPICE data set is refreshed.
package enum Refresh: String, Sendable, CaseIterable {
    case hourly
    case daily
}

package enum VisualKind: String, Sendable, CaseIterable {
    case kpi
    case bar
    case line
    case table
}

package enum Aggregation: String, Sendable, CaseIterable {
    case count
    case countDistinct = "count-distinct"
    case sum
    case average

    /// Whether the aggregation only makes sense over numbers.
    package var needsNumbers: Bool { self == .sum || self == .average }
}

/// One visual of a dashboard.
package struct Visual: Sendable {
    package var kind: VisualKind
    package var title: String
    /// The column on the category or time axis (bar, line, table).
    package var dimension: String?
    package var measure: String
    package var aggregation: Aggregation
    package var origin: Origin

    package init(
        kind: VisualKind, title: String, dimension: String? = nil, measure: String, aggregation: Aggregation,
        origin: Origin
    ) {
        self.kind = kind
        self.title = title
        self.dimension = dimension
        self.measure = measure
        self.aggregation = aggregation
        self.origin = origin
    }
}

/// A QuickSight dashboard over one data set.
package struct Dashboard: Sendable {
    package var name: String
    package var dataset: String
    package var visuals: [Visual]
    package var origin: Origin

    package init(name: String, dataset: String, visuals: [Visual], origin: Origin) {
        self.name = name
        self.dataset = dataset
        self.visuals = visuals
        self.origin = origin
    }
}

extension Defaults {
    package static let importMode = ImportMode.directQuery
    package static let quickSightNamespace = "default"
}

extension QuickSightSettings {
    /// The manifest's `quicksight` section, or nil with its problems reported to the reader's file.
    init?(from reader: MappingReader) {
        defer { reader.finish() }
        let group = reader.requiredString("group")
        let namespace = reader.string("namespace", default: Defaults.quickSightNamespace)
        guard let group else { return nil }
        self.init(group: group, namespace: namespace, origin: reader.origin)
    }
}

extension Dataset {
    /// One of the manifest's `datasets`, or nil with its problems reported to `file`.
    init?(from node: Node, path: String, in file: YAMLFile) {
        guard let reader = MappingReader(node, path: path, in: file) else { return nil }
        defer { reader.finish() }
        let name = reader.requiredString("name")
        let view = reader.requiredString("view")
        let mode = reader.choice("import_mode", default: Defaults.importMode)
        let refresh: Refresh? = reader.optionalChoice("refresh")
        guard let name, let view, let mode else { return nil }
        self.init(name: name, view: view, importMode: mode, refresh: refresh, origin: reader.origin)
    }
}

extension Dashboard {
    /// One of the manifest's `dashboards` with its visuals, or nil with its problems reported to `file`.
    init?(from node: Node, path: String, in file: YAMLFile) {
        guard let reader = MappingReader(node, path: path, in: file) else { return nil }
        defer { reader.finish() }
        let name = reader.requiredString("name")
        let dataset = reader.requiredString("dataset")
        let items = reader.list("visuals", required: true)
        if items.isEmpty, let node = reader.value("visuals") {
            file.error("a dashboard needs at least one visual", at: node)
        }
        let visuals: [Visual] = items.compactMap { item in
            guard let visual = MappingReader(item.node, path: item.path, in: file) else { return nil }
            defer { visual.finish() }
            let kind = visual.choice("type", default: VisualKind?.none)
            let title = visual.requiredString("title")
            let dimension = visual.optionalString("dimension")
            let measure = visual.requiredString("measure")
            let aggregation = visual.choice("aggregation", default: Aggregation?.none)
            guard let kind, let title, let measure, let aggregation else { return nil }
            return Visual(
                kind: kind, title: title, dimension: dimension, measure: measure, aggregation: aggregation,
                origin: visual.origin)
        }
        guard let name, let dataset else { return nil }
        self.init(name: name, dataset: dataset, visuals: visuals, origin: reader.origin)
    }
}
