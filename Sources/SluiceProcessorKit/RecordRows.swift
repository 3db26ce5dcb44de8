import SluiceProcessing

/// Turns a log line into an output row and its partition: parse, fill the record's own fields, let the
/// transform derive the rest, look up enrichment columns, name the partition.
struct RecordRows<Transform: RecordTransform>: Sendable {
    let config: ProcessorConfig
    let transform: Transform
    private let names: [String]
    private let columnCount: Int
    /// Output columns filled straight from the record.
    private let fromRecord: [(index: Int, value: @Sendable (HAProxyRecord) -> Row.Value)]
    private let lookups: [(spec: LookupSpec, match: Int, columns: [(name: String, index: Int, type: String)])]
    private let partitions: [(name: String, index: Int)]

    init(config: ProcessorConfig, transform: Transform) {
        self.config = config
        self.transform = transform
        names = config.output.columns.map(\.name) + config.output.partitionKeys.map(\.name)
        columnCount = config.output.columns.count
        let fields = Dictionary(
            HAProxyRecord.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        fromRecord = config.output.columns.enumerated().compactMap { index, column in
            fields[column.name].map { (index, $0) }
        }
        let names = self.names
        lookups = (config.enrichment?.lookups ?? []).compactMap { spec in
            guard let match = names.firstIndex(of: spec.match) else { return nil }
            let columns = spec.columns.compactMap { name -> (String, Int, String)? in
                guard let index = names.firstIndex(of: name) else { return nil }
                let type = index < config.output.columns.count ? config.output.columns[index].type : "string"
                return (name, index, type)
            }
            return (spec, match, columns)
        }
        let first = config.output.columns.count
        partitions = config.output.partitionKeys.enumerated().map { ($1.name, first + $0) }
    }

    /// The columns of a line before lookups, or why it has none.
    func derive(_ line: ArraySlice<UInt8>) -> Result<(HAProxyRecord, Columns), LineFailure> {
        let record: HAProxyRecord
        switch HAProxyParser.parse(line, format: config.layout) {
        case .success(let parsed): record = parsed
        case .failure(let failure): return .failure(LineFailure("not an HAProxy \(config.logFormat) line: \(failure)"))
        }
        var row = Columns(names: names)
        for (index, value) in fromRecord { row.values[index] = value(record) }
        for (name, index) in partitions where name == "dt" {
            row.values[index] = .string(Timestamps.date(record.acceptTimestamp))
        }
        do {
            try transform.derive(record, into: &row)
        } catch {
            return .failure(error)
        }
        return .success((record, row))
    }

    /// The row and partition of a line, with lookups answered by `answer` (lookup name, key): the lookup row,
    /// `.some(nil)` for a key the directory does not have, nil when not known yet (the line is deferred).
    func row(_ line: ArraySlice<UInt8>, answer: (String, String) -> [String: String?]??) -> ObjectProcessor.LineOutcome
    {
        var row: Columns
        switch derive(line) {
        case .success(let (_, derived)): row = derived
        case .failure(let failure): return .failure(failure)
        }
        var waiting = false
        for lookup in lookups {
            let spec = lookup.spec
            guard case .string(let key)? = row.values[lookup.match] else {
                return .failure(LineFailure("no \(spec.match) to look up \(spec.name) by"))
            }
            guard LookupSpec.isLookupable(key) else {
                return .failure(LineFailure("\(spec.match) cannot be looked up: \(key.prefix(64).debugDescription)"))
            }
            guard let known = answer(spec.name, key) else {
                // Every lookup of the line is still asked for, so that one query answers them all.
                waiting = true
                continue
            }
            guard let found = known else {
                return .failure(LineFailure("no \(spec.schema).\(spec.table) row with \(spec.key) = \(key)"))
            }
            for (name, index, type) in lookup.columns { row.values[index] = Self.value(found[name] ?? nil, type: type) }
        }
        if waiting { return .deferred }
        var partition = ""
        for (name, index) in partitions {
            guard case .string(let value)? = row.values[index], !value.isEmpty,
                !value.utf8.contains(UInt8(ascii: "/"))
            else {
                return .failure(LineFailure("partition key \(name) has no usable value"))
            }
            partition += (partition.isEmpty ? "" : "/") + name + "=" + value
        }
        var values: [(column: String, value: Row.Value)] = []
        values.reserveCapacity(columnCount)
        for index in 0..<columnCount { values.append((names[index], row.values[index] ?? .null)) }
        return .row(Row(values), partition: partition)
    }

    /// A lookup answer (Athena answers text) as a value of its column's type; text that is not one is null.
    static func value(_ text: String?, type: String) -> Row.Value {
        guard let text else { return .null }
        switch type {
        case "int", "bigint": return Int64(text).map(Row.Value.int) ?? .null
        case "double": return Double(text).map(Row.Value.double) ?? .null
        case "boolean": return text == "true" ? .bool(true) : text == "false" ? .bool(false) : .null
        default: return .string(text)
        }
    }
}
