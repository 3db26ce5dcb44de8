/// The Swift Lambda that parses, enriches and writes each new raw object to the lake.
package struct ProcessorStage: Sendable {
    /// Kebab-case; also names the Swift target (`integration-enricher` -> `IntegrationEnricher`).
    package var name: String
    package var memoryMB: Int
    package var timeoutSeconds: Int
    package var architecture: Architecture
    /// Reserved concurrent executions: the declared value, or `Defaults.reservedConcurrency` (never nil once
    /// initialised; optional so the DSL and the decoder can say "not declared").
    package var reservedConcurrency: Int?
    package var environment: [String: String]
    /// The enrichment lookups, answered by an Athena (federated) query.
    package var enrichment: Enrichment?
    /// The table the processor writes.
    package var output: Table
    /// Who fills the columns the record does not give by name: the declarations alone, or a Swift transform
    /// (`processor.transform: swift`, `Sources/Processors/<Target>/Transform.swift`) after them.
    package var transform: TransformKind
    package var origin: Origin

    package init(
        name: String, memoryMB: Int = Defaults.memoryMB, timeoutSeconds: Int = Defaults.timeoutSeconds,
        architecture: Architecture = Defaults.architecture,
        reservedConcurrency: Int? = nil, environment: [String: String] = [:], enrichment: Enrichment? = nil,
        output: Table, transform: TransformKind = Defaults.transform, origin: Origin
    ) {
        self.name = name
        self.memoryMB = memoryMB
        self.timeoutSeconds = timeoutSeconds
        self.architecture = architecture
        // A function on the shared pool can starve every other function of the account (and fails checkov's
        // CKV_AWS_115): an undeclared reservation gets the default.
        self.reservedConcurrency = reservedConcurrency ?? Defaults.reservedConcurrency
        self.environment = environment
        self.enrichment = enrichment
        self.output = output
        self.transform = transform
        self.origin = origin
    }

    /// The name of the processor's Swift executable target.
    package var targetName: String {
        name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

/// `processor.transform`: whether a Swift transform fills columns after the declarations.
package enum TransformKind: String, Sendable, CaseIterable {
    /// `none`: the columns' declarations (`from:`, `template:`) and the record's fields by name fill the row.
    case declarations = "none"
    /// `swift`: then `Transform.swift` (a `RecordTransform`) derives what declarations cannot say.
    case swift
}

package enum Architecture: String, Sendable, CaseIterable {
    case arm64
    // swift-format-ignore: AlwaysUseLowerCamelCase
    // AWS's own name for the architecture, which the manifest and Lambda spell this way.
    case x86_64
}

extension Defaults {
    package static let memoryMB = 1024
    package static let timeoutSeconds = 300
    package static let architecture = Architecture.arm64
    /// No Swift transform: the columns' declarations fill the row.
    package static let transform = TransformKind.declarations
    /// A processor handles one object per invocation and Firehose writes about one object per buffer interval, so a
    /// few run at once; 10 leaves room for bursts and caps what a flood of events can run (and cost).
    package static let reservedConcurrency = 10
    package static let cacheTTLSeconds = 300
    /// Parquet: Athena bills by bytes scanned, and reads only the columns a query names.
    package static let lakeFormat = LakeFormat.parquet
}

extension ProcessorStage {
    /// The manifest's `processor` section, or nil with its problems reported to the reader's file.
    init?(from reader: MappingReader) {
        defer { reader.finish() }
        let name = reader.requiredString("name")
        let memory = reader.int("memory_mb", default: Defaults.memoryMB)
        let timeout = reader.int("timeout_seconds", default: Defaults.timeoutSeconds)
        let architecture = reader.choice("architecture", default: Defaults.architecture)
        let reserved = reader.optionalInt("reserved_concurrency")
        let environment = reader.stringMap("environment")
        let enrichment = reader.mapping("enrichment", required: false).flatMap(Enrichment.init(from:))
        let output = reader.mapping("output", required: true).flatMap(Table.init(from:))
        let transform = reader.choice("transform", default: Defaults.transform)
        guard let name, let memory, let timeout, let architecture, let output, let transform else { return nil }
        self.init(
            name: name, memoryMB: memory, timeoutSeconds: timeout, architecture: architecture,
            reservedConcurrency: reserved, environment: environment, enrichment: enrichment, output: output,
            transform: transform, origin: reader.origin)
    }
}

extension Enrichment {
    /// The processor's `enrichment` section and its lookups, or nil with its problems reported to the reader's file.
    init?(from reader: MappingReader) {
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
        self.init(
            catalog: catalog, connector: connector, lookups: lookups, cacheTTLSeconds: ttl, origin: reader.origin)
    }
}

extension Table {
    /// The processor's `output` section, or nil with its problems reported to the reader's file.
    init?(from reader: MappingReader) {
        defer { reader.finish() }
        let name = reader.requiredString("table")
        let columns = reader.list("columns", required: true).compactMap {
            Column(from: $0.node, path: $0.path, in: reader.file, declared: true)
        }
        let partitions = reader.list("partition_keys").compactMap {
            Column(from: $0.node, path: $0.path, in: reader.file, declared: true)
        }
        let bucket = reader.optionalString("bucket")
        let format = reader.choice("format", default: Defaults.lakeFormat)
        let compression: LakeCompression? = reader.optionalChoice("compression")
        let eventTime = reader.optionalString("event_time")
        guard let name, let format else { return nil }
        self.init(
            name: name, columns: columns, partitionKeys: partitions, bucket: bucket, format: format,
            compression: compression, eventTime: eventTime, origin: reader.origin)
    }
}
