// Declaring a pipeline in Swift: the same model values as the YAML manifest, with the compiler checking that every
// required stage is there. Optional settings default to the values in `Defaults`, exactly as in YAML.

extension Pipeline {
    /// A pipeline declared in Swift.
    package init(
        _ name: String, description: String = "", source: SourceStage, delivery: DeliveryStage? = nil,
        replication: ReplicationStage? = nil, processor: ProcessorStage, catalog: CatalogStage,
        athena: AthenaSettings? = nil, quickSight: QuickSightSettings? = nil, alerts: AlertsStage? = nil,
        volume: VolumeStage? = nil, file: String = #filePath, line: Int = #line,
        @ListBuilder<View> views: () -> [View] = { [] },
        @ListBuilder<Dataset> datasets: () -> [Dataset] = { [] },
        @ListBuilder<Dashboard> dashboards: () -> [Dashboard] = { [] }
    ) {
        self.init(
            name: name, description: description, source: source,
            delivery: delivery ?? DeliveryStage(origin: here(file, line)), replication: replication,
            processor: processor, catalog: catalog, athena: athena, views: views(), datasets: datasets(),
            dashboards: dashboards(), quickSight: quickSight, alerts: alerts, volume: volume,
            origin: here(file, line))
    }
}

extension VolumeStage {
    /// The traffic the cost estimate assumes (YAML's `volume`): events a day and their average size, or
    /// `gbPerDay` instead of those two; analysts' queries; QuickSight users. A figure left nil takes its default.
    package static func expected(
        eventsPerDay: Int? = nil, averageEventBytes: Int? = nil, gbPerDay: Double? = nil, queriesPerDay: Int? = nil,
        daysPerQuery: Int? = nil, quickSightAuthors: Int? = nil, quickSightReaders: Int? = nil,
        file: String = #filePath, line: Int = #line, @ListBuilder<ViewVolume> views: () -> [ViewVolume] = { [] }
    ) -> VolumeStage {
        VolumeStage(
            eventsPerDay: eventsPerDay, averageEventBytes: averageEventBytes, gbPerDay: gbPerDay,
            queriesPerDay: queriesPerDay, daysPerQuery: daysPerQuery, views: views(),
            quickSightAuthors: quickSightAuthors, quickSightReaders: quickSightReaders, origin: here(file, line))
    }
}

extension ViewVolume {
    /// How often the view `name` is queried and how many days each query reads (YAML's `volume.views`).
    package init(
        _ name: String, queriesPerDay: Int? = nil, daysPerQuery: Int? = nil, file: String = #filePath,
        line: Int = #line
    ) {
        self.init(name: name, queriesPerDay: queriesPerDay, daysPerQuery: daysPerQuery, origin: here(file, line))
    }
}

extension SourceStage {
    /// CloudWatch Logs events of `logGroup` in `account` that match `filterPattern`.
    package static func cloudWatch(
        account: String, logGroup: String, filterPattern: String = "", format: LogFormat = Defaults.logFormat,
        retentionDays: Int = Defaults.retentionDays, file: String = #filePath, line: Int = #line
    ) -> SourceStage {
        SourceStage(
            account: account, logGroup: logGroup, filterPattern: filterPattern, format: format,
            retentionDays: retentionDays, origin: here(file, line))
    }
}

extension DeliveryStage {
    /// A Firehose stream into the raw bucket.
    package static func firehose(
        mode: DeliveryMode = Defaults.deliveryMode, bufferingSizeMB: Int = Defaults.bufferingSizeMB,
        bufferingIntervalSeconds: Int = Defaults.bufferingIntervalSeconds, prefix: String = "",
        errorPrefix: String = "", expireDays: Int = Defaults.expireDays, file: String = #filePath, line: Int = #line
    ) -> DeliveryStage {
        DeliveryStage(
            mode: mode, bufferingSizeMB: bufferingSizeMB, bufferingIntervalSeconds: bufferingIntervalSeconds,
            prefix: prefix, errorPrefix: errorPrefix, expireDays: expireDays, origin: here(file, line))
    }
}

