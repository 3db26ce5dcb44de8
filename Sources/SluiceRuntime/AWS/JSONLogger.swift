import Foundation

/// Structured logs: one JSON object a line on stderr, which Lambda's JSON log format keeps as it is and
/// CloudWatch Logs Insights can query field by field.
package struct JSONLogger: Sendable {
    /// How much to say, in increasing order of importance.
    package enum Level: Int, Sendable, Comparable, CaseIterable {
        case debug, info, warning, error

        /// The level's name as logged and as `LOG_LEVEL` spells it.
        package var name: String {
            switch self {
            case .debug: "debug"
            case .info: "info"
            case .warning: "warning"
            case .error: "error"
            }
        }

        package static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The least important level written.
    package var minimum: Level
    /// Fields every line carries (the pipeline, the request id).
    package var context: [String: String]
    private let sink: @Sendable (String) -> Void

    /// A logger writing at `minimum` and above; `sink` receives each line without its newline (stderr by
    /// default).
    package init(
        minimum: Level = .info, context: [String: String] = [:],
        sink: @escaping @Sendable (String) -> Void = JSONLogger.standardError
    ) {
        self.minimum = minimum
        self.context = context
        self.sink = sink
    }

    /// A logger at the level `LOG_LEVEL` names (`debug`, `info`, `warning` or `error`, any case; `warn` too),
    /// `info` when it is unset or unknown.
    package static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, context: [String: String] = [:]
    ) -> JSONLogger {
        let name = (environment["LOG_LEVEL"] ?? "").lowercased()
        let level = Level.allCases.first { $0.name == name } ?? (name == "warn" ? .warning : .info)
        return JSONLogger(minimum: level, context: context)
    }

    /// The same logger with more context fields.
    package func with(_ fields: [String: String]) -> JSONLogger {
        var copy = self
        copy.context.merge(fields) { _, new in new }
        return copy
    }

    /// Writes `message` with `fields` when `level` is at least the minimum.
    package func log(_ level: Level, _ message: String, _ fields: [String: LogValue] = [:]) {
        guard level >= minimum else { return }
        var all = context.mapValues(LogValue.string)
        all.merge(fields) { _, new in new }
        all["level"] = .string(level.name)
        all["message"] = .string(message)
        all["timestamp"] = .string(Self.timestamp())
        sink(LogValue.object(all).json)
    }

    package func debug(_ message: String, _ fields: [String: LogValue] = [:]) { log(.debug, message, fields) }
    package func info(_ message: String, _ fields: [String: LogValue] = [:]) { log(.info, message, fields) }
    package func warning(_ message: String, _ fields: [String: LogValue] = [:]) { log(.warning, message, fields) }
    package func error(_ message: String, _ fields: [String: LogValue] = [:]) { log(.error, message, fields) }

    /// Writes a line to stderr.
    package static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    private static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}

/// A value in a structured log line.
package enum LogValue: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case object([String: LogValue])

    package init(stringLiteral value: String) { self = .string(value) }
    package init(integerLiteral value: Int) { self = .int(value) }

    /// Compact JSON with sorted keys, so lines are stable and easy to compare.
    package var json: String {
        switch self {
        case .string(let text): Self.quoted(text)
        case .int(let number): String(number)
        case .double(let number): number.isFinite ? String(number) : "null"
        case .bool(let flag): flag ? "true" : "false"
        case .object(let fields):
            "{"
                + fields.sorted { $0.key < $1.key }.map { Self.quoted($0.key) + ":" + $0.value.json }
                .joined(separator: ",") + "}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
