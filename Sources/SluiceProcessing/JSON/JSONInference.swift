/// The columns `sluice new pipeline --from-log` proposes for a sample of JSON lines: one per scalar leaf path
/// seen (nested objects flattened: `http.request.status` becomes `http_request_status`), an array as one string
/// column holding its JSON text (no column per element), typed by the values seen, in first-seen order, at most
/// `maximumColumns` (the most frequent kept), then a `truncated` column reading `$truncated`.
///
/// Types: only booleans: boolean; only integers within 32 bits: int; any beyond: bigint; any fraction: double; any
/// integer beyond 64 bits: string (its digits as logged; a double would round them); only strings that are RFC 3339
/// instants: timestamp; only `yyyy-MM-dd`: date; anything else, mixed kinds, or only nulls: string. When no column
/// is a timestamp, the first integer column named like a time (`time`, `epoch`, `date`, `_at`, `ts`) whose every
/// value is an epoch instant of the years 2000 to 2099 is one (API Gateway's `requestTimeEpoch`): JSON records have
/// no time of their own, so the table needs a timestamp column for its `event_time`.
enum JSONInference {
    /// The most columns proposed, `truncated` included: a wider sample keeps its most frequent paths.
    static let maximumColumns = 100
    /// The longest Glue column name.
    static let maximumNameLength = 255

    /// What was seen at one path across the sample.
    private struct Seen {
        var path: String
        var records = 0
        var bools = 0, ints = 0, bigints = 0, doubles = 0
        var strings = 0, instants = 0, days = 0
        var arrays = 0, nulls = 0
        /// Integers written in digits beyond 64 bits, and integers that are epoch instants of the years 2000 to 2099.
        var huge = 0, epochs = 0
        var example: String?

        var type: ColumnType {
            let numbers = ints + bigints + doubles
            let kinds = [bools, numbers, strings, arrays].filter { $0 > 0 }.count
            guard kinds == 1 else { return .string }
            if bools > 0 { return .boolean }
            if numbers > 0 { return huge > 0 ? .string : doubles > 0 ? .double : bigints > 0 ? .bigint : .int }
            if strings > 0, days == strings { return .date }
            if strings > 0, instants == strings { return .timestamp }
            return .string
        }
    }

    static func columns(_ sample: [JSONRecord]) -> [ProposedColumn] {
        var seen: [Seen] = []
        var byPath: [String: Int] = [:]
        for record in sample {
            var inRecord = Set<Int>()
            let nodes = record.nodes
            var paths = [String](repeating: "", count: nodes.count)
            var index = 1
            while index < nodes.count {
                let node = nodes[index]
                // Only objects are walked into (an array's elements are skipped below), so every parent here is one.
                let key = record.key(node)
                let path = JSONPathText.appending(key: key, to: paths[Int(node.parent)])
                // A key no path can name (empty: `[""]` is no path) hides its whole subtree.
                let skipped = node.kind == .array || key.isEmpty
                let nextIndex = skipped ? Int(node.next) : index + 1
                defer { index = nextIndex }
                if node.kind == .object, !key.isEmpty {
                    paths[index] = path
                    continue
                }
                // A value the logger cut: nothing to learn from.
                guard !key.isEmpty, !node.isIncomplete else { continue }
                let slot: Int
                if let known = byPath[path] {
                    slot = known
                } else {
                    slot = seen.count
                    byPath[path] = slot
                    seen.append(Seen(path: path))
                }
                if inRecord.insert(slot).inserted { seen[slot].records += 1 }
                count(node, of: record, into: &seen[slot])
            }
        }
        // The most frequent paths, ties to the first seen, then back in first-seen order.
        let kept = Set(
            seen.indices.sorted { seen[$0].records != seen[$1].records ? seen[$0].records > seen[$1].records : $0 < $1 }
                .prefix(maximumColumns - 1))
        var names: Set<String> = ["dt"]  // the partition column
        let keptSlots = seen.indices.filter(kept.contains)
        let epochTime =
            keptSlots.contains { seen[$0].type == .timestamp }
            ? nil
            : keptSlots.first { slot in
                let entry = seen[slot]
                return (entry.type == .int || entry.type == .bigint) && entry.epochs == entry.ints + entry.bigints
                    && isTimeName(columnName(entry.path))
            }
        var columns = keptSlots.map { slot in
            let entry = seen[slot]
            let name = unique(columnName(entry.path), in: &names)
            var comment = entry.example.map { "e.g. \($0)" } ?? "only null seen in the sample"
            if entry.arrays > 0, entry.type == .string, entry.arrays == entry.records {
                comment += " (an array, as JSON)"
            }
            if slot == epochTime { comment += " (epoch time)" }
            return ProposedColumn(
                name: name, type: slot == epochTime ? .timestamp : entry.type,
                from: name == entry.path ? nil : entry.path, comment: comment)
        }
        // Last, the flag every format gives: which rows hold only what was logged of a line the logger cut.
        let flag = ProposedColumn(
            name: unique("truncated", in: &names), type: .boolean, from: "$truncated",
            comment: "whether the logger cut the line: the row holds what was logged")
        columns.append(flag)
        return columns
    }