extension ReplicationStage {
    /// Replicate the raw objects into `account`.
    package static func to(
        _ account: String, timeControl: Bool = false, file: String = #filePath, line: Int = #line
    ) -> ReplicationStage {
        ReplicationStage(account: account, timeControl: timeControl, origin: here(file, line))
    }
}

extension AlertsStage {
    /// Alarms that notify `email` (through a topic Sluice creates in each account holding alarms) and the existing
    /// `topics`, by account name.
    package static func notify(
        email: [String] = [], topics: [String: String] = [:], thresholds: AlertThresholds? = nil,
        file: String = #filePath, line: Int = #line
    ) -> AlertsStage {
        AlertsStage(
            email: email, topics: topics.map { AlertTopic(account: $0.key, arn: $0.value) }, thresholds: thresholds,
            origin: here(file, line))
    }

    /// `alerts: none`: the pipeline has no alarms.
    package static func none(file: String = #filePath, line: Int = #line) -> AlertsStage {
        AlertsStage(declaration: .none, origin: here(file, line))
    }
}

extension AlertThresholds {
    /// Thresholds declared in Swift; every one left out keeps its default.
    package static func thresholds(
        periodMinutes: Int = Defaults.alertPeriodMinutes, evaluationPeriods: Int = Defaults.alertEvaluationPeriods,
        datapointsToAlarm: Int = Defaults.alertDatapointsToAlarm, errors: Int = Defaults.alertErrors,
        throttles: Int = Defaults.alertThrottles, deadLetters: Int = Defaults.alertDeadLetters,
        freshnessMarginSeconds: Int = Defaults.alertFreshnessMarginSeconds,
        quarantineRatioPercent: Int = Defaults.alertQuarantineRatioPercent,
        quarantineWindowMinutes: Int = Defaults.alertQuarantineWindowMinutes,
        quietPeriodMinutes: Int = Defaults.alertQuietPeriodMinutes, file: String = #filePath, line: Int = #line
    ) -> AlertThresholds {
        AlertThresholds(
            periodMinutes: periodMinutes, evaluationPeriods: evaluationPeriods, datapointsToAlarm: datapointsToAlarm,
            errors: errors, throttles: throttles, deadLetters: deadLetters,
            freshnessMarginSeconds: freshnessMarginSeconds, quarantineRatioPercent: quarantineRatioPercent,
            quarantineWindowMinutes: quarantineWindowMinutes, quietPeriodMinutes: quietPeriodMinutes,
            origin: here(file, line))
    }
}

extension ProcessorStage {
    /// A Swift Lambda processor writing `output`.
    package static func lambda(
        _ name: String, memoryMB: Int = Defaults.memoryMB, timeoutSeconds: Int = Defaults.timeoutSeconds,
        architecture: Architecture = Defaults.architecture, reservedConcurrency: Int? = nil,
        environment: [String: String] = [:], enrichment: Enrichment? = nil, output: Table,
        transform: TransformKind = Defaults.transform, file: String = #filePath, line: Int = #line
    ) -> ProcessorStage {
        ProcessorStage(
            name: name, memoryMB: memoryMB, timeoutSeconds: timeoutSeconds, architecture: architecture,
            reservedConcurrency: reservedConcurrency, environment: environment, enrichment: enrichment,
            output: output, transform: transform, origin: here(file, line))
    }
}

extension Enrichment {
    /// Lookups answered through the federated Athena catalog `catalog`, served by the `connector` Lambda.
    package static func athena(
        catalog: String, connector: String, cacheTTLSeconds: Int = Defaults.cacheTTLSeconds,
        file: String = #filePath, line: Int = #line, @ListBuilder<Lookup> lookups: () -> [Lookup]
    ) -> Enrichment {
        Enrichment(
            catalog: catalog, connector: connector, lookups: lookups(), cacheTTLSeconds: cacheTTLSeconds,
            origin: here(file, line))
    }
}

extension Lookup {
    package init(
        _ name: String, schema: String, table: String, key: String, match: String, columns: [String],
        file: String = #filePath, line: Int = #line
    ) {
        self.init(
            name: name, schema: schema, table: table, key: key, match: match, columns: columns,
            origin: here(file, line))
    }
}

