import Foundation

/// Lookup answers kept for the life of a container (a Lambda execution environment serves many objects), each
/// for `ttl` seconds. Misses are kept too, so an account missing from the directory costs one query per TTL,
/// not one per object.
package final class LookupCache: @unchecked Sendable {
    package let ttl: Double
    private let clock: @Sendable () -> Double
    private let lock = NSLock()
    private var entries: [String: [String: (values: [String: String?]?, expires: Double)]] = [:]

    /// A cache whose entries live `ttl` seconds by `clock` (seconds; the monotonic uptime by default).
    package init(ttl: Double, clock: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.ttl = ttl
        self.clock = clock
    }

    /// What the cache knows of a key: nil when nothing (or only something expired); `.some(nil)` for a known miss.
    package func lookUp(_ lookup: String, key: String) -> [String: String?]?? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[lookup]?[key], entry.expires > clock() else { return nil }
        return .some(entry.values)
    }

    /// Keeps the answer for a key: its row, or nil for "no such key".
    package func store(_ lookup: String, key: String, values: [String: String?]?) {
        lock.lock()
        defer { lock.unlock() }
        entries[lookup, default: [:]][key] = (values, clock() + ttl)
    }

    /// Drops expired entries, so a long-lived container does not keep every key it ever saw.
    package func prune() {
        lock.lock()
        defer { lock.unlock() }
        let now = clock()
        for (lookup, keys) in entries { entries[lookup] = keys.filter { $0.value.expires > now } }
    }
}
