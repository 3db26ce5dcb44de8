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
