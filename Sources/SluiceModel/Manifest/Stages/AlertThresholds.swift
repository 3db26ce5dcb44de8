/// When a pipeline's alarms fire: the `alerts.thresholds` mapping, every key with a safe default.
package struct AlertThresholds: Sendable {
    /// The period of the count alarms (errors, throttles, dead letters, freshness), in minutes.
    package var periodMinutes: Int
    /// How many periods a count alarm looks back over.
    package var evaluationPeriods: Int
    /// How many of those periods must breach before it fires.
    package var datapointsToAlarm: Int
    /// Errors in one period that fire an error alarm (subscription delivery, replication, EventBridge, Lambda).
    package var errors: Int
    /// Throttled deliveries or invocations in one period that fire a throttling alarm.
    package var throttles: Int
    /// Messages waiting in a dead-letter queue that fire its alarm.
    package var deadLetters: Int
    /// How much older than the declared buffering interval Firehose's oldest record may grow, in seconds.
    package var freshnessMarginSeconds: Int
    /// The share of lines quarantined, in percent, that fires the quarantine alarm.
    package var quarantineRatioPercent: Int
    /// The window that share is measured over, in minutes.
    package var quarantineWindowMinutes: Int
    /// How long without a row fires the no-rows alarm, in minutes (missing data counts as no rows).
    package var quietPeriodMinutes: Int
    package var origin: Origin

    package init(
        periodMinutes: Int = Defaults.alertPeriodMinutes, evaluationPeriods: Int = Defaults.alertEvaluationPeriods,
        datapointsToAlarm: Int = Defaults.alertDatapointsToAlarm, errors: Int = Defaults.alertErrors,
        throttles: Int = Defaults.alertThrottles, deadLetters: Int = Defaults.alertDeadLetters,
        freshnessMarginSeconds: Int = Defaults.alertFreshnessMarginSeconds,
        quarantineRatioPercent: Int = Defaults.alertQuarantineRatioPercent,
        quarantineWindowMinutes: Int = Defaults.alertQuarantineWindowMinutes,
        quietPeriodMinutes: Int = Defaults.alertQuietPeriodMinutes, origin: Origin
    ) {
        self.periodMinutes = periodMinutes
        self.evaluationPeriods = evaluationPeriods
        self.datapointsToAlarm = datapointsToAlarm
        self.errors = errors
        self.throttles = throttles
        self.deadLetters = deadLetters
        self.freshnessMarginSeconds = freshnessMarginSeconds
        self.quarantineRatioPercent = quarantineRatioPercent
        self.quarantineWindowMinutes = quarantineWindowMinutes
        self.quietPeriodMinutes = quietPeriodMinutes
        self.origin = origin
    }
}

extension Defaults {
    package static let alertPeriodMinutes = 5
    package static let alertEvaluationPeriods = 1
    package static let alertDatapointsToAlarm = 1
    /// One error is worth a look: every error alarm marks data that did not move on by itself.
    package static let alertErrors = 1
    /// Throttled work is retried, so a few throttles are noise; a steady stream of them is not.
    package static let alertThrottles = 10
    /// One parked message is an object that was not processed.
    package static let alertDeadLetters = 1
    package static let alertFreshnessMarginSeconds = 900
    package static let alertQuarantineRatioPercent = 5
    package static let alertQuarantineWindowMinutes = 60
    package static let alertQuietPeriodMinutes = 360
}

extension AlertThresholds {
    /// The manifest's `alerts.thresholds` mapping; every key has a default.
    init(from reader: MappingReader) {
        defer { reader.finish() }
        func number(_ key: String, _ fallback: Int) -> Int { reader.int(key, default: fallback) ?? fallback }
        self.init(
            periodMinutes: number("period_minutes", Defaults.alertPeriodMinutes),
            evaluationPeriods: number("evaluation_periods", Defaults.alertEvaluationPeriods),
            datapointsToAlarm: number("datapoints_to_alarm", Defaults.alertDatapointsToAlarm),
            errors: number("errors", Defaults.alertErrors),
            throttles: number("throttles", Defaults.alertThrottles),
            deadLetters: number("dead_letters", Defaults.alertDeadLetters),
            freshnessMarginSeconds: number("freshness_margin_seconds", Defaults.alertFreshnessMarginSeconds),
            quarantineRatioPercent: number("quarantine_ratio_percent", Defaults.alertQuarantineRatioPercent),
            quarantineWindowMinutes: number("quarantine_window_minutes", Defaults.alertQuarantineWindowMinutes),
            quietPeriodMinutes: number("quiet_period_minutes", Defaults.alertQuietPeriodMinutes),
            origin: reader.origin)
    }
}
