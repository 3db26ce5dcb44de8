import SluiceFormats

/// Answers lookups for a batch of keys: Athena in a processor, a directory file under `sluice process`.
package protocol LookupResolver: Sendable {
    /// The lookup rows found among `keys`, by key; a key with no row is absent.
    func fetch(_ lookup: LookupSpec, keys: [String]) async throws -> [String: [String: String?]]
}
