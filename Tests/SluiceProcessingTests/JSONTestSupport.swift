import Testing

@testable import SluiceProcessing

/// Shared steps of the JSON format's tests: a line parsed through the registry's format, a path read as a column.
enum JSONLines {
    /// The record of `line`, or the test fails.
    static func record(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONRecord {
        switch JSONFormat.parse(Array(line.utf8)[...]) {
        case .success(let record): return record
        case .failure(let failure):
            Issue.record("did not parse: \(failure.reason)", sourceLocation: sourceLocation)
            throw failure
        }
    }

    /// Why `line` is refused, or nil when it parses.
    static func refusal(_ line: String) -> String? { refusal(bytes: Array(line.utf8)) }

    static func refusal(bytes: [UInt8]) -> String? {
        if case .failure(let failure) = JSONFormat.parse(bytes[...]) { return failure.reason }
        return nil
    }

    /// `path` of `line` as a column of `type`.
    static func read(_ line: String, _ path: String, as type: ColumnType) throws -> Result<Row.Value, LineFailure> {
        let reader = try JSONFormat.reader(FieldPath(parsing: path), for: type)
        return reader.read(try record(line))
    }

    /// `path` of `line` as a column of `type`; the test fails when the line is quarantined.
    static func value(
        _ line: String, _ path: String, as type: ColumnType, sourceLocation: SourceLocation = #_sourceLocation
    )
        throws -> Row.Value?
    {
        switch try read(line, path, as: type) {
        case .success(let value): return value
        case .failure(let failure):
            Issue.record("quarantined: \(failure.reason)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// Why reading `path` of `line` as `type` quarantines the line; nil (and a failed test) when it does not.
    static func failure(
        _ line: String, _ path: String, as type: ColumnType, sourceLocation: SourceLocation = #_sourceLocation
    )
        throws -> String?
    {
        switch try read(line, path, as: type) {
        case .success(let value):
            Issue.record("read \(value), expected a refusal", sourceLocation: sourceLocation)
            return nil
        case .failure(let failure): return failure.reason
        }
    }
}
