/// The Glue (Hive) types a lake column can have: what the manifest declares, the processor writes and the
/// lookups answer in.
package enum ColumnType: String, Sendable, Hashable, CaseIterable, Codable {
    case string
    case int
    case bigint
    case double
    case boolean
    case timestamp
    case date

    /// Whether the type holds numbers (for aggregations such as sum and average).
    package var isNumeric: Bool { self == .int || self == .bigint || self == .double }
}
