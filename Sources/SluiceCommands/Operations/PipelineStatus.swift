import Foundation

/// What `sluice status` found for one pipeline, as plain values: read from AWS by `StatusCommand`, rendered by
/// `render`, judged by `needsAttention`.
struct PipelineStatus {
    /// One CloudWatch alarm of the pipeline.
    struct Alarm: Equatable {
        var name: String
        /// The account's logical name (`production`, `analytics`).
        var account: String
        /// `OK`, `ALARM` or `INSUFFICIENT_DATA`.
        var state: String
        var reason: String
        var updated: Date?
    }

    /// One dead-letter queue's depth.
    struct Queue: Equatable {
        var name: String
        var visible: Int
        /// Received by someone (a redrive) and not yet deleted or visible again.
        var inFlight: Int
    }

    /// The processor's metrics over the window.
    struct Activity: Equatable {
        var table: String
        var rows: Double
        var quarantined: Double
        var objects: Double
        /// The start of the latest metric period with an object processed.
        var lastObject: Date?
        /// The metric period, in seconds (how precise `lastObject` is).
        var period: Int
    }

    var pipeline: String
    /// `production 111111111111 (eu-west-1)`, for each account in order.
    var accounts: [String]
    var alarms: [Alarm] = []
    var queues: [Queue] = []
    var activity: Activity?
    /// The function's log group, where the last object's key is.
    var logGroup: String
    /// Whether the alarms of every account were read.
    var alarmsRead = true
    /// What could not be read, each said whole.
    var errors: [String] = []

    /// Whether an alarm is in ALARM or a dead-letter queue holds messages.
    var needsAttention: Bool {
        alarms.contains { $0.state == "ALARM" } || queues.contains { $0.visible + $0.inFlight > 0 }
    }

    /// The exit status of `sluice status` over `statuses`: 2 when any pipeline needs attention (known trouble
    /// outranks a part that could not be read), 1 when something could not be read, 0 otherwise.
    static func exitCode(_ statuses: [PipelineStatus]) -> Int32 {
        if statuses.contains(where: \.needsAttention) { return 2 }
        return statuses.contains { !$0.errors.isEmpty } ? 1 : 0
    }

    /// One screen of text: alarms (those in ALARM first), dead-letter queues, the last day's rows and the last
    /// object processed.
    func render(now: Date) -> String {
        var lines = ["pipeline \(pipeline): \(accounts.joined(separator: ", "))"]
        let order = ["ALARM": 0, "INSUFFICIENT_DATA": 1, "OK": 2]
        let sorted = alarms.sorted { (order[$0.state] ?? 1, $0.name) < (order[$1.state] ?? 1, $1.name) }
        let firing = alarms.filter { $0.state == "ALARM" }.count
        if !alarmsRead {
            lines.append("  alarms: not all read (see the errors below)\(alarms.isEmpty ? "" : "; \(firing) in ALARM")")
        } else {
            lines.append(
                alarms.isEmpty
                    ? "  alarms: none found (alerts: none, or not deployed)"
                    : "  alarms: \(firing) in ALARM of \(alarms.count)")
        }
        let width = sorted.map(\.name.count).max() ?? 0
        for alarm in sorted {
            var line = "    \(alarm.state.padding(toLength: 17, withPad: " ", startingAt: 0)) "
            line += "\(alarm.name.padding(toLength: width, withPad: " ", startingAt: 0))  (\(alarm.account))"
            if alarm.state != "OK" {
                if let updated = alarm.updated { line += " since \(OperationTime.format(updated))" }
                if !alarm.reason.isEmpty { line += ": \(alarm.reason)" }
            }
            lines.append(line)
        }
        lines.append(queues.isEmpty ? "  dead-letter queues: not read (see the errors below)" : "  dead-letter queues:")
        let queueWidth = queues.map(\.name.count).max() ?? 0
        for queue in queues {
            var line = "    \(queue.name.padding(toLength: queueWidth, withPad: " ", startingAt: 0))  "
            line += "\(queue.visible) message\(queue.visible == 1 ? "" : "s")"
            if queue.inFlight > 0 { line += " (+\(queue.inFlight) in flight)" }
            if queue.visible + queue.inFlight > 0 { line += ": `sluice redrive --pipeline \(pipeline)`" }
            lines.append(line)
        }
        if let activity {
            let ratio =
                activity.rows + activity.quarantined > 0
                ? String(format: " (%.2f%%)", 100 * activity.quarantined / (activity.rows + activity.quarantined)) : ""
            lines.append(
                "  last 24 hours, table \(activity.table): \(Self.count(activity.rows)) rows, "
                    + "\(Self.count(activity.quarantined)) quarantined\(ratio), \(Self.count(activity.objects)) objects"
            )
            if let last = activity.lastObject {
                let minutes = Int(now.timeIntervalSince(last) / 60)
                let period = activity.period == 60 ? "minute" : "\(activity.period / 60) min"
                lines.append(
                    "  last object processed: in the \(period) from \(OperationTime.format(last)) "
                        + "(\(minutes) min ago); its key: see the function's log, \(logGroup)")
            } else {
                lines.append("  last object processed: none in the last 24 hours")
            }
        }
        for error in errors { lines.append("  error: \(error)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A metric sum as a whole number (sums of counts are whole).
    private static func count(_ value: Double) -> String { String(Int(value.rounded())) }
}
