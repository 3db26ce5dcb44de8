import Foundation

/// Spaces calls `1 / rate` seconds apart, so a replay of thousands of objects does not burst past the function's
/// concurrency (throttled asynchronous invocations are retried by Lambda, but a burst still delays live traffic).
struct RateLimiter {
    /// The invocations per second `--rate` accepts.
    static let range = 1...100
    /// `--rate`'s default: well under the 10 concurrent executions an account may start with.
    static let defaultRate = 5

    let interval: TimeInterval
    private var next: Date?

    init(perSecond rate: Int) {
        interval = 1 / Double(max(rate, 1))
    }

    /// How long to wait before the next call at `now`; records that call as made then.
    mutating func delay(at now: Date) -> TimeInterval {
        let start = max(next ?? now, now)
        next = start.addingTimeInterval(interval)
        return start.timeIntervalSince(now)
    }

    /// Waits for the next call's turn.
    mutating func wait() {
        let seconds = delay(at: Date())
        if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
    }
}
