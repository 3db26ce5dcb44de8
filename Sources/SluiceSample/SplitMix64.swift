/// SplitMix64 (Steele, Lea and Flood): a tiny seeded generator defined by 64-bit integer arithmetic alone, so a
/// seed gives the same sequence on every platform and Swift version. The standard library promises neither for
/// its generators nor for `random(in:)`, and sample objects must be byte-identical wherever they are made.
struct SplitMix64 {
    private var state: UInt64

    /// The sequence of `seed`; another `stream` of the same seed is an unrelated sequence, so one part of a
    /// sample (the directory, the document batching) does not shift when another draws more numbers.
    init(seed: UInt64, stream: UInt64 = 0) {
        state = stream == 0 ? seed : Self.mix(seed ^ Self.mix(stream &* 0x9E37_79B9_7F4A_7C15))
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The SplitMix64 finalizer: every input bit affects every output bit.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` by multiply-shift (Lemire): no division, and a bias of at most bound / 2^64,
    /// far below anything a sample could show.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "below(\(bound))")
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `range`.
    mutating func within(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A double in `0..<1` from the top 53 bits: exact, so comparisons against it are the same everywhere.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// True `perMille` times in a thousand.
    mutating func perMille(_ perMille: Int) -> Bool {
        below(1000) < perMille
    }
}

/// The independent random streams of one seed (see `SplitMix64.init(seed:stream:)`).
enum SampleStream {
    static let traffic: UInt64 = 0
    static let directory: UInt64 = 1
    static let documents: UInt64 = 2
    static let malformed: UInt64 = 3
    static let longRequests: UInt64 = 4
}
