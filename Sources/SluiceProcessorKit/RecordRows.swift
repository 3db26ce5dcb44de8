import SluiceProcessing

/// Turns a log line into an output row and its partition, whatever the format: `ObjectRun` holds one of these,
/// made by `RecordRowsFactory` for the manifest's format and the processor's transform.
protocol LineRows: AnyObject {
    /// The row and partition of a line, with lookups answered by `answer` (lookup name, key): the lookup row,
    /// `.some(nil)` for a key the directory does not have, nil when not known yet (the line is deferred).
    func row(_ line: ArraySlice<UInt8>, answer: (String, String) -> [String: String?]??) -> ObjectProcessor.LineOutcome
}

enum RecordRowsFactory {
    /// The rows of `config`'s log format through `transform`; refuses a format whose record is not the
    /// transform's.
    static func make<Transform: RecordTransform>(
        config: ProcessorConfig, layout: ColumnLayout, transform: Transform
    ) throws(ProcessorError) -> any LineRows {
        let format = LogFormats.format(config.logFormat)
        guard let matching = format as? any RecordFormat<Transform.Record>.Type else {
            throw ProcessorError.configuration(
                "log format \(config.logFormat.rawValue) gives \(format.recordName) records, and the transform "
                    + "\(Transform.self) reads \(Transform.Record.self)")
        }
        func open<Format: RecordFormat>(_: Format.Type) throws(ProcessorError) -> any LineRows
        where Format.Record == Transform.Record {
            try RecordRows<Format, Transform>(config: config, layout: layout, transform: transform)
        }
        return try open(matching)
    }
}

extension RecordFormat {
    /// The record type's name, for messages.
    static var recordName: String { "\(Record.self)" }
}

