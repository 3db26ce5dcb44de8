/// What a sample object holds, counted while it was written.
package struct SampleStats: Sendable, Equatable {
    /// Lines written, malformed ones included.
    package var lines = 0
    /// Lines the format's parser refuses.
    package var malformedLines = 0
    /// Good lines the logger cut (HAProxy's 1024 bytes): each keeps its row, flagged `truncated`.
    package var truncatedLines = 0
    /// Good lines whose account the directory does not hold.
    package var unknownAccountLines = 0
    /// CloudWatch `DATA_MESSAGE` documents (zero for `.lines`).
    package var documents = 0
    /// CloudWatch `CONTROL_MESSAGE` documents (zero for `.lines`).
    package var controlMessages = 0
    /// Bytes of the object once inflated.
    package var uncompressedBytes = 0
    /// Bytes of the object as written, gzipped.
    package var compressedBytes = 0
    /// The first and last line's time, in milliseconds since the epoch.
    package var firstTimestamp: Int64?
    package var lastTimestamp: Int64?

    package init() {}
}
