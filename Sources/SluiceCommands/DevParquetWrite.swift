import ArgumentParser
import Foundation
import SluiceJSON
import SluiceParquet
import SluiceProcessing

/// `sluice dev parquet-write`: rows from a file of JSON objects through the processor's Parquet writer into one
/// file, so that tests can read Sluice's Parquet with other engines. Hidden: a tool for the test suite.
struct DevParquetWrite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parquet-write",
        abstract: "Write rows (JSON objects, one a line) to a Parquet file with the processor's lake writer.",
        discussion: """
            Each input line is a JSON object keyed by column name; a missing key or null is null. Values: strings \
            for string, integers for int and bigint, numbers or their text ("1.5", "NaN", "-Infinity") for double, \
            true/false for boolean, epoch milliseconds (an integer) for timestamp, days since 1970-01-01 (an \
            integer) for date. Prints a JSON summary: rows, row groups written, values rejected (written as null) \
            and the first rejection.
            """,
        shouldDisplay: false)

    @Option(
        name: .long,
        help: "The columns, 'name:type,...' (types: string, int, bigint, double, boolean, timestamp, date).")
    var columns: String

    @Option(name: .long, help: "snappy (default), zstd, gzip or none.")
    var compression: String = "snappy"

    @Option(name: .long, help: "Write a row group once this many bytes are buffered.")
    var rowGroupBytes: Int?

    @Option(name: .long, help: "The size of a data page, in bytes before compression.")
    var pageBytes: Int?

    @Option(name: .long, help: "The largest dictionary of a column chunk, in bytes, before values go PLAIN.")
    var dictionaryBytes: Int?

    @Option(name: .long, help: "The rows: a file of JSON objects, one a line.")
    var input: String

    @Option(name: .long, help: "The Parquet file to write.")
    var output: String

    func run() throws {
        let schema = try parseColumns()
        let codec: ParquetCompression
        switch compression {
        case "none": codec = .uncompressed
        case let name:
            guard let known = ParquetCompression(rawValue: name), known != .uncompressed else {
                throw ValidationError("--compression: \"\(name)\" is not one of snappy, zstd, gzip, none")
            }
            codec = known
        }
        var options = ParquetWriter.Options()
        if let rowGroupBytes { options.rowGroupBytes = rowGroupBytes }
        if let pageBytes { options.pageBytes = pageBytes }
        if let dictionaryBytes { options.dictionaryBytes = dictionaryBytes }
        var writer: ParquetRowWriter
        do {
            writer = try ParquetRowWriter(
                columns: schema, compression: codec, createdBy: "sluice version \(SluiceVersion.current)",
                options: options)
        } catch {
            throw ValidationError("--columns: \(error)")
        }

        guard FileManager.default.createFile(atPath: output, contents: nil),
            let file = FileHandle(forWritingAtPath: output)
        else { throw ValidationError("--output: cannot create \(output)") }
        defer { try? file.close() }
        let text = try String(contentsOfFile: input, encoding: .utf8)
        writer.startPartition("")
        var rows = 0
        var flushes = 0
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let object: [String: JSONValue]
            do {
                guard let members = try JSONValue(parsing: Array(line.utf8)).objectValue else {
                    throw ValidationError("\(input):\(number + 1):1: error: not a JSON object")
                }
                object = members
            } catch let error as JSONDecodingError {
                throw ValidationError("\(input):\(number + 1):\(error.column): error: \(error.message)")
            }
            let row = try Row(
                schema.map { column in try Self.value(object[column.name], type: column.type, line: number + 1) })
            writer.write(row, partition: "")
            rows += 1
            for part in writer.drain(minimumBytes: 1) {
                try file.write(contentsOf: part.bytes)
                flushes += 1
            }
        }
        for part in writer.finish() { try file.write(contentsOf: part.bytes) }
        let summary: JSONValue = [
            "rows": .int(rows), "parts_before_footer": .int(flushes), "rejected": .int(writer.rejectedValues),
            "first_rejection": writer.firstRejection.map(JSONValue.string) ?? .null,
        ]
        print(summary.compact())
    }

    private func parseColumns() throws -> [(name: String, type: String)] {
        try columns.split(separator: ",").map { entry in
            let parts = entry.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ValidationError("--columns: \"\(entry)\" is not name:type")
            }
            return (String(parts[0]), String(parts[1]))
        }
    }

    /// A JSON value as the row value the processor would give a column of `type`.
    static func value(_ json: JSONValue?, type: String, line: Int) throws -> Row.Value {
        guard let json, json != .null else { return .null }
        func wrong() -> ValidationError {
            ValidationError("input line \(line): \(json.compact()) is not a \(type) value")
        }
        switch type {
        case "string":
            guard let text = json.stringValue else { throw wrong() }
            return .string(text)
        case "int", "bigint":
            guard let number = integer(json) else { throw wrong() }
            return .int(number)
        case "double":
            // Text (a string, or a number's text) is read by Swift's own parser, which rounds correctly.
            guard let number = json.stringValue.flatMap(Double.init) ?? json.doubleValue else { throw wrong() }
            return .double(number)
        case "boolean":
            guard let flag = json.boolValue else { throw wrong() }
            return .bool(flag)
        case "timestamp":
            guard let number = integer(json) else { throw wrong() }
            return .timestamp(number)
        case "date":
            guard let number = integer(json), let days = Int32(exactly: number) else { throw wrong() }
            return .date(days)
        default:
            throw wrong()
        }
    }

    /// A JSON number that is a whole number in Int64's range (`3`, `3.0`, `3e2`).
    private static func integer(_ json: JSONValue) -> Int64? {
        if let number = json.intValue { return Int64(number) }
        return json.doubleValue.flatMap { Int64(exactly: $0) }
    }
}
