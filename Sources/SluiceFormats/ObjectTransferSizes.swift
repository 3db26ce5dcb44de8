/// The sizes the processor reads and writes S3 objects in. The processor uses them, and the cost estimate prices
/// its S3 requests with them, so the two cannot drift apart.
package enum ObjectTransferSizes {
    /// Bytes fetched per ranged GET of an input object.
    package static let rangeBytes = 2 * 1024 * 1024
    /// Every part of a multipart upload but the last (S3 parts must be at least 5 MiB).
    package static let partBytes = 5 * 1024 * 1024 + 64 * 1024
}
