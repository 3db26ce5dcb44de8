/// The checks of one pipeline, stage by stage.
struct PipelineRules {
    /// The longest pipeline and processor names: derived names (`<prefix>-<pipeline>-<processor>`) must fit AWS's.
    static let nameLength = 40

    let project: Project
    let pipeline: Pipeline

    func check(_ diagnostics: inout Diagnostics) {
        if let problem = AWSRules.kebabProblem(pipeline.name, what: "a pipeline name", maxLength: Self.nameLength) {
            diagnostics.error(problem, at: pipeline.origin["name"])
        }
        checkSource(&diagnostics)
        checkDelivery(&diagnostics)
        checkReplication(&diagnostics)
        checkProcessor(&diagnostics)
        checkCatalog(&diagnostics)
        checkAnalytics(&diagnostics)
        AlertsRules(project: project, pipeline: pipeline).check(&diagnostics)
        VolumeRules(pipeline: pipeline).check(&diagnostics)
        checkDerivedNames(&diagnostics)
    }

    private func checkSource(_ diagnostics: inout Diagnostics) {
        let source = pipeline.source
        Validator.checkAccountReference(source.account, in: project, at: source.origin["account"], &diagnostics)
        if let problem = AWSRules.logGroupProblem(source.logGroup) {
            diagnostics.error(problem, at: source.origin["log_group"])
        }
        if source.filterPattern.utf8.count > 1024 {
            diagnostics.error("a filter pattern is at most 1024 bytes", at: source.origin["filter_pattern"])
        }
        if !AWSRules.logRetentionDays.contains(source.retentionDays) {
            diagnostics.error(
                "CloudWatch Logs does not offer a retention of \(source.retentionDays) days; choose one of "
                    + AWSRules.logRetentionDays.map(String.init).joined(separator: ", "),
                at: source.origin["retention_days"])
        }
    }

    private func checkDelivery(_ diagnostics: inout Diagnostics) {
        let delivery = pipeline.delivery
        check(delivery.bufferingSizeMB, NumberRules.bufferingSizeMB, delivery.origin, &diagnostics)
        check(delivery.bufferingIntervalSeconds, NumberRules.bufferingIntervalSeconds, delivery.origin, &diagnostics)
        check(delivery.expireDays, NumberRules.expireDays, delivery.origin, &diagnostics)
        let prefixProblem =
            TextRules.keyTextProblem(delivery.prefix, what: "the prefix")
            ?? FirehosePrefixRules.prefixProblem(delivery.prefix, isErrorPrefix: false)
        if let prefixProblem { diagnostics.error(prefixProblem, at: delivery.origin["prefix"]) }
        if !delivery.prefix.isEmpty, delivery.prefix.contains("!{") {
            if delivery.errorPrefix.isEmpty {
                diagnostics.error(
                    "a prefix with '!{...}' expressions needs an error_prefix (Firehose requires it)",
                    at: delivery.origin["prefix"])
            }
        }
        if !delivery.errorPrefix.isEmpty,
            let problem = TextRules.keyTextProblem(delivery.errorPrefix, what: "the error_prefix")
                ?? FirehosePrefixRules.prefixProblem(delivery.errorPrefix, isErrorPrefix: true)
        {
            diagnostics.error(problem, at: delivery.origin["error_prefix"])
        }
        if prefixProblem == nil, let names = Names(project: project, pipeline: pipeline) {
            // The trigger and the replication rule match the prefix's fixed part: it must single out data objects.
            if names.rawKeyPrefix.isEmpty {
                diagnostics.error(
                    "the prefix must start with a fixed folder (such as 'raw/') before any '!{...}' expression: "
                        + "replication and the processor trigger match on it",
                    at: delivery.origin["prefix"])
            } else if names.rawErrorPrefix.hasPrefix(names.rawKeyPrefix) {
                diagnostics.error(
                    "the error_prefix lies under the prefix '\(names.rawKeyPrefix)': Firehose error records "
                        + "would reach the processor as data",
                    at: delivery.origin["error_prefix"])
            }
        }
        if !delivery.prefix.isEmpty, !delivery.prefix.contains("!{"), !delivery.prefix.hasSuffix("/") {
            diagnostics.warning(
                "the prefix does not end with '/': object names will run on from it",
                at: delivery.origin["prefix"])
        }
    }

