import SluiceProcessing

/// Lays log messages out as Firehose writes its objects, gzipped, and queues the compressed bytes in bounded
/// chunks:
///
/// - `.lines`: one message a line, the whole object one gzip member, as the stream's own GZIP compression writes
///   it after extracting the messages;
/// - `.cloudWatchDocuments`: the subscription's documents back to back with no delimiter, each its own gzip
///   member, as CloudWatch Logs compressed it and Firehose stored it untouched.
final class FirehoseObjectEncoder {
    /// Lines are compressed this many bytes at a time: one call into zlib per line would cost more than the line.
    private static let stagingBytes = 64 * 1024

    private let format: FirehoseObjectFormat
    private var chunks: ChunkQueue
    private let lineWriter = GzipWriter()
    private var staged: [UInt8] = []
    private var documents: CloudWatchDocumentWriter
    private var finished = false

    /// Bytes of the object once inflated, so far.
    private(set) var uncompressedBytes = 0
    private(set) var dataMessages = 0
    private(set) var controlMessages = 0

    init(options: SampleOptions) {
        format = options.objectFormat
        chunks = ChunkQueue(limit: options.chunkBytes)
        documents = CloudWatchDocumentWriter(
            source: options.logSource, seed: options.seed, controlMessageFraction: options.controlMessageFraction)
        staged.reserveCapacity(Self.stagingBytes + 4096)
    }

    func append(_ message: [UInt8], timestamp: Int64) {
        switch format {
        case .lines:
            staged.append(contentsOf: message)
            staged.append(UInt8(ascii: "\n"))
            if staged.count >= Self.stagingBytes { compressStaged() }
        case .cloudWatchDocuments:
            if documents.isEmpty, let control = documents.open(at: timestamp) {
                compressMember(control)
                controlMessages += 1
            }
            documents.append(message, timestamp: timestamp)
            if documents.isFull { closeDocument() }
        }
    }

    /// Ends the object; what is left comes out of `nextChunk()`.
    func finish() {
        guard !finished else { return }
        finished = true
        switch format {
        case .lines:
            compressStaged()
            lineWriter.finish()
            chunks.append(lineWriter.drain())
        case .cloudWatchDocuments:
            if !documents.isEmpty { closeDocument() }
        }
    }

    /// The next chunk of compressed bytes, nil when none is ready (or, after `finish()`, when all were taken).
    func nextChunk() -> [UInt8]? {
        chunks.next(final: finished)
    }

    private func compressStaged() {
        guard !staged.isEmpty else { return }
        uncompressedBytes += staged.count
        lineWriter.write(staged)
        staged.removeAll(keepingCapacity: true)
        chunks.append(lineWriter.drain())
    }

    private func closeDocument() {
        compressMember(documents.close())
        dataMessages += 1
    }

    private func compressMember(_ document: [UInt8]) {
        uncompressedBytes += document.count
        let writer = GzipWriter()
        writer.write(document)
        writer.finish()
        chunks.append(writer.drain())
    }
}
