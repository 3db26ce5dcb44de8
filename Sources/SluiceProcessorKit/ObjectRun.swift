import Foundation
import SluiceProcessing

/// One input object through the processor: the lookup keys first (when the pipeline enriches), then the rows,
/// written as they become ready. The same code runs in Lambda and under `sluice process`; only the source,
/// the store and the lookup resolver differ.
public struct ObjectRun<Transform: RecordTransform>: Sendable {
    public let config: ProcessorConfig
    public let transform: Transform
    public let enricher: Enricher?
    /// Bytes fetched from the source at a time.
    public var rangeSize = 4 * 1024 * 1024
    /// Bytes fed to the inflater at a time; what is ready is written after each.
    public var sliceSize = 256 * 1024
    /// The size of every chunk of an output object but its last: S3 parts must be at least 5 MiB.
    public var partSize = 8 * 1024 * 1024

    public init(config: ProcessorConfig, transform: Transform, enricher: Enricher?) {
        self.config = config
        self.transform = transform
        self.enricher = enricher
    }

    /// What a run did, for the log and the invocation's answer.
    public struct Outcome: Sendable {
        public var summary: RunSummary
        /// Lookup keys fetched (not found in the cache).
        public var keysFetched: Int
        /// The objects written, by key.
        public var objects: [String]
    }

    /// Processes the object `inputKey` read from `source` into `store`. On a thrown error, objects begun are
    /// abandoned; those already finished stay, and a retry overwrites them (the keys come from the input key).
    public func run(inputKey: String, source: any ObjectSource, store: any OutputStore) async throws -> Outcome {
        let rows = RecordRows(config: config, transform: transform)
        var table = EnrichmentTable()
        var fetched = 0
        if let enricher {
            let reader = FirehoseObjectReader(format: config.objectFormat)
            var keys: [String: Set<String>] = [:]
            let collect: (ObjectItem) -> Void = { item in
                if case .line(let line, _) = item { rows.collectKeys(line, into: &keys) }
            }
            try await forEachSlice(
                of: source, range: rangeSize, slice: sliceSize, feed: { reader.feed($0, collect) }, afterSlice: {})
            reader.finish(collect)
            (table, fetched) = try await enricher.prepare(keys)
        }
        let enrichment = table
        let processor = ObjectProcessor(inputKey: inputKey, format: config.objectFormat, keys: config.outputKeys) {
            line, _ in rows.row(line, enrichment: enrichment)
        }
        var written: [String] = []
        do {
            try await forEachSlice(
                of: source, range: rangeSize, slice: sliceSize, feed: { processor.feed($0) },
                afterSlice: {
                    for (key, bytes) in processor.takeReady(minimumBytes: partSize) {
                        try await store.append(key: key, bytes: bytes)
                    }
                })
            let (tails, summary) = processor.finish()
            for (key, bytes) in tails {
                try await store.finish(key: key, bytes: bytes)
                written.append(key)
            }
            return Outcome(summary: summary, keysFetched: fetched, objects: written)
        } catch {
            await store.abandon()
            throw error
        }
    }
}