    private func checkReplication(_ diagnostics: inout Diagnostics) {
        guard let replication = pipeline.replication else { return }
        Validator.checkAccountReference(
            replication.account, in: project, at: replication.origin["account"], &diagnostics)
        if replication.account == pipeline.source.account {
            diagnostics.error(
                "replication target '\(replication.account)' is the source account; "
                    + "leave 'replication' out to process in the source account",
                at: replication.origin["account"])
        }
        if let source = project.account(named: pipeline.source.account),
            let target = project.account(named: replication.account), source.region != target.region
        {
            diagnostics.warning(
                "the source (\(source.region)) and analytics (\(target.region)) regions differ: "
                    + "this replicates across regions, with transfer costs",
                at: replication.origin["account"])
        }
    }

    private func checkProcessor(_ diagnostics: inout Diagnostics) {
        let processor = pipeline.processor
        if let problem = AWSRules.kebabProblem(processor.name, what: "a processor name", maxLength: Self.nameLength) {
            diagnostics.error(problem, at: processor.origin["name"])
        }
        check(processor.memoryMB, NumberRules.memoryMB, processor.origin, &diagnostics)
        check(processor.timeoutSeconds, NumberRules.timeoutSeconds, processor.origin, &diagnostics)
        if let reserved = processor.reservedConcurrency {
            check(reserved, NumberRules.reservedConcurrency, processor.origin, &diagnostics)
            if reserved > NumberRules.defaultQuotaReservable, NumberRules.reservedConcurrency.range.contains(reserved) {
                diagnostics.warning(
                    "reserved_concurrency \(reserved) needs a raised Lambda quota: an account with the default 1,000 "
                        + "concurrent executions can reserve at most \(NumberRules.defaultQuotaReservable)",
                    at: processor.origin["reserved_concurrency"])
            }
        }
        for key in processor.environment.keys.sorted() {
            if let problem = AWSRules.environmentKeyProblem(key) {
                diagnostics.error(problem, at: processor.origin["environment"])
            }
        }
        // Counted as the function gets it: with the SLUICE_PIPELINE variable Sluice adds (ProcessorResources).
        var variables = processor.environment
        variables["SLUICE_PIPELINE"] = pipeline.name
        let environment = variables.map { $0.key + $0.value }.joined()
        if let problem = TextRules.environmentSize.problem(environment) {
            diagnostics.error(problem, at: processor.origin["environment"])
        }
        checkTable(processor.output, &diagnostics)
        DeclarationRules(pipeline: pipeline).check(&diagnostics)
        if let enrichment = processor.enrichment { checkEnrichment(enrichment, processor.output, &diagnostics) }
    }

    private func checkTable(_ table: Table, _ diagnostics: inout Diagnostics) {
        if let problem = AWSRules.glueIdentifierProblem(table.name, what: "a table name") {
            diagnostics.error(problem, at: table.origin["table"])
        }
        if table.columns.isEmpty {
            diagnostics.error("the output table declares no columns", at: table.origin["columns"])
        }
        if !table.format.allowedCompressions.contains(table.compression) {
            let allowed = table.format.allowedCompressions.map(\.rawValue).joined(separator: ", ")
            diagnostics.error(
                "'\(table.compression.rawValue)' is not a valid 'compression' for \(table.format.rawValue) output; "
                    + "expected \(allowed)",
                at: table.origin["compression"])
        }
        if let bucket = table.bucket, let problem = AWSRules.bucketProblem(bucket) {
            diagnostics.error(problem, at: table.origin["bucket"])
        }
        for key in table.partitionKeys where key.type == .timestamp {
            // Its text holds ':' and a space, which Hive escapes in folder names; the processor refuses such values.
            diagnostics.error(
                "partition key '\(key.name)' is a timestamp: a partition folder cannot name one (Hive escapes its ':'); "
                    + "partition by a date or a string such as the hour",
                at: key.origin["type"])
        }
        var seen: [String: Column] = [:]
        for column in table.columns + table.partitionKeys {
            if let problem = AWSRules.glueIdentifierProblem(column.name, what: "a column name") {
                diagnostics.error(problem, at: column.origin["name"])
            }
            if let problem = TextRules.columnComment.problem(column.comment) {
                diagnostics.error("column '\(column.name)': \(problem)", at: column.origin["comment"])
            }
            if let first = seen[column.name] {
                diagnostics.error(
                    "duplicate column '\(column.name)' (first declared at \(first.origin["name"]))",
                    at: column.origin["name"])
            }
            seen[column.name] = column
        }
    }

