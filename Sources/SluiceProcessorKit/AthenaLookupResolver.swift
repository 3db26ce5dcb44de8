import SluiceProcessing
import SluiceRuntime

/// Lookups answered by Athena: the lookup's query for a batch of keys, each key an execution parameter.
package struct AthenaLookupResolver: LookupResolver {
    package let athena: AthenaClient
    package let workGroup: String
    /// The federated catalog the lookups' tables are in.
    package let catalog: String
    /// Seconds a query may take before the run fails (and Lambda retries the object).
    package var timeout: Double

    package init(athena: AthenaClient, workGroup: String, catalog: String, timeout: Double = 120) {
        self.athena = athena
        self.workGroup = workGroup
        self.catalog = catalog
        self.timeout = timeout
    }

    package func fetch(_ lookup: LookupSpec, keys: [String]) async throws -> [String: [String: String?]] {
        let rows = try await athena.run(
            sql: lookup.query(catalog: catalog, keys: keys.count), workGroup: workGroup,
            parameters: keys.map(LookupSpec.literal),
            timeout: timeout)
        var found: [String: [String: String?]] = [:]
        for row in rows {
            if let key = row[lookup.key] ?? nil { found[key] = row }
        }
        return found
    }
}
