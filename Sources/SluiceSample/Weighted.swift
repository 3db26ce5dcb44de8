/// Picks among choices by integer weights. Integer arithmetic only, so a pick depends on the random number
/// alone and is the same on every platform.
struct Weighted<Element> {
    private let elements: [Element]
    /// Running totals of the weights; the last is the total.
    private let cumulative: [Int]

    /// - Parameter choices: each element with its weight; weights of zero are allowed, but not all of them.
    init(_ choices: [(Element, Int)]) {
        var total = 0
        var cumulative: [Int] = []
        cumulative.reserveCapacity(choices.count)
        for (_, weight) in choices {
            precondition(weight >= 0, "negative weight")
            total += weight
            cumulative.append(total)
        }
        precondition(total > 0, "no choice has any weight")
        self.elements = choices.map(\.0)
        self.cumulative = cumulative
    }

    func pick(_ random: inout SplitMix64) -> Element {
        let target = random.below(cumulative[cumulative.count - 1])
        // The first running total above the target.
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return elements[low]
    }
}

extension Weighted: Sendable where Element: Sendable {}

extension Weighted where Element == Int {
    /// Ranks `0..<count` with Zipf's law (weight 1/(rank+1)): a few heavy users and a long tail of light ones.
    static func zipf(count: Int) -> Weighted<Int> {
        Weighted((0..<count).map { ($0, 1_000_000_000 / ($0 + 1)) })
    }
}

/// A long-tailed quantity: a weighted pick of a range, then a uniform number in it. Ranges that widen
/// geometrically give the tails of latencies and response sizes without any floating-point function, whose
/// last bits differ between C libraries.
struct LongTail: Sendable {
    private let ranges: Weighted<ClosedRange<Int>>

    /// - Parameter ranges: each range with its weight.
    init(_ ranges: [(ClosedRange<Int>, Int)]) {
        self.ranges = Weighted(ranges)
    }

    func draw(_ random: inout SplitMix64) -> Int {
        random.within(ranges.pick(&random))
    }
}
