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

/// Where enrichment data comes from: an Athena data catalog backed by a federated connector Lambda.
package struct Enrichment: Sendable {
    /// The Athena data catalog name queries use (`"catalog"."schema"."table"`).
    package var catalog: String
    /// ARN of the connector Lambda the catalog calls.
    package var connector: String
    package var lookups: [Lookup]
    /// How long a container keeps lookup answers, in seconds.
    package var cacheTTLSeconds: Int
    package var origin: Origin

    package init(
        catalog: String, connector: String, lookups: [Lookup], cacheTTLSeconds: Int = Defaults.cacheTTLSeconds,
        origin: Origin
    ) {
        self.catalog = catalog
        self.connector = connector
        self.lookups = lookups
        self.cacheTTLSeconds = cacheTTLSeconds
        self.origin = origin
    }
}

/// One enrichment lookup as the manifest declares it: the lookup (SluiceFormats' `LookupSpec`, which the processor
/// runs too) and where it was written, for diagnostics. Its fields read through (`lookup.name`).
@dynamicMemberLookup
package struct Lookup: Sendable {
    package var spec: LookupSpec
    package var origin: Origin

    package init(
        name: String, schema: String, table: String, key: String, match: String, columns: [String], origin: Origin
    ) {
        spec = LookupSpec(name: name, schema: schema, table: table, key: key, match: match, columns: columns)
        self.origin = origin
    }

    package subscript<Value>(dynamicMember field: WritableKeyPath<LookupSpec, Value>) -> Value {
        get { spec[keyPath: field] }
        set { spec[keyPath: field] = newValue }
    }
}

/// A lake table: its columns and partition keys, in Glue (Hive) types.
package struct Table: Sendable {
    package var name: String
    package var columns: [Column]
    package var partitionKeys: [Column]
    /// The lake bucket's name, when the derived one is not wanted.
    package var bucket: String?
    /// The file format of the lake objects.
    package var format: LakeFormat
    /// The codec of the lake objects: the declared one, or the format's default.
    package var compression: LakeCompression
    /// `event_time`: the timestamp column whose UTC day names the `dt` partition, instead of the log format's own
    /// event time (required for a `dt` key when the format has none).
    package var eventTime: String?
    package var origin: Origin

    package init(
        name: String, columns: [Column], partitionKeys: [Column] = [], bucket: String? = nil,
        format: LakeFormat = Defaults.lakeFormat, compression: LakeCompression? = nil, eventTime: String? = nil,
        origin: Origin
    ) {
        self.name = name
        self.columns = columns
        self.partitionKeys = partitionKeys
        self.bucket = bucket
        self.format = format
        self.compression = compression ?? format.defaultCompression
        self.eventTime = eventTime
        self.origin = origin
    }
}

package struct Column: Sendable {
    package var name: String
    package var type: ColumnType
    package var comment: String
    /// How the processor fills an output column or partition key (`from:`, `template:`, `required:`, `case:`);
    /// nil when the manifest declares none (the field named like the column fills it, if the format has one). A
    /// view's columns have none.
    package var source: ColumnSource?
    package var origin: Origin

    package init(name: String, type: ColumnType, comment: String = "", source: ColumnSource? = nil, origin: Origin) {
        self.name = name
        self.type = type
        self.comment = comment
        self.source = source
        self.origin = origin
    }
}
