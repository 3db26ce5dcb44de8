import SluiceJSON

/// One output row: its values by position, in the table's column order. The column names are the writer's, held
/// once (`GzipNDJSONWriter(columns:)`), not repeated in every row.
package struct Row: Sendable, Equatable {
    package enum Value: Sendable, Equatable {
        case string(String)
        case int(Int64)
        case double(Double)
        case bool(Bool)
        /// An instant, in milliseconds since 1970-01-01T00:00:00Z: a `timestamp` column.
        case timestamp(Int64)
        /// A day, counted from 1970-01-01: a `date` column.
        case date(Int32)
        case null
    }

    /// The values, column by column.
    package var values: [Value]

    package init(_ values: [Value]) { self.values = values }

    /// The value of the column at `position` (0-based, in the table's column order).
    @inlinable
    package subscript(position: Int) -> Value { values[position] }

    /// The number of values: the table's column count.
    @inlinable
    package var count: Int { values.count }
}

extension Row.Value {
    /// Appends the value as JSON: timestamps and dates as the text Athena's JSON SerDe reads as one.
    func appendJSON(to out: inout [UInt8]) {
        switch self {
        case .string(let text): JSONEscaper.append(text, to: &out)
        case .int(let number): JSONText.appendInteger(number, to: &out)
        case .double(let number): out.append(contentsOf: (number.isFinite ? String(number) : "null").utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        // The text Athena's JSON SerDe reads as a timestamp or a date, written without making a String.
        case .timestamp(let milliseconds):
            out.append(UInt8(ascii: "\""))
            Timestamps.appendAthena(milliseconds, to: &out)
            out.append(UInt8(ascii: "\""))
        case .date(let days):
            out.append(UInt8(ascii: "\""))
            Timestamps.appendDay(days, to: &out)
            out.append(UInt8(ascii: "\""))
        case .null: out.append(contentsOf: "null".utf8)
        }
    }
}

/// Rows as JSON lines under fixed column names: each name's `{"name":` or `,"name":` is escaped once, not per row.
package struct JSONRowEncoder: Sendable {
    /// The columns' names.
    package let columns: [String]
    /// Each column's `{"name":` (the first) or `,"name":`, escaped.
    let keys: [[UInt8]]
    /// The bytes of all keys together.
    let keyBytes: Int
    /// Every key, one after the other, and where each ends: what `writeJSONLine` copies from, without retaining
    /// an array per column.
    let joinedKeys: [UInt8]
    let keyEnds: [Int]

    package init(columns: [String]) {
        self.columns = columns
        keys = columns.enumerated().map { index, name in
            var key: [UInt8] = [index == 0 ? UInt8(ascii: "{") : UInt8(ascii: ",")]
            JSONEscaper.append(name, to: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
        keyBytes = keys.reduce(0) { $0 + $1.count }
        joinedKeys = keys.flatMap { $0 }
        var end = 0
        keyEnds = keys.map { key in
            end += key.count
            return end
        }
    }

    /// Appends the row as one line of JSON and a newline, columns in order; a row of more values than columns
    /// writes the first `columns.count`, and a missing value is null.
    package func appendJSONLine(_ row: Row, to out: inout [UInt8]) {
        if keys.isEmpty { out.append(UInt8(ascii: "{")) }
        for (index, key) in keys.enumerated() {
            out.append(contentsOf: key)
            (index < row.values.count ? row.values[index] : .null).appendJSON(to: &out)
        }
        out.append(UInt8(ascii: "}"))
        out.append(UInt8(ascii: "\n"))
    }
}

/// Values with their names, for JSON records that are not lake rows: quarantine records, run summaries, what
/// `sluice logs parse` prints.
package struct NamedValues: Sendable, Equatable {
    package var values: [(column: String, value: Row.Value)]

    package init(_ values: [(column: String, value: Row.Value)]) { self.values = values }

    package static func == (lhs: NamedValues, rhs: NamedValues) -> Bool {
        lhs.values.count == rhs.values.count
            && zip(lhs.values, rhs.values).allSatisfy { $0.column == $1.column && $0.value == $1.value }
    }

    /// Appends the values as one line of JSON and a newline, in order.
    package func appendJSONLine(to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for index in values.indices {
            let entry = values[index]
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONEscaper.append(entry.column, to: &out)
            out.append(UInt8(ascii: ":"))
            entry.value.appendJSON(to: &out)
        }
        out.append(UInt8(ascii: "}"))
        out.append(UInt8(ascii: "\n"))
    }

    /// The values as one line of JSON (no newline).
    package func json() -> String {
        var out: [UInt8] = []
        appendJSONLine(to: &out)
        return String(decoding: out.dropLast(), as: UTF8.self)
    }
}

/// Numbers for rows and quarantine records, written as bytes (strings go through `JSONEscaper`).
enum JSONText {
    /// Appends a decimal integer.
    static func appendInteger(_ number: Int64, to out: inout [UInt8]) {
        if number == 0 {
            out.append(UInt8(ascii: "0"))
            return
        }
        if number < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var divisor: UInt64 = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        }
    }
}
