import Foundation
import Logging
import SluiceJSON

/// swift-log's `LogHandler` for Sluice's structured logs: one JSON object a line on stderr, which Lambda's JSON log
/// format keeps as it is and CloudWatch Logs Insights can query field by field.
///
/// A line holds the logger's metadata and the call's, then `level` (swift-log's level name: `debug`, `info`,
/// `warning`, `error`, ...), `message` and `timestamp` (ISO 8601, milliseconds, UTC), keys sorted, compact. An
/// integer, boolean or double given as metadata (`"attempt": "\(2)"` as `.stringConvertible(2)`) is written as a JSON
/// number or boolean, everything else as a string.
package struct JSONLogHandler: LogHandler {
    package var logLevel: Logger.Level
    package var metadata: Logger.Metadata
    package var metadataProvider: Logger.MetadataProvider?
    private let sink: @Sendable (String) -> Void

    /// A handler writing at `logLevel` and above; `sink` receives each line without its newline (stderr by default).
    package init(
        logLevel: Logger.Level = .info, metadata: Logger.Metadata = [:],
        sink: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError
    ) {
        self.logLevel = logLevel
        self.metadata = metadata
        self.sink = sink
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let given = event.metadata { fields.merge(given) { _, new in new } }
        var line = fields.mapValues(Self.json)
        line["level"] = .string(event.level.rawValue)
        line["message"] = .string(event.message.description)
        line["timestamp"] = .string(Self.timestamp())
        sink(JSONValue.object(line).compact())
    }

    /// A logger writing through a `JSONLogHandler`, whatever the process bootstrapped: the default of a client made
    /// without one, and what a processor bootstraps swift-log with.
    package static func logger(
        level: Logger.Level = .info, sink: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError
    ) -> Logger {
        Logger(label: "sluice") { _ in JSONLogHandler(logLevel: level, sink: sink) }
    }

    /// The level `LOG_LEVEL` names (a swift-log level's name, any case; `warn` too), `info` when it is unset or
    /// unknown.
    package static func level(fromEnvironment environment: [String: String]) -> Logger.Level {
        let name = (environment["LOG_LEVEL"] ?? "").lowercased()
        return Logger.Level(rawValue: name) ?? (name == "warn" ? .warning : .info)
    }

    /// Writes a line to stderr.
    package static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// A metadata value as JSON: numbers and booleans as themselves.
    static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let item):
            switch item {
            case let flag as Bool: .bool(flag)
            case let integer as any BinaryInteger: Int(exactly: integer).map(JSONValue.int) ?? .string(item.description)
            case let number as Double: JSONValue(number)
            default: .string(item.description)
            }
        case .array(let items): .array(items.map(json))
        case .dictionary(let members): .object(members.mapValues(json))
        }
    }

    /// `2026-12-01T21:34:53.334Z`. A format style, made once: an `ISO8601DateFormatter` made per line, as the
    /// former logger did, cost about 0.4 ms a line and 2 ms at the first (benchmarks/logger_startup.sh).
    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private static func timestamp() -> String { timestampStyle.format(Date()) }
}
