/// When requests arrive: gaps drawn like a Poisson process's, at a rate following a weekday's traffic in UTC,
/// half of it at weekends.
struct TrafficClock {
    /// The current request's accept time, in microseconds since the epoch: gaps are often below a millisecond
    /// and must add up.
    private(set) var micros: Int64
    /// The mean gap when the load is the weekday's average.
    private let averageGapMicros: Double

    init(startMillis: Int64, requestsPerSecond: Double) {
        micros = startMillis * 1000
        averageGapMicros = 1_000_000 / requestsPerSecond
    }

    /// Milliseconds since the epoch.
    var millis: Int64 { micros / 1000 }

    /// The load now relative to a weekday's average: from about a third at night to one and a half in the
    /// afternoon; linear between the hours, so the rate has no steps.
    var load: Double {
        let dayMicros: Int64 = 86_400_000_000
        let day = micros / dayMicros
        let intoDay = micros - day * dayMicros
        let hour = Int(intoDay / 3_600_000_000)
        let fraction = Double(intoDay % 3_600_000_000) / 3_600_000_000
        let from = Double(Self.hourlyLoad[hour])
        let to = Double(Self.hourlyLoad[(hour + 1) % 24])
        // Counting from Monday as 0: 1970-01-01 was a Thursday, 3.
        let weekday = Int((day + 3) % 7)
        let weekend = weekday >= 5 ? 0.5 : 1.0
        return (from + (to - from) * fraction) / Double(Self.hourlyTotal) * 24 * weekend
    }

    /// Moves to the next request.
    mutating func advance(_ random: inout SplitMix64) {
        // An exponential gap: the mean of a random sixty-fourth of the distribution, plus where in it.
        let bucket = random.below(Self.exponentialPerMille.count)
        let gap = averageGapMicros / load * Double(Self.exponentialPerMille[bucket]) / 1000
        micros += Int64(gap) + (random.unit() < gap - gap.rounded(.down) ? 1 : 0)
    }

    /// A European and American customer base's day, by UTC hour (relative).
    private static let hourlyLoad = [
        52, 44, 38, 34, 33, 36, 46, 62, 84, 104, 118, 126, 132, 138, 146, 150, 146, 138, 126, 112, 98, 84, 72, 61,
    ]
    private static let hourlyTotal = hourlyLoad.reduce(0, +)

    /// The mean of Exp(1) within each of 64 equally likely slices, in thousandths (their mean is 1.000):
    /// computed once, so no logarithm (whose last bits vary between C libraries) runs here.
    private static let exponentialPerMille = [
        8, 24, 40, 56, 73, 90, 107, 125, 143, 161, 179, 198, 217, 237, 257, 277, 298, 319, 341, 363, 386, 409, 433, 458,
        483, 508, 535, 562, 589, 618, 647, 678, 709, 741, 775, 809, 845, 882, 920, 960, 1002, 1045, 1091, 1139, 1189,
        1241, 1297, 1356, 1418, 1485, 1556, 1633, 1717, 1808, 1908, 2019, 2145, 2288, 2456, 2657, 2910, 3249, 3773,
        5159,
    ]
}
