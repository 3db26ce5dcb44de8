import Foundation
import SluiceJSON

/// One invocation's metrics as a CloudWatch Embedded Metric Format (EMF) record: one JSON object on one line, from
/// which CloudWatch Logs extracts every `ProcessorMetric` (namespace `Sluice`, dimensions `Pipeline` and `Table`)
/// with no API call (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/
/// CloudWatch_Embedded_Metric_Format_Specification.html).
///
/// The processor writes one for each invocation that processed an object, whether it ended clean, with damage or
/// with rejected values; an invocation that failed before the object was read through (a read, lookup or write
/// error) writes none, and shows in Lambda's own `Errors`. Besides the metrics and dimensions the record holds
/// `Object` (the input object's key), `Status` (`processed`, `damaged` or `rejected`) and, in Lambda, `RequestId`:
/// what a Logs Insights query needs to find the last object processed, without making them dimensions (each
/// distinct value would be a metric of its own).
package struct MetricsRecord: Sendable, Equatable {
    /// How the run ended.
    package enum Status: String, Sendable, CaseIterable {
        /// Every byte read, every value written.
        case processed
        /// Part of the object was damaged; its ranges are in the quarantine.
        case damaged
        /// The writer wrote values as null (a processor bug): the invocation fails.
        case rejected
    }

    /// The pipeline's name, as declared: the `Pipeline` dimension.
    package var pipeline: String
    /// The output table: the `Table` dimension.
    package var table: String
    /// The input object's key (a path in a local run).
    package var object: String
    /// The Lambda request id; nil in a local run.
    package var requestID: String?
    /// When the run ended, in milliseconds since 1970-01-01 UTC: the metrics' time (`_aws.Timestamp`).
    package var timestamp: Int
    package var status: Status
    /// Every metric's value.
    package var values: [ProcessorMetric: Int]

    /// The record of a run of `config`'s processor over `object` that ended as `summary` says, after
    /// `lookupRounds` lookup queries and `duration` of processing, at `time`.
    package init(
        config: ProcessorConfig, summary: RunSummary, lookupRounds: Int, object: String, requestID: String?,
        duration: Duration, at time: Date
    ) {
        pipeline = config.pipeline
        table = config.output.table
        self.object = object
        self.requestID = requestID
        timestamp = Int((time.timeIntervalSince1970 * 1000).rounded(.down))
        status = summary.rejectedValues > 0 ? .rejected : summary.damaged ? .damaged : .processed
        let milliseconds = Self.milliseconds(duration)
        values = Dictionary(
            uniqueKeysWithValues: ProcessorMetric.allCases.map { metric in
                (metric, Self.value(metric, summary: summary, lookupRounds: lookupRounds, milliseconds: milliseconds))
            })
    }

    /// The record of a run's outcome.
    package init<Transform: RecordTransform>(
        config: ProcessorConfig, outcome: ObjectRun<Transform>.Outcome, object: String, requestID: String?,
        duration: Duration, at time: Date = Date()
    ) {
        self.init(
            config: config, summary: outcome.summary, lookupRounds: outcome.lookupRounds, object: object,
            requestID: requestID, duration: duration, at: time)
    }

    /// What `metric` says of a run. Exhaustive, so that a metric added to the catalog cannot go unwritten.
    static func value(_ metric: ProcessorMetric, summary: RunSummary, lookupRounds: Int, milliseconds: Int) -> Int {
        switch metric {
        case .lines: summary.lines
        case .rows: summary.rows
        case .quarantined: summary.quarantined
        case .bytesIn: summary.bytesIn
        case .bytesOut: summary.bytesOut
        case .lookupQueries: lookupRounds
        case .damagedObjects: summary.damaged ? 1 : 0
        case .objects: 1
        case .duration: milliseconds
        }
    }

    /// Whole milliseconds of `duration`, rounded down.
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }

    /// The EMF document: `_aws` (the timestamp and one directive naming every metric with its unit and the one
    /// dimension set), the dimensions' and metrics' values as root members, then the properties that are neither.
    package var json: JSONValue {
        let directive: JSONValue = [
            "Namespace": .string(ProcessorMetric.namespace),
            "Dimensions": [.array(ProcessorMetric.dimensions.map(JSONValue.string))],
            "Metrics": .array(
                ProcessorMetric.allCases.map { ["Name": .string($0.name), "Unit": .string($0.unit)] }),
        ]
        var members: [String: JSONValue] = [
            "_aws": ["Timestamp": .int(timestamp), "CloudWatchMetrics": [directive]],
            ProcessorMetric.pipelineDimension: .string(pipeline),
            ProcessorMetric.tableDimension: .string(table),
            Self.objectMember: .string(object),
            Self.statusMember: .string(status.rawValue),
        ]
        if let requestID { members[Self.requestIDMember] = .string(requestID) }
        for metric in ProcessorMetric.allCases { members[metric.name] = .int(values[metric] ?? 0) }
        return .object(members)
    }

    /// The record as one line of compact JSON, without its newline.
    package var line: String { json.compact() }

    /// The root member holding the input object's key.
    package static let objectMember = "Object"
    /// The root member holding how the run ended.
    package static let statusMember = "Status"
    /// The root member holding the Lambda request id.
    package static let requestIDMember = "RequestId"

    /// Writes a record where Lambda's CloudWatch Logs extracts its metrics: one line of JSON on stdout, in one write.
    ///
    /// Not through the logger: `JSONLogHandler` writes to stderr, adds `level`, `message` and `timestamp` to every
    /// line and drops lines below `LOG_LEVEL`; the metrics must reach CloudWatch whatever the level, in an event
    /// that is the EMF object and nothing else (the specification: no data before or after it). AWS's EMF guide
    /// for Lambda says to write the records to stdout. The function's `logging_config.log_format` is `JSON`
    /// (`ProcessorResources`, SluiceCloud): for a custom runtime such as ours, which uses no Lambda logging
    /// library, Lambda formats only its own platform lines as JSON and keeps the function's lines as written, and
    /// a line that already is JSON is not encoded again, so the event holds this object as it is. (A record that
    /// goes through a logging wrapper is lost: Node's EMF library dropped metrics under the JSON log format until
    /// 4.1.1, because `console.log` wrapped each record in another object.) With that format Lambda can also filter
    /// lines by their `level`, counting a line without one as INFO: the record has none, so the function's
    /// application log level must stay at INFO or below (Sluice sets none; AWS's default is INFO).
    ///
    /// C's buffered stdout is flushed first: a transform's `print` may have left part of a line there, which would
    /// otherwise be written after the record's start and corrupt it.
    package static let standardOutput: @Sendable (String) -> Void = { line in
        fflush(nil)
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
