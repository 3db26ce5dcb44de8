/// Sluice's version, defined here only: `sluice --version` prints it and processors write it into each Parquet
/// file's `created_by`. Bumped by hand with each release.
package enum SluiceVersion {
    package static let current = "0.1.0"
}
