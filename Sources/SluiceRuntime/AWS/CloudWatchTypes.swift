import Foundation

/// A CloudWatch alarm as `sluice status` shows it: a metric alarm or a composite one.
package struct CloudWatchAlarm: Sendable, Equatable {
    package enum Kind: String, Sendable, Equatable {
        case metric, composite
    }

    package var name: String
    package var kind: Kind
    /// `OK`, `ALARM` or `INSUFFICIENT_DATA`.
    package var state: String
    package var stateReason: String?
    package var stateUpdated: Date?
    package var description: String?
    /// The metric a metric alarm on one metric watches; nil for metric math and composite alarms.
    package var namespace: String?
    package var metricName: String?

    package init(
        name: String, kind: Kind, state: String, stateReason: String? = nil, stateUpdated: Date? = nil,
        description: String? = nil, namespace: String? = nil, metricName: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.state = state
        self.stateReason = stateReason
        self.stateUpdated = stateUpdated
        self.description = description
        self.namespace = namespace
        self.metricName = metricName
    }

    package var isInAlarm: Bool { state == "ALARM" }
}

/// One query of GetMetricData: a statistic of one metric, or a metric math expression over other queries' ids.
package struct MetricDataQuery: Sendable, Equatable {
    package enum Source: Sendable, Equatable {
        /// `stat` (`Sum`, `Average`, `p99`...) of a metric over periods of `periodSeconds`.
        case metric(
            namespace: String, metricName: String, dimensions: [(name: String, value: String)], stat: String,
            periodSeconds: Int)
        /// Metric math, e.g. `100 * quarantined / rows`.
        case expression(String, periodSeconds: Int?)

        package static func == (lhs: Source, rhs: Source) -> Bool {
            switch (lhs, rhs) {
            case (.metric(let ln, let lm, let ld, let ls, let lp), .metric(let rn, let rm, let rd, let rs, let rp)):
                ln == rn && lm == rm && ls == rs && lp == rp
                    && ld.map { [$0.name, $0.value] } == rd.map { [$0.name, $0.value] }
            case (.expression(let le, let lp), .expression(let re, let rp)): le == re && lp == rp
            default: false
            }
        }
    }

    /// Starts with a lower-case letter; letters, digits and `_` (CloudWatch's rule).
    package var id: String
    package var source: Source
    /// Whether the result is returned (false for a query only an expression uses).
    package var returnData: Bool

    package init(id: String, source: Source, returnData: Bool = true) {
        self.id = id
        self.source = source
        self.returnData = returnData
    }

    /// A statistic of one metric.
    package static func metric(
        id: String, namespace: String, metricName: String, dimensions: [(name: String, value: String)],
        stat: String, periodSeconds: Int
    ) -> MetricDataQuery {
        MetricDataQuery(
            id: id,
            source: .metric(
                namespace: namespace, metricName: metricName, dimensions: dimensions, stat: stat,
                periodSeconds: periodSeconds))
    }
}

/// One datapoint of a GetMetricData result.
package struct MetricDatapoint: Sendable, Equatable {
    package var timestamp: Date
    package var value: Double

    package init(timestamp: Date, value: Double) {
        self.timestamp = timestamp
        self.value = value
    }
}

/// A query CloudWatch would refuse, refused before a request is sent.
package struct CloudWatchArgumentError: Error, Sendable, Equatable, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
