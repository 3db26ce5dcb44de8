/// The lookup answers one object needs, fixed for the whole object so that its rows agree even if the cache
/// expires halfway.
package struct EnrichmentTable: Sendable {
    package var answers: [String: [String: [String: String?]?]] = [:]

    package init() {}

    /// The lookup row for `key`: `.some(nil)` when the directory has no such key, nil when it was never asked.
    package func row(_ lookup: String, key: String) -> [String: String?]?? { answers[lookup]?[key] }

    /// Records the answer for a key: its row, or nil for "no such key".
    package mutating func record(_ lookup: String, key: String, values: [String: String?]?) {
        answers[lookup, default: [:]][key] = .some(values)
    }

    /// Adds every answer of `other`.
    package mutating func merge(_ other: EnrichmentTable) {
        for (lookup, keys) in other.answers { answers[lookup, default: [:]].merge(keys) { _, new in new } }
    }
}

/// Fetches what an object's rows need, batched: one query per lookup for every key the cache does not hold
/// (in batches of `batchSize` keys), instead of one per line.
package struct Enricher: Sendable {
    package let lookups: [LookupSpec]
    package let cache: LookupCache
    package let resolver: any LookupResolver
    package let batchSize: Int

    package init(lookups: [LookupSpec], cache: LookupCache, resolver: any LookupResolver, batchSize: Int = 100) {
        self.lookups = lookups
        self.cache = cache
        self.resolver = resolver
        self.batchSize = max(1, batchSize)
    }

    /// Answers for every key of `keys` (lookup name → keys), from the cache or from `resolver`.
    /// - Returns: the table, and how many keys were fetched (not cached) for the run summary.
    package func prepare(_ keys: [String: Set<String>]) async throws -> (table: EnrichmentTable, fetched: Int) {
        var table = EnrichmentTable()
        var fetched = 0
        cache.prune()
        for lookup in lookups {
            var missing: [String] = []
            for key in (keys[lookup.name] ?? []).sorted() {
                if let known = cache.lookUp(lookup.name, key: key) {
                    table.answers[lookup.name, default: [:]][key] = .some(known)
                } else {
                    missing.append(key)
                }
            }
            var start = 0
            while start < missing.count {
                let batch = Array(missing[start..<min(start + batchSize, missing.count)])
                let found = try await resolver.fetch(lookup, keys: batch)
                for key in batch {
                    let values = found[key]
                    cache.store(lookup.name, key: key, values: values)
                    table.answers[lookup.name, default: [:]][key] = .some(values)
                }
                fetched += batch.count
                start += batchSize
            }
        }
        return (table, fetched)
    }
}
