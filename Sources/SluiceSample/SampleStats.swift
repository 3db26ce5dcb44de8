/// What a sample object holds, counted while it was written.
public struct SampleStats: Sendable, Equatable {
    /// Lines written, malformed ones included.
    public var lines = 0
    /// Lines the format's parser refuses.
    public var malformedLines = 0
    /// Good lines the logger cut (HAProxy's 1024 bytes): each keeps its row, flagged `truncated`.
    public var truncatedLines = 0
    /// Good lines whose account the directory does not hold.
    public var unknownAccountLines = 0
    /// CloudWatch `DATA_MESSAGE` documents (zero for `.lines`).
    public var documents = 0
    /// CloudWatch `CONTROL_MESSAGE` documents (zero for `.lines`).
    public var controlMessages = 0
    /// Bytes of the object once inflated.
    public var uncompressedBytes = 0
    /// Bytes of the object as written, gzipped.
    public var compressedBytes = 0
    /// The first and last line's time, in milliseconds since the epoch.
    public var firstTimestamp: Int64?
    public var lastTimestamp: Int64?

    public init() {}
}