    /// Whether a column name says it holds a time: an epoch number is proposed as a timestamp only then.
    private static func isTimeName(_ name: String) -> Bool {
        let words = name.split(separator: "_")
        return words.contains { $0.contains("time") || $0.contains("epoch") || $0.contains("date") }
            || words.last == "at" || words.last == "ts" || name == "ts"
    }

    /// The first instant and the end of the years 2000 to 2099, in milliseconds: an epoch number a logger wrote.
    private static let epochRange: Range<Int64> = 946_684_800_000..<4_102_444_800_000

    private static func count(_ node: JSONNode, of record: JSONRecord, into entry: inout Seen) {
        switch node.kind {
        case .null:
            entry.nulls += 1
            return
        case .true, .false: entry.bools += 1
        case .array: entry.arrays += 1
        case .object: return
        case .number:
            switch JSONNumber.integer(record.bytes(node)) {
            case .value(let integer):
                if Int64(Int32.min)...Int64(Int32.max) ~= integer { entry.ints += 1 } else { entry.bigints += 1 }
                if let instant = JSONTimestamp.milliseconds(epoch: record.bytes(node)), epochRange ~= instant {
                    entry.epochs += 1
                }
            case .outOfRange where record.bytes(node).allSatisfy({ $0 == UInt8(ascii: "-") || isDigit($0) }):
                entry.huge += 1
                entry.doubles += 1
            default: entry.doubles += 1
            }
        case .string:
            entry.strings += 1
            let text = record.contents(node)
            if text.count == 10, JSONTimestamp.milliseconds(text: text) != nil { entry.days += 1 }
            if text.count > 10, JSONTimestamp.milliseconds(text: text) != nil { entry.instants += 1 }
        }
        if entry.example == nil {
            entry.example = JSONCoercion.shorten(
                node.kind == .string ? record.string(node) : String(decoding: record.bytes(node), as: UTF8.self))
        }
    }

    /// `path` as a Glue column name: lower snake_case (`requestId` becomes `request_id`), `[a-z0-9_]` only,
    /// starting with a letter, at most 255 characters, and no word Athena reserves in queries (`order` becomes
    /// `order_value`).
    static func columnName(_ path: String) -> String {
        var out: [UInt8] = []
        var previous: UInt8 = 0
        let bytes = Array(path.utf8)
        for (offset, byte) in bytes.enumerated() {
            let next = offset + 1 < bytes.count ? bytes[offset + 1] : 0
            if isUpper(byte) {
                // A word starts at an upper-case letter after a lower-case one or a digit (`requestId`), or at the
                // last capital of a run followed by a lower-case letter (`HTTPStatus`).
                if isLower(previous) || isDigit(previous) || (isUpper(previous) && isLower(next)) {
                    out.append(UInt8(ascii: "_"))
                }
                out.append(byte | 0x20)
            } else if isLower(byte) || isDigit(byte) {
                out.append(byte)
            } else if out.last != UInt8(ascii: "_") {
                out.append(UInt8(ascii: "_"))
            }
            previous = byte
        }
        var name = String(decoding: out, as: UTF8.self)
        name = String(name.drop { $0 == "_" })
        while name.hasSuffix("_") { name.removeLast() }
        if name.isEmpty { name = "column" }
        if let first = name.utf8.first, isDigit(first) { name = "col_" + name }
        // `order`, `group`, `end`... would need quoting in every view: `order_value` needs none.
        if AthenaReservedWords.select.contains(name) { name += "_value" }
        return String(name.prefix(maximumNameLength))
    }

    /// `name`, or `name_2`, `name_3`... when taken; recorded as taken.
    private static func unique(_ name: String, in names: inout Set<String>) -> String {
        var candidate = name
        var number = 2
        while names.contains(candidate) {
            let suffix = "_\(number)"
            candidate = String(name.prefix(maximumNameLength - suffix.count)) + suffix
            number += 1
        }
        names.insert(candidate)
        return candidate
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "A") < 26 }
    private static func isLower(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "a") < 26 }
    private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
}
