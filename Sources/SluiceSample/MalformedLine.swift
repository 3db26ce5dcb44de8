/// The odd bad line a real log has: one cut short, a run of garbage bytes (some not UTF-8), or a message that is
/// no access-log record at all, such as HAProxy's own notices.
enum MalformedLine {
    enum Kind: CaseIterable {
        case truncated
        case garbage
        case foreign
    }

    private static let kinds = Weighted<Kind>([(.truncated, 40), (.garbage, 30), (.foreign, 30)])

    /// Messages that share a log with access lines.
    private static let foreign: [String] = [
        "Proxy api started.",
        "Proxy integrations started.",
        "[NOTICE]   (1) : New worker (8) forked",
        "[NOTICE]   (1) : Loading success.",
        "[WARNING]  (8) : Server integrations/int-3 is DOWN, reason: Layer4 connection problem, info: \"Connection "
            + "refused\", check duration: 0ms. 5 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 "
            + "remaining in queue.",
        "[WARNING]  (8) : Server integrations/int-3 is UP, reason: Layer7 check passed, code: 200, check duration: "
            + "3ms. 6 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.",
        "[ALERT]    (8) : backend 'core' has no server available!",
        "{\"level\":\"error\",\"msg\":\"upstream connect error or disconnect/reset before headers\"}",
        "Traceback (most recent call last):",
        "Connect from 203.0.113.7:51234 to 10.0.1.5:443 (api/HTTP)",
    ]

    /// Used when a made-up line happens to parse after all, which the generator must never let through.
    static let fallback: StaticString = "sluice sample: a line that is deliberately not an access-log record"

    /// Replaces `line`, a good line, with a malformed one: one the format's parser refuses (`refuses`).
    ///
    /// - Parameter lossy: the line will travel inside a CloudWatch document, where bytes that are not UTF-8
    ///   become U+FFFD; the line must fail to parse as it will be read.
    static func spoil(
        _ line: inout [UInt8], refuses: ([UInt8]) -> Bool, lossy: Bool, _ random: inout SplitMix64
    ) {
        switch kinds.pick(&random) {
        case .truncated:
            // Cut within its first bytes, before the time every format starts with is whole: a line cut later
            // keeps its row (what was logged, flagged truncated), so it is no malformed line.
            line.removeLast(line.count - random.within(8...max(8, min(line.count, 30))))
        case .garbage:
            line.removeAll(keepingCapacity: true)
            for _ in 0..<random.within(16...160) { line.append(garbageByte(&random)) }
        case .foreign:
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: foreign[random.below(foreign.count)].utf8)
        }
        let asRead = lossy && line.contains { $0 >= 0x80 } ? Array(String(decoding: line, as: UTF8.self).utf8) : line
        if !refuses(asRead) {
            line.removeAll(keepingCapacity: true)
            line.appendASCII(fallback)
        }
    }

    /// Mostly printable, a third bytes above 0x7F (rarely valid UTF-8 at random), some control bytes; never a
    /// line break, which would make two lines of one, nor NUL.
    private static func garbageByte(_ random: inout SplitMix64) -> UInt8 {
        let roll = random.below(10)
        if roll < 6 { return UInt8(random.within(0x20...0x7E)) }
        if roll < 9 { return UInt8(random.within(0x80...0xFF)) }
        let control = UInt8(random.within(0x01...0x1F))
        return control == 0x0A || control == 0x0D ? 0x09 : control
    }
}