/// Parse, fill the declared columns and those named like a field, let the transform derive the rest, look up
/// enrichment columns, name the partition: positions resolved once, one reused buffer of values.
final class RecordRows<Format: RecordFormat, Transform: RecordTransform>: LineRows
where Format.Record == Transform.Record {
    let config: ProcessorConfig
    let transform: Transform
    let layout: ColumnLayout
    /// The columns the record fills, in the table's order (partition keys after the columns): declared ones by
    /// their `from:`, undeclared ones named like a field of the format by that field.
    private let fromRecord: [DeclaredColumn<Format.Record>]
    /// The position of the `event_time` column, whose day names `dt`; nil: the format's own event time.
    private let eventTime: Int?
    private let lookups: [(spec: LookupSpec, match: Int, columns: [(name: String, position: Int, type: ColumnType)])]
    private let partitions: [(name: String, position: Int, type: ColumnType)]
    private let dt: Int?
    /// The values of the row being built (columns, partition keys). A row handed out shares this storage until
    /// the writer is done with it, so the next line finds it unshared and fills it in place: no array is allocated
    /// per row.
    private var scratch: [Row.Value]
    private var scratchKeys: [Row.Value]
    /// The last partition's values and name: consecutive rows of an object mostly share a partition, and its name
    /// is then not built again.
    private var lastPartition: (values: [String], name: String) = ([], "")

    /// Refuses a column named like a field whose values it cannot hold (a `bytes_read` declared `boolean`), or a
    /// declaration the format cannot serve: the values would be lost, so the processor stops at start and says which
    /// column to change.
    init(config: ProcessorConfig, layout: ColumnLayout, transform: Transform) throws(ProcessorError) {
        self.config = config
        self.layout = layout
        self.transform = transform
        fromRecord = try Self.resolve(config.output, layout: layout)
        if let name = config.output.eventTime {
            guard let position = layout.position(of: name), layout.types[position] == .timestamp else {
                throw ProcessorError.configuration("event_time \(name) is not a timestamp column of the table")
            }
            eventTime = position
        } else {
            eventTime = nil
        }
        lookups = (config.enrichment?.lookups ?? []).compactMap { spec in
            guard let match = layout.position(of: spec.match) else { return nil }
            let columns = spec.columns.compactMap { name -> (String, Int, ColumnType)? in
                guard let position = layout.position(of: name) else { return nil }
                return (name, position, layout.types[position])
            }
            return (spec, match, columns)
        }
        partitions = config.output.partitionKeys.enumerated().map { ($1.name, layout.columnCount + $0, $1.type) }
        dt = partitions.first { $0.name == "dt" }?.position
        scratch = Array(repeating: .null, count: layout.columnCount)
        scratchKeys = Array(repeating: .null, count: partitions.count)
    }

    /// Every column the record fills: the declared ones, and the undeclared columns named like a field of the format
    /// (partition keys only when declared). Refuses a column named like a field whose values it cannot hold (a
    /// `bytes_read` declared `boolean`), and a declaration the format cannot serve.
    private static func resolve(_ output: ProcessorConfig.Output, layout: ColumnLayout) throws(ProcessorError)
        -> [DeclaredColumn<Format.Record>]
    {
        let fields = Dictionary(Format.fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var resolved: [DeclaredColumn<Format.Record>] = []
        let all =
            output.columns.enumerated().map { ($0, $1, false) }
            + output.partitionKeys.enumerated().map { (layout.columnCount + $0, $1, true) }
        for (position, column, isPartitionKey) in all {
            if let source = column.source {
                resolved.append(
                    try DeclaredColumn.resolve(
                        Format.self, name: column.name, type: column.type, position: position, source: source))
                continue
            }
            guard !isPartitionKey else { continue }
            if let field = fields[column.name], !field.converts(to: column.type) {
                throw ProcessorError.configuration(
                    "column \(column.name) is declared \(column.type.rawValue), but the \(Format.id.rawValue) field "
                        + "\(field.name) gives \(field.type.rawValue) values: declare it \(field.type.rawValue) (or "
                        + "string), or name the column otherwise and declare where its value comes from")
            }
            // The by-name rule: a column named like a value the format's reader serves is filled by it.
            guard let reader = try? Format.reader(FieldPath(key: column.name), for: column.type) else { continue }
            resolved.append(
                DeclaredColumn(
                    position: position, name: column.name, type: column.type, reader: reader, template: nil,
                    letterCase: nil, required: false, pathText: column.name))
        }
        return resolved
    }

    /// The columns of a line before lookups, or why it has none. (Not the record too: a tuple of it is a type
    /// the runtime looks up on every call, this class being generic at run time; profiled, 1.5% of a run.)
    func derive(_ line: ArraySlice<UInt8>) -> Result<Columns, LineFailure> {
        let record: Format.Record
        switch Format.parse(line) {
        case .success(let parsed): record = parsed
        case .failure(let failure): return .failure(failure)
        }
        var row = Columns(layout: layout, values: scratch, keys: scratchKeys)
        scratch = []
        scratchKeys = []
        // Unique again once the previous row was written: cleared in place.
        for index in row.values.indices { row.values[index] = .null }
        for index in row.keys.indices { row.keys[index] = .null }
        // A line the logger cut: a template's capture running to the cut is not the value the event had.
        let cut = Format.isTruncated(record) ? line : nil
        for column in fromRecord {
            switch column.value(record, cutLine: cut) {
            case .success(let value): row[position: column.position] = value
            case .failure(let failure):
                (scratch, scratchKeys) = (row.values, row.keys)
                return .failure(failure)
            }
        }
        if let dt {
            if let eventTime {
                if case .timestamp(let time) = row[position: eventTime] {
                    row[position: dt] = .string(Timestamps.date(time))
                }
            } else if let time = Format.eventTime(record) {
                row[position: dt] = .string(Timestamps.date(time))
            }
        }
        do {
            try transform.derive(record, into: &row)
        } catch {
            (scratch, scratchKeys) = (row.values, row.keys)
            return .failure(error)
        }
        return .success(row)
    }

    func row(_ line: ArraySlice<UInt8>, answer: (String, String) -> [String: String?]??) -> ObjectProcessor.LineOutcome
    {
        var row: Columns
        switch derive(line) {
        case .success(let derived): row = derived
        case .failure(let failure): return .failure(failure)
        }
        defer { (scratch, scratchKeys) = (row.values, row.keys) }
        var waiting = false
        for lookup in lookups {
            let spec = lookup.spec
            guard case .string(let key) = row[position: lookup.match] else {
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
            for (name, position, type) in lookup.columns {
                let text = found[name] ?? nil
                let value = Row.Value(text: text, as: type)
                // Text that is not a value of the column's type would be null unseen: quarantine the line instead,
                // as the row check does a transform's value.
                if case .null = value, let text {
                    return .failure(LineFailure(ColumnValueCheck.reason(.string(text), column: name, type: type)))
                }
                row[position: position] = value
            }
        }
        if waiting { return .deferred }
        // Every value fits its column, or the line is quarantined: the writers never see one that does not.
        if let mismatch = ColumnValueCheck.mismatch(&row.values, layout: layout) { return .failure(mismatch) }
        guard let partition = partition(of: row) else {
            return .failure(LineFailure("partition key \(partitionWithoutValue(row)) has no usable value"))
        }
        // The row is the table's columns; the partition keys are in the object's key.
        return .row(Row(row.values), partition: partition)
    }

    /// `dt=2024-01-02` (keys joined by `/`); nil when a key has no usable value.
    private func partition(of row: Columns) -> String? {
        var same = lastPartition.values.count == partitions.count
        for (index, (_, position, type)) in partitions.enumerated() {
            guard let value = Self.partitionText(row[position: position], as: type) else { return nil }
            if same, lastPartition.values[index] != value { same = false }
        }
        if same { return lastPartition.name }
        var values: [String] = []
        var name = ""
        for (key, position, type) in partitions {
            guard let value = Self.partitionText(row[position: position], as: type) else { return nil }
            values.append(value)
            name += (name.isEmpty ? "" : "/") + key + "=" + value
        }
        lastPartition = (values, name)
        return name
    }

    /// A partition key's value as the folder names it: a value of the key's declared type (an `int` key takes
    /// `.int(7)`, or text that reads as one, `"7"`), in the text Athena reads back as that type; nil for a value
    /// the key's type cannot hold (Athena would fail every query of the table on such a partition), an empty one,
    /// or one holding a byte Hive escapes in partition folder names (`/`, `%`, `=`, `:`, quotes, control bytes...):
    /// Spark and Hive would read such a folder back as another value, so the line is quarantined instead.
    static func partitionText(_ value: Row.Value, as type: ColumnType) -> String? {
        var typed = value
        if case .string(let text) = value, type != .string { typed = Row.Value(text: text, as: type) }
        // The same rule as the table's columns: a value the key's type cannot hold names no partition.
        guard ColumnValueCheck.fits(typed, type) else { return nil }
        let text: String?
        switch typed {
        case .null: text = nil
        case .string(let string): text = string
        case .int(let number): text = String(number)
        case .double(let number): text = String(number)
        case .bool(let flag): text = String(flag)
        case .timestamp(let milliseconds): text = Timestamps.athena(milliseconds)
        case .date(let days): text = Timestamps.day(days)
        }
        guard let text, !text.isEmpty, !text.utf8.contains(where: isEscapedInPartitionNames) else { return nil }
        return text
    }

    /// The bytes Hive's `FileUtils.escapePathName` escapes (as `%XX`) in a partition folder's name.
    @inline(__always)
    static func isEscapedInPartitionNames(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x00...0x1F, 0x7F, UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "'"),
            UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "?"),
            UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "^"):
            return true
        default:
            return false
        }
    }

    private func partitionWithoutValue(_ row: Columns) -> String {
        let name =
            partitions.first { _, position, type in Self.partitionText(row[position: position], as: type) == nil }?
            .name ?? ""
        // dt is the day of the event_time column: say so when that is what the line lacks (a JSON line without
        // its time, say), rather than leave the reader to guess where dt comes from.
        if name == "dt", let eventTime, case .null = row[position: eventTime] {
            return "dt (the UTC day of event_time \(layout.names[eventTime]), null in this line)"
        }
        return name
    }
}
