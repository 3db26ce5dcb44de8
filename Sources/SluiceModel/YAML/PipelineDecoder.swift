import Yams

/// Decodes one pipeline manifest (`pipelines/<name>.yaml`).
package enum PipelineDecoder {
    /// The pipeline, or nil with every problem in `diagnostics`.
    /// - Parameter readFile: reads a file named in the manifest (a view's `sql_file`), relative to the manifest, or
    ///   says why it may not be read.
    package static func decode(
        _ text: String, path: String, diagnostics: inout Diagnostics,
        readFile: (String) -> Result<String, DeclarationFiles.Refusal>
    ) -> Pipeline? {
        let file = YAMLFile(path: path)
        defer { diagnostics.append(contentsOf: file.diagnostics) }
        guard let root = file.parse(text), let top = MappingReader(root, path: "", in: file) else { return nil }

        let name = top.requiredString("name")
        let description = top.string("description", default: "")
        let source = top.mapping("source", required: true).flatMap(source)
        let delivery = top.mapping("delivery", required: false).map(delivery) ?? DeliveryStage(origin: top.origin)
        let replication = top.mapping("replication", required: false).flatMap(replication)
        let processor = top.mapping("processor", required: true).flatMap(processor)
        let catalog = top.mapping("catalog", required: true).flatMap(catalog)
        let athena = top.mapping("athena", required: false).map(athena)
        let views = top.list("views").compactMap { view($0.node, $0.path, file, readFile) }
        let datasets = top.list("datasets").compactMap { dataset($0.node, $0.path, file) }
        let dashboards = top.list("dashboards").compactMap { dashboard($0.node, $0.path, file) }
        let quickSight = top.mapping("quicksight", required: false).flatMap(quickSight)
        top.finish()

        guard let name, let source, let processor, let catalog else { return nil }
        return Pipeline(
            name: name, description: description, source: source, delivery: delivery, replication: replication,
            processor: processor, catalog: catalog, athena: athena, views: views, datasets: datasets,
            dashboards: dashboards, quickSight: quickSight, origin: top.origin)
    }

    private static func source(_ reader: MappingReader) -> SourceStage? {
        defer { reader.finish() }
        let account = reader.requiredString("account")
        let logGroup = reader.requiredString("log_group")
        let pattern = reader.string("filter_pattern", default: "")
        let format = reader.choice("format", default: Defaults.logFormat)
        let retention = reader.int("retention_days", default: Defaults.retentionDays)
        guard let account, let logGroup, let format, let retention else { return nil }
        return SourceStage(
            account: account, logGroup: logGroup, filterPattern: pattern, format: format, retentionDays: retention,
            origin: reader.origin)
    }

    private static func delivery(_ reader: MappingReader) -> DeliveryStage {
        defer { reader.finish() }
        return DeliveryStage(
            mode: reader.choice("mode", default: Defaults.deliveryMode) ?? Defaults.deliveryMode,
            bufferingSizeMB: reader.int("buffering_size_mb", default: Defaults.bufferingSizeMB) ?? 0,
            bufferingIntervalSeconds: reader.int(
                "buffering_interval_seconds", default: Defaults.bufferingIntervalSeconds)
                ?? 0,
            prefix: reader.string("prefix", default: ""),
            errorPrefix: reader.string("error_prefix", default: ""),
            expireDays: reader.int("expire_days", default: Defaults.expireDays) ?? 0,
            origin: reader.origin)
    }

    private static func replication(_ reader: MappingReader) -> ReplicationStage? {
        defer { reader.finish() }
        let account = reader.requiredString("account")
        let timeControl = reader.bool("time_control", default: false)
        guard let account else { return nil }
        return ReplicationStage(account: account, timeControl: timeControl, origin: reader.origin)
    }

    private static func processor(_ reader: MappingReader) -> ProcessorStage? {
        defer { reader.finish() }
        let name = reader.requiredString("name")
        let memory = reader.int("memory_mb", default: Defaults.memoryMB)
        let timeout = reader.int("timeout_seconds", default: Defaults.timeoutSeconds)
        let architecture = reader.choice("architecture", default: Defaults.architecture)
        let reserved = reader.optionalInt("reserved_concurrency")
        let environment = reader.stringMap("environment")
        let enrichment = reader.mapping("enrichment", required: false).flatMap(enrichment)
        let output = reader.mapping("output", required: true).flatMap(table)
        let transform = reader.choice("transform", default: Defaults.transform)
        guard let name, let memory, let timeout, let architecture, let output, let transform else { return nil }
        return ProcessorStage(
            name: name, memoryMB: memory, timeoutSeconds: timeout, architecture: architecture,
            reservedConcurrency: reserved, environment: environment, enrichment: enrichment, output: output,
            transform: transform, origin: reader.origin)
    }

    private static func enrichment(_ reader: MappingReader) -> Enrichment? {
        defer { reader.finish() }
        let catalog = reader.requiredString("catalog")
        let connector = reader.requiredString("connector")
        let ttl = reader.int("cache_ttl_seconds", default: Defaults.cacheTTLSeconds)
        let lookups: [Lookup] = reader.list("lookups", required: true).compactMap { item in
            guard let lookup = MappingReader(item.node, path: item.path, in: reader.file) else { return nil }
            defer { lookup.finish() }
            let name = lookup.requiredString("name")
            let schema = lookup.requiredString("schema")
            let table = lookup.requiredString("table")
            let key = lookup.requiredString("key")
            let match = lookup.requiredString("match")
            let columns = lookup.stringList("columns", required: true)
            guard let name, let schema, let table, let key, let match else { return nil }
            return Lookup(
                name: name, schema: schema, table: table, key: key, match: match, columns: columns,
                origin: lookup.origin)
        }
        guard let catalog, let connector, let ttl else { return nil }
        return Enrichment(
            catalog: catalog, connector: connector, lookups: lookups, cacheTTLSeconds: ttl, origin: reader.origin)
    }

    private static func table(_ reader: MappingReader) -> Table? {
        defer { reader.finish() }
        let name = reader.requiredString("table")
        let columns = reader.list("columns", required: true).compactMap {
            column($0.node, $0.path, reader.file, declared: true)
        }
        let partitions = reader.list("partition_keys").compactMap {
            column($0.node, $0.path, reader.file, declared: true)
        }
        let bucket = reader.optionalString("bucket")
        let format = reader.choice("format", default: Defaults.lakeFormat)
        let compression: LakeCompression? = reader.optionalChoice("compression")
        let eventTime = reader.optionalString("event_time")
        guard let name, let format else { return nil }
        return Table(
            name: name, columns: columns, partitionKeys: partitions, bucket: bucket, format: format,
            compression: compression, eventTime: eventTime, origin: reader.origin)
    }

    /// A column; with `declared`, an output column or partition key, which may say where its value comes from
    /// (`from`, `template`, `required`, `case`: `ColumnSource`).
    private static func column(_ node: Node, _ path: String, _ file: YAMLFile, declared: Bool = false) -> Column? {
        guard let reader = MappingReader(node, path: path, in: file) else { return nil }
        defer { reader.finish() }
        let name = reader.requiredString("name")
        let type = reader.choice("type", default: ColumnType?.none)
        let comment = reader.string("comment", default: "")
        var source: ColumnSource?
        if declared, ["from", "template", "required", "case"].contains(where: reader.has) {
            let from = reader.optionalString("from")
            let template = reader.optionalString("template")
            let required = reader.bool("required", default: false)
            let letterCase: LetterCase? = reader.optionalChoice("case")
            let declared = ColumnSource(from: from, template: template, required: required, letterCase: letterCase)
            // `required: false` alone declares nothing: the same column as one without it (and as the DSL's).
            source = declared == ColumnSource() ? nil : declared
            // Errors inside the text (a path's or template's offending byte) point at that byte.
            for key in ["from", "template"] {
                if let value = reader.value(key), let start = file.textStart(of: value) {
                    reader.noteTextStart(key, start)
                }
            }
        }
        guard let name, let type else { return nil }
        return Column(name: name, type: type, comment: comment, source: source, origin: reader.origin)
    }

    private static func catalog(_ reader: MappingReader) -> CatalogStage? {
        defer { reader.finish() }
        let database = reader.requiredString("database")
        var discovery: Discovery?
        switch (reader.has("crawler"), reader.has("projection")) {
        case (true, true):
            _ = reader.value("projection")
            reader.file.error(
                "'catalog' takes either 'crawler' or 'projection', not both", at: reader.value("crawler")!)
        case (false, false):
            _ = reader.value("crawler")
            _ = reader.value("projection")
            reader.file.error("'catalog' needs a 'crawler' (with a schedule) or a 'projection'", at: reader.node)
        case (true, false):
            if let crawler = reader.mapping("crawler", required: true) {
                if let schedule = crawler.requiredString("schedule") {
                    discovery = .crawler(schedule: Schedule(schedule))
                }
                reader.adopt("schedule", from: crawler)
                crawler.finish()
            }
            _ = reader.value("projection")
        case (false, true):
            if let projection = reader.mapping("projection", required: true) {
                let key = projection.requiredString("key")
                let since = projection.requiredString("since")
                projection.finish()
                if let key, let since {
                    discovery = .projection(Projection(key: key, since: since, origin: projection.origin))
                }
            }
            _ = reader.value("crawler")
        }
        guard let database, let discovery else { return nil }
        return CatalogStage(database: database, discovery: discovery, origin: reader.origin)
    }

    private static func athena(_ reader: MappingReader) -> AthenaSettings {
        defer { reader.finish() }
        return AthenaSettings(
            bytesScannedCutoffMB: reader.int("bytes_scanned_cutoff_mb", default: Defaults.bytesScannedCutoffMB) ?? 0,
            resultsExpireDays: reader.int("results_expire_days", default: Defaults.resultsExpireDays) ?? 0,
            origin: reader.origin)
    }

    private static func quickSight(_ reader: MappingReader) -> QuickSightSettings? {
        defer { reader.finish() }
        let group = reader.requiredString("group")
        let namespace = reader.string("namespace", default: Defaults.quickSightNamespace)
        guard let group else { return nil }
        return QuickSightSettings(group: group, namespace: namespace, origin: reader.origin)
    }

    /// The pipeline, or nil with every problem in `diagnostics`; a view's `sql_file` cannot be read.
    package static func decode(_ text: String, path: String, diagnostics: inout Diagnostics) -> Pipeline? {
        decode(text, path: path, diagnostics: &diagnostics) { _ in
            .failure(DeclarationFiles.Refusal(message: "no files are read here"))
        }
    }

    private static func view(
        _ node: Node, _ path: String, _ file: YAMLFile, _ readFile: (String) -> Result<String, DeclarationFiles.Refusal>
    ) -> View? {
        guard let reader = MappingReader(node, path: path, in: file) else { return nil }
        defer { reader.finish() }
        let name = reader.requiredString("name")
        let inline = reader.optionalString("sql")
        let sqlFile = reader.optionalString("sql_file")
        let columns = reader.list("columns", required: true).compactMap { column($0.node, $0.path, file) }
        var sql: String?
        var place: SQLPlace?
        switch (inline, sqlFile) {
        case (let text?, nil):
            sql = text
            place = file.sqlPlace(of: reader.value("sql")!)
        case (nil, let relative?):
            let shown = "\(Workspace.pipelinesFolder)/\(relative)"
            switch readFile(relative) {
            case .success(let text): sql = text
            case .failure(let refusal) where refusal.line != nil:
                file.diagnostics.error(refusal.message, at: refusal.location(in: shown))
            case .failure(let refusal):
                file.error("the view's sql_file: \(refusal.message)", at: reader.value("sql_file")!)
            }
            let start = SourceLocation(file: shown, line: 1, column: 1)
            place = SQLPlace(start: start, lineStartColumn: 1)
        case (_?, _?): file.error("a view takes 'sql' or 'sql_file', not both", at: reader.value("sql_file")!)
        case (nil, nil): file.error("a view needs 'sql' or 'sql_file'", at: node)
        }
        guard let name, let sql else { return nil }
        return View(name: name, sql: sql, sqlFile: sqlFile, sqlPlace: place, columns: columns, origin: reader.origin)
    }

    private static func dataset(_ node: Node, _ path: String, _ file: YAMLFile) -> Dataset? {
        guard let reader = MappingReader(node, path: path, in: file) else { return nil }
        defer { reader.finish() }
        let name = reader.requiredString("name")
        let view = reader.requiredString("view")
        let mode = reader.choice("import_mode", default: Defaults.importMode)
        let refresh: Refresh? = reader.optionalChoice("refresh")
        guard let name, let view, let mode else { return nil }
        return Dataset(name: name, view: view, importMode: mode, refresh: refresh, origin: reader.origin)
    }

    private static func dashboard(_ node: Node, _ path: String, _ file: YAMLFile) -> Dashboard? {
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
        return Dashboard(name: name, dataset: dataset, visuals: visuals, origin: reader.origin)
    }
}
