/// Two sets of keyed amounts compared, as an alternative is with the estimate and a branch's estimate with its
/// base's: the keys whose amount differs, with both amounts.
package enum AmountChanges {
    /// The keys of either side whose difference `counts` (0 where a side lacks the key), the largest absolute
    /// difference first, ties broken by `ordered`.
    package static func between<Key: Hashable>(
        _ before: [Key: Double], _ after: [Key: Double], counts: (Double) -> Bool,
        ordered: (Key, Key) -> Bool
    ) -> [(key: Key, before: Double, after: Double)] {
        Set(before.keys).union(after.keys).compactMap { key -> (key: Key, before: Double, after: Double)? in
            let old = before[key] ?? 0
            let new = after[key] ?? 0
            return counts(new - old) ? (key, old, new) : nil
        }.sorted {
            let left = abs($0.after - $0.before)
            let right = abs($1.after - $1.before)
            return left != right ? left > right : ordered($0.key, $1.key)
        }
    }
}
