/// A numeric setting of a declaration and the values AWS accepts for it (or Sluice, where AWS sets no bound), with
/// where the bound comes from.
package struct NumberRule: Sendable {
    /// The manifest key, as errors name it.
    package let key: String
    package let range: ClosedRange<Int>
    /// The source of the bound, shown with the error.
    package let why: String

    /// The problem with a value, or nil when it is in range.
    package func problem(_ value: Int) -> String? {
        range.contains(value)
            ? nil : "\(key) must be \(range.lowerBound) to \(range.upperBound), found \(value) (\(why))"
    }
}

/// Every number a declaration holds, with its range: the one table validation checks them against, so a value that
/// validates is one Terraform, the provider and AWS accept.
package enum NumberRules {
    /// S3 lifecycle `Expiration.Days` is a positive 32-bit integer; the provider refuses larger values.
    static let int32Days = 1...Int(Int32.max)

    package static let bufferingSizeMB = NumberRule(
        key: "buffering_size_mb", range: 1...128, why: "Firehose's S3 buffering size, in MiB")
    package static let bufferingIntervalSeconds = NumberRule(
        key: "buffering_interval_seconds", range: 0...900, why: "Firehose's S3 buffering interval, in seconds")
    package static let expireDays = NumberRule(
        key: "expire_days", range: int32Days, why: "S3 lifecycle expiration takes a positive 32-bit day count")
    package static let memoryMB = NumberRule(key: "memory_mb", range: 128...10_240, why: "Lambda's memory range, in MB")
    package static let timeoutSeconds = NumberRule(
        key: "timeout_seconds", range: 1...900, why: "Lambda's timeout range, in seconds")
    /// At least 1: 0 stops the function. At most what the Lambda API's 32-bit field holds; a value above the account's
    /// concurrency quota less the 100 Lambda keeps unreserved fails at apply, so more than 900 (the default quota of
    /// 1,000 less 100) gets a warning, as only an account with a raised quota can have it.
    package static let reservedConcurrency = NumberRule(
        key: "reserved_concurrency", range: 1...Int(Int32.max),
        why: "0 would stop the processor; Lambda's field is a 32-bit integer")
    /// What an account with Lambda's default quota (1,000 concurrent executions, 100 kept unreserved) can reserve.
    package static let defaultQuotaReservable = 900
    /// Sluice's own bound: an execution environment lives for hours at most, so a lookup cached for over a day is
    /// never refreshed anyway; and the value becomes a `Double` of seconds in the processor.
    package static let cacheTTLSeconds = NumberRule(
        key: "cache_ttl_seconds", range: 0...86_400, why: "0 (no cache) to a day, Sluice's bound")
    /// Athena's `BytesScannedCutoffPerQuery` is at least 10,000,000 bytes (10 MiB is the smallest whole MiB count
    /// above it) and a 64-bit byte count: the MiB count times 1,048,576 must fit.
    package static let bytesScannedCutoffMB = NumberRule(
        key: "bytes_scanned_cutoff_mb", range: 10...(Int(Int64.max) / 1_048_576),
        why: "Athena's per-query cutoff is 10 MB or more, in a 64-bit byte count")
    package static let resultsExpireDays = NumberRule(
        key: "results_expire_days", range: int32Days, why: "S3 lifecycle expiration takes a positive 32-bit day count")
    // retention_days is a set, not a range: AWSRules.logRetentionDays.

    // The `volume` section: figures for the cost estimate, bounded where AWS bounds them and otherwise by Sluice
    // far beyond any one pipeline (so the estimate's arithmetic stays exact in a Double).
    package static let eventsPerDay = NumberRule(
        key: "events_per_day", range: 0...1_000_000_000_000, why: "0 to a trillion a day, Sluice's bound")
    package static let averageEventBytes = NumberRule(
        key: "average_event_bytes", range: 1...1_048_576, why: "CloudWatch Logs' maximum event size is 1 MiB")
    package static let queriesPerDay = NumberRule(
        key: "queries_per_day", range: 0...1_000_000, why: "0 to a million a day, Sluice's bound")
    package static let daysPerQuery = NumberRule(
        key: "days_per_query", range: 1...36_500, why: "at least one day's partition, at most a century")
    package static let quickSightAuthors = NumberRule(
        key: "authors", range: 0...100_000, why: "0 to 100,000 users, Sluice's bound")
    package static let quickSightReaders = NumberRule(
        key: "readers", range: 0...100_000, why: "0 to 100,000 users, Sluice's bound")
    /// A decimal, so not a `NumberRule`: 0 to a petabyte a day (2^20 GB), Sluice's bound.
    package static let gbPerDay: ClosedRange<Double> = 0...1_048_576

    /// Minutes, so every period is a multiple of 60 s as CloudWatch requires; a day at most (Sluice's bound).
    package static let alertPeriodMinutes = NumberRule(
        key: "period_minutes", range: 1...1440, why: "CloudWatch periods are whole minutes here, up to a day")
    /// Bounded further by period x evaluation periods (AlertsRules).
    package static let alertEvaluationPeriods = NumberRule(
        key: "evaluation_periods", range: 1...10_080, why: "CloudWatch looks back at most 7 days")
    package static let alertDatapointsToAlarm = NumberRule(
        key: "datapoints_to_alarm", range: 1...10_080, why: "at most the evaluation periods")
    /// Sluice's bound: a count above a billion in one period is no threshold anyone waits for.
    package static let alertErrors = NumberRule(
        key: "errors", range: 1...1_000_000_000, why: "at least one error, Sluice's bound a billion")
    package static let alertThrottles = NumberRule(
        key: "throttles", range: 1...1_000_000_000, why: "at least one throttle, Sluice's bound a billion")
    package static let alertDeadLetters = NumberRule(
        key: "dead_letters", range: 1...1_000_000_000, why: "at least one message, Sluice's bound a billion")
    /// Firehose retries a delivery for up to a day. At least a minute: the oldest record's age includes the
    /// delivery after the buffering interval, so no margin fires on every delivery of a quiet stream.
    package static let alertFreshnessMarginSeconds = NumberRule(
        key: "freshness_margin_seconds", range: 60...86_400,
        why: "a minute (Firehose's own delivery time) to a day (how long Firehose retries)")
    package static let alertQuarantineRatioPercent = NumberRule(
        key: "quarantine_ratio_percent", range: 1...100, why: "a share of the lines, in percent")
    /// One period of the metric math alarm: whole minutes, at most a day.
    package static let alertQuarantineWindowMinutes = NumberRule(
        key: "quarantine_window_minutes", range: 1...1440, why: "one CloudWatch period of whole minutes, up to a day")
    /// One period of the alarm: whole minutes, at most a day; at least 5, as the processor's metrics arrive late.
    package static let alertQuietPeriodMinutes = NumberRule(
        key: "quiet_period_minutes", range: 5...1440, why: "one CloudWatch period of whole minutes, 5 to a day")
}