extension Table {
    /// A lake table with its columns, and its partition keys after them; `eventTime` names the timestamp column
    /// whose UTC day is the `dt` partition (YAML's `event_time`).
    package static func table(
        _ name: String, bucket: String? = nil, format: LakeFormat = Defaults.lakeFormat,
        compression: LakeCompression? = nil, eventTime: String? = nil, file: String = #filePath, line: Int = #line,
        @ListBuilder<Column> columns: () -> [Column], @ListBuilder<Column> partitionedBy: () -> [Column] = { [] }
    ) -> Table {
        Table(
            name: name, columns: columns(), partitionKeys: partitionedBy(), bucket: bucket, format: format,
            compression: compression, eventTime: eventTime, origin: here(file, line))
    }
}

extension Column {
    /// A column; `from`, `template`, `required` and `letterCase` declare where its value comes from, as YAML's
    /// `from:`, `template:`, `required:` and `case:` do (none of them: the field named like the column).
    package init(
        _ name: String, _ type: ColumnType, comment: String = "", from: String? = nil, template: String? = nil,
        required: Bool = false, letterCase: LetterCase? = nil, file: String = #filePath, line: Int = #line
    ) {
        let declared = from != nil || template != nil || required || letterCase != nil
        self.init(
            name: name, type: type, comment: comment,
            source: declared
                ? ColumnSource(from: from, template: template, required: required, letterCase: letterCase) : nil,
            origin: here(file, line))
    }
}

extension CatalogStage {
    /// A Glue database whose table a crawler keeps current on `schedule` (`hourly`, `daily` or a cron expression).
    package static func glue(
        database: String, crawler schedule: String, file: String = #filePath, line: Int = #line
    ) -> CatalogStage {
        CatalogStage(database: database, discovery: .crawler(schedule: Schedule(schedule)), origin: here(file, line))
    }

    /// A Glue database whose table finds its date partitions by projection, from `since` on.
    package static func glue(
        database: String, projecting key: String, since: String, file: String = #filePath, line: Int = #line
    ) -> CatalogStage {
        CatalogStage(
            database: database,
            discovery: .projection(Projection(key: key, since: since, origin: here(file, line))),
            origin: here(file, line))
    }
}

extension View {
    /// A view with its SQL inline; `{{ ref("name") }}` names the pipeline's table and views.
    package init(
        _ name: String, sql: String, file: String = #filePath, line: Int = #line,
        @ListBuilder<Column> columns: () -> [Column]
    ) {
        self.init(name: name, sql: sql, columns: columns(), origin: here(file, line))
    }
}

extension AthenaSettings {
    package static func workgroup(
        bytesScannedCutoffMB: Int = Defaults.bytesScannedCutoffMB, resultsExpireDays: Int = Defaults.resultsExpireDays,
        file: String = #filePath, line: Int = #line
    ) -> AthenaSettings {
        AthenaSettings(
            bytesScannedCutoffMB: bytesScannedCutoffMB, resultsExpireDays: resultsExpireDays, origin: here(file, line))
    }
}

extension QuickSightSettings {
    /// Data source, datasets and dashboards shared with a QuickSight group.
    package static func sharedWith(
        group: String, namespace: String = Defaults.quickSightNamespace, file: String = #filePath, line: Int = #line
    ) -> QuickSightSettings {
        QuickSightSettings(group: group, namespace: namespace, origin: here(file, line))
    }
}

extension Dataset {
    package init(
        _ name: String, view: String, importMode: ImportMode = Defaults.importMode, refresh: Refresh? = nil,
        file: String = #filePath, line: Int = #line
    ) {
        self.init(name: name, view: view, importMode: importMode, refresh: refresh, origin: here(file, line))
    }
}

extension Dashboard {
    package init(
        _ name: String, dataset: String, file: String = #filePath, line: Int = #line,
        @ListBuilder<Visual> visuals: () -> [Visual]
    ) {
        self.init(name: name, dataset: dataset, visuals: visuals(), origin: here(file, line))
    }
}

extension Visual {
    package init(
        _ kind: VisualKind, _ title: String, dimension: String? = nil, measure: String, aggregation: Aggregation,
        file: String = #filePath, line: Int = #line
    ) {
        self.init(
            kind: kind, title: title, dimension: dimension, measure: measure, aggregation: aggregation,
            origin: here(file, line))
    }
}