    private func checkEnrichment(_ enrichment: Enrichment, _ table: Table, _ diagnostics: inout Diagnostics) {
        if let problem = AWSRules.dataCatalogProblem(enrichment.catalog) {
            diagnostics.error(problem, at: enrichment.origin["catalog"])
        }
        if let problem = AWSRules.functionARNProblem(enrichment.connector) {
            diagnostics.error(problem, at: enrichment.origin["connector"])
        }
        check(enrichment.cacheTTLSeconds, NumberRules.cacheTTLSeconds, enrichment.origin, &diagnostics)
        if enrichment.lookups.isEmpty {
            diagnostics.error("enrichment declares no lookups", at: enrichment.origin["lookups"])
        }
        let columns = table.columns.map(\.name)
        var names: Set<String> = []
        for lookup in enrichment.lookups {
            // The name is a file name (generated/sql/<database>/lookups/<name>.sql) and a line of SQL comment.
            if let problem = AWSRules.glueIdentifierProblem(lookup.name, what: "a lookup name") {
                diagnostics.error(problem, at: lookup.origin["name"])
            }
            if !names.insert(lookup.name).inserted {
                diagnostics.error("duplicate lookup '\(lookup.name)'", at: lookup.origin["name"])
            }
            for (value, key) in [(lookup.schema, "schema"), (lookup.table, "table"), (lookup.key, "key")] {
                if let problem = AWSRules.glueIdentifierProblem(value, what: "the lookup's \(key)") {
                    diagnostics.error(problem, at: lookup.origin[key])
                }
            }
            if !columns.contains(lookup.match) {
                diagnostics.error(
                    "lookup '\(lookup.name)' matches on '\(lookup.match)', which is not a column of table "
                        + "'\(table.name)'\(Suggestion.hint(for: lookup.match, in: columns))",
                    at: lookup.origin["match"])
            }
            if lookup.columns.isEmpty {
                diagnostics.error("lookup '\(lookup.name)' brings no columns", at: lookup.origin["columns"])
            }
            for column in lookup.columns where !columns.contains(column) {
                diagnostics.error(
                    "lookup '\(lookup.name)' fills '\(column)', which is not a column of table "
                        + "'\(table.name)'\(Suggestion.hint(for: column, in: columns))",
                    at: lookup.origin["columns"])
            }
        }
    }

    private func checkCatalog(_ diagnostics: inout Diagnostics) {
        let catalog = pipeline.catalog
        if let problem = AWSRules.glueIdentifierProblem(catalog.database, what: "a database name") {
            diagnostics.error(problem, at: catalog.origin["database"])
        }
        switch catalog.discovery {
        case .crawler(let schedule):
            if let problem = CronRules.scheduleProblem(schedule.written) {
                diagnostics.error(problem, at: catalog.origin["schedule"])
            }
        case .projection(let projection):
            let table = pipeline.processor.output
            let keys = table.partitionKeys.map(\.name)
            if keys.count > 1 {
                diagnostics.error(
                    "partition projection covers one date key, but '\(table.name)' has \(keys.count) partition keys; "
                        + "use a crawler",
                    at: projection.origin["key"])
            } else if !keys.contains(projection.key) {
                diagnostics.error(
                    "projection key '\(projection.key)' is not a partition key of '\(table.name)'"
                        + Suggestion.hint(for: projection.key, in: keys),
                    at: projection.origin["key"])
            }
            if let problem = AWSRules.dateProblem(projection.since) {
                diagnostics.error(problem, at: projection.origin["since"])
            }
        }
    }

    private func checkAnalytics(_ diagnostics: inout Diagnostics) {
        let athena = pipeline.athena
        check(athena.bytesScannedCutoffMB, NumberRules.bytesScannedCutoffMB, athena.origin, &diagnostics)
        check(athena.resultsExpireDays, NumberRules.resultsExpireDays, athena.origin, &diagnostics)
        let views = checkViews(&diagnostics)
        checkQuickSight(views: views, &diagnostics)
    }

