/// Compressed bytes waiting for the sink, handed out in chunks of at most `limit` bytes, so memory holds one
/// chunk and what one compression step produced, whatever the object's size.
struct ChunkQueue {
    let limit: Int
    private var pending: [UInt8] = []
    /// Bytes of `pending` already handed out.
    private var start = 0

    init(limit: Int) {
        self.limit = limit
    }

    mutating func append(_ bytes: [UInt8]) {
        pending.append(contentsOf: bytes)
    }

    /// The next full chunk; with `final`, also a last, shorter one.
    mutating func next(final: Bool) -> [UInt8]? {
        let available = pending.count - start
        guard available >= limit || (final && available > 0) else {
            if start > 0 {
                pending.removeFirst(start)
                start = 0
            }
            return nil
        }
        let end = start + min(limit, available)
        let chunk = Array(pending[start..<end])
        start = end
        if start == pending.count {
            pending.removeAll(keepingCapacity: true)
            start = 0
        }
        return chunk
    }
}