    /// Checks names, columns and SQL references of the views; returns the views by name.
    private func checkViews(_ diagnostics: inout Diagnostics) -> [String: View] {
        var views: [String: View] = [:]
        let graph = ViewGraph(pipeline: pipeline)
        for view in pipeline.views {
            if let problem = AWSRules.glueIdentifierProblem(view.name, what: "a view name") {
                diagnostics.error(problem, at: view.origin["name"])
            }
            if views[view.name] != nil || view.name == pipeline.processor.output.name {
                diagnostics.error("'\(view.name)' is already the name of a table or view", at: view.origin["name"])
            }
            views[view.name] = view
            if view.columns.isEmpty {
                diagnostics.error("view '\(view.name)' declares no columns", at: view.origin["columns"])
            }
            var seen: Set<String> = []
            for column in view.columns {
                if let problem = AWSRules.glueIdentifierProblem(column.name, what: "a column name") {
                    diagnostics.error(problem, at: column.origin["name"])
                }
                if !seen.insert(column.name).inserted {
                    diagnostics.error(
                        "duplicate column '\(column.name)' in view '\(view.name)'", at: column.origin["name"])
                }
            }
            switch ViewSQL.references(in: view.sql) {
            case .failure(let problem):
                diagnostics.error(
                    problem.message, at: view.sqlPlace.location(line: problem.line, column: problem.column))
            case .success(let references):
                if references.isEmpty {
                    diagnostics.error(
                        "view '\(view.name)' reads no table: name it as {{ ref(\"\(pipeline.processor.output.name)\") }}",
                        at: view.sqlPlace.start)
                }
                for reference in references where graph.qualifiedName(reference.name) == nil {
                    diagnostics.error(
                        "view '\(view.name)' reads unknown table or view '\(reference.name)'"
                            + Suggestion.hint(for: reference.name, in: graph.names),
                        at: view.sqlPlace.location(line: reference.line, column: reference.column))
                }
            }
        }
        for cycle in graph.cycles() {
            let first = views[cycle[0]]!
            diagnostics.error("views form a cycle: \(cycle.joined(separator: " -> "))", at: first.sqlPlace.start)
        }
        return views
    }

    private func checkQuickSightSettings(_ diagnostics: inout Diagnostics) {
        guard let settings = pipeline.quickSight else { return }
        let groupProblem = TextRules.quickSightGroupProblem(settings.group)
        if let groupProblem { diagnostics.error(groupProblem, at: settings.origin["group"]) }
        let namespaceProblem = TextRules.quickSightNamespaceProblem(settings.namespace)
        if let namespaceProblem { diagnostics.error(namespaceProblem, at: settings.origin["namespace"]) }
        // The permission principal: arn:aws:quicksight:<region>:<account>:group/<namespace>/<group>.
        guard groupProblem == nil, namespaceProblem == nil, let names = Names(project: project, pipeline: pipeline)
        else { return }
        let account = names.analyticsAccount
        let principal = ARN.quickSight("group", "\(settings.namespace)/\(settings.group)", in: account).description
        if let problem = TextRules.quickSightPrincipal.problem(principal) {
            diagnostics.error("\(problem): shorten the group or namespace", at: settings.origin["group"])
        }
    }

    private func checkQuickSight(views: [String: View], _ diagnostics: inout Diagnostics) {
        checkQuickSightSettings(&diagnostics)
        if pipeline.quickSight == nil, let first = pipeline.datasets.first?.origin ?? pipeline.dashboards.first?.origin
        {
            diagnostics.error(
                "datasets and dashboards need a 'quicksight' section naming the group that may use them",
                at: first.location)
        }
        var datasets: [String: Dataset] = [:]
        for dataset in pipeline.datasets {
            if datasets[dataset.name] != nil {
                diagnostics.error("duplicate dataset '\(dataset.name)'", at: dataset.origin["name"])
            }
            datasets[dataset.name] = dataset
            if let problem = AWSRules.kebabOrSnakeProblem(dataset.name, what: "a dataset name") {
                diagnostics.error(problem, at: dataset.origin["name"])
            }
            if views[dataset.view] == nil {
                diagnostics.error(
                    "dataset '\(dataset.name)' is on unknown view '\(dataset.view)'"
                        + Suggestion.hint(for: dataset.view, in: Array(views.keys)),
                    at: dataset.origin["view"])
            }
            if dataset.refresh != nil, dataset.importMode == .directQuery {
                diagnostics.error("a refresh schedule needs import_mode spice", at: dataset.origin["refresh"])
            }
        }
        var dashboards: Set<String> = []
        for dashboard in pipeline.dashboards {
            if !dashboards.insert(dashboard.name).inserted {
                diagnostics.error("duplicate dashboard '\(dashboard.name)'", at: dashboard.origin["name"])
            }
            if let problem = AWSRules.kebabOrSnakeProblem(dashboard.name, what: "a dashboard name") {
                diagnostics.error(problem, at: dashboard.origin["name"])
            }
            for visual in dashboard.visuals {
                if let problem = TextRules.visualTitle.problem(visual.title) {
                    diagnostics.error(problem, at: visual.origin["title"])
                }
            }
            guard let dataset = datasets[dashboard.dataset] else {
                diagnostics.error(
                    "dashboard '\(dashboard.name)' uses unknown dataset '\(dashboard.dataset)'"
                        + Suggestion.hint(for: dashboard.dataset, in: Array(datasets.keys)),
                    at: dashboard.origin["dataset"])
                continue
            }
            guard let view = views[dataset.view] else { continue }
            for visual in dashboard.visuals { checkVisual(visual, on: view, dataset: dataset, &diagnostics) }
        }
    }

    private func checkVisual(_ visual: Visual, on view: View, dataset: Dataset, _ diagnostics: inout Diagnostics) {
        let columns = view.columns.map(\.name)
        func column(_ name: String, key: String) -> Column? {
            guard let found = view.columns.first(where: { $0.name == name }) else {
                diagnostics.error(
                    "visual '\(visual.title)' names unknown column '\(name)' of dataset '\(dataset.name)'"
                        + Suggestion.hint(for: name, in: columns),
                    at: visual.origin[key])
                return nil
            }
            return found
        }
        if let measure = column(visual.measure, key: "measure"), visual.aggregation.needsNumbers,
            !measure.type.isNumeric
        {
            diagnostics.error(
                "aggregation \(visual.aggregation.rawValue) needs a numeric column, but '\(measure.name)' is "
                    + "\(measure.type.rawValue); use count or count-distinct",
                at: visual.origin["aggregation"])
        }
        switch visual.kind {
        case .kpi:
            if visual.dimension != nil {
                diagnostics.error(
                    "a kpi visual shows one number and takes no dimension", at: visual.origin["dimension"])
            }
        case .bar, .line, .table:
            guard let name = visual.dimension else {
                diagnostics.error("a \(visual.kind.rawValue) visual needs a dimension", at: visual.origin.location)
                return
            }
            if let dimension = column(name, key: "dimension"), visual.kind == .line,
                dimension.type != .date && dimension.type != .timestamp
            {
                diagnostics.error(
                    "a line visual runs over time: its dimension '\(name)' must be a date or timestamp column, "
                        + "not \(dimension.type.rawValue)",
                    at: visual.origin["dimension"])
            }
        }
    }

    /// Reports a number outside its rule's range at the number's key.
    private func check(_ value: Int, _ rule: NumberRule, _ origin: Origin, _ diagnostics: inout Diagnostics) {
        if let problem = rule.problem(value) { diagnostics.error(problem, at: origin[rule.key]) }
    }

    /// Names built from the prefix and the pipeline's names must still fit AWS's limits.
    /// Skipped when a name they are built from is already refused: its error says it once, not once per derived name.
    private func checkDerivedNames(_ diagnostics: inout Diagnostics) {
        guard let names = Names(project: project, pipeline: pipeline),
            AWSRules.kebabProblem(project.prefix, what: "", maxLength: Validator.prefixLength) == nil,
            AWSRules.kebabProblem(pipeline.name, what: "", maxLength: Self.nameLength) == nil,
            AWSRules.kebabProblem(pipeline.processor.name, what: "", maxLength: Self.nameLength) == nil
        else { return }
        let at = pipeline.origin["name"]
        for bucket in names.buckets {
            if let problem = AWSRules.bucketProblem(bucket) {
                diagnostics.error("derived bucket name: \(problem)", at: at)
            }
        }
        for role in names.roles {
            if let problem = AWSRules.roleNameProblem(role) { diagnostics.error("derived name: \(problem)", at: at) }
        }
        if let problem = AWSRules.functionNameProblem(names.function) {
            diagnostics.error("derived name: \(problem)", at: pipeline.processor.origin["name"])
        }
        if names.deliveryStream.count > 64 {
            diagnostics.error(
                "derived Firehose stream name '\(names.deliveryStream)' is longer than 64 characters", at: at)
        }
    }
}
