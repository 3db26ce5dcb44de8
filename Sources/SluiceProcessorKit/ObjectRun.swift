import Foundation
import SluiceProcessing

/// One input object through the processor, in one pass: rows whose lookups the container already knows are
/// written at once; the others wait (their lines held, up to `deferLimit` bytes) until one batch query per
/// lookup answers every key they need. A warm container runs no query at all; a cold one a few per object,
/// however large. The same code runs in Lambda and under `sluice process`; only the source, the store and
/// the lookup resolver differ.
package struct ObjectRun<Transform: RecordTransform>: Sendable {
    package let config: ProcessorConfig
    package let layout: ColumnLayout
    package let transform: Transform
    package let enricher: Enricher?
    /// Bytes fetched from the source at a time.
    package var rangeSize = ObjectTransferSizes.rangeBytes
    /// Bytes fed to the inflater at a time; what is ready is written after each. Small, because what one slice
    /// produces is held until it ends: deflate expands up to 1032 times, so 4 KiB of input is at most about
    /// 4 MiB of lines and their quarantine records, however many lines that is (a 100 KB object of 52 million
    /// short lines held its whole 147 MB quarantine with 256 KiB slices).
    package var sliceSize = 4 * 1024
    /// The size of every chunk of an output object but its last: S3 parts must be at least 5 MiB. Each object
    /// being written holds up to this much, so it is also what bounds memory.
    package var partSize = ObjectTransferSizes.partBytes
    /// The bytes of lines held for their lookups before a query answers them.
    package var deferLimit = 4 * 1024 * 1024

    /// A run of `config`'s objects through `transform`, made for `layout` (`ColumnLayout(config.output)`).
    /// Throws when they do not fit together (see `ProcessorError.configuration`), so a processor fails at start,
    /// not on its first object.
    package init(config: ProcessorConfig, layout: ColumnLayout, transform: Transform, enricher: Enricher?) throws {
        self.config = config
        self.layout = layout
        self.transform = transform
        self.enricher = enricher
        _ = try RecordRowsFactory.make(config: config, layout: layout, transform: transform)
        _ = try RowWriters.make(config.output).get()
    }

    /// A run with a transform made for the configuration's table.
    package init(config: ProcessorConfig, transform: Transform.Type, enricher: Enricher?) throws {
        let layout = ColumnLayout(config.output)
        let made: Transform
        do {
            made = try Transform(columns: layout)
        } catch {
            throw ProcessorError.configuration("\(error)")
        }
        try self.init(config: config, layout: layout, transform: made, enricher: enricher)
    }

    /// What a run did, for the log and the invocation's answer.
    package struct Outcome: Sendable {
        package var summary: RunSummary
        /// Lookup keys fetched (not found in the cache).
        package var keysFetched: Int
        /// Lookup queries run (batches).
        package var lookupRounds: Int
        /// The objects written, by key.
        package var objects: [String]
    }

    /// Processes the object `inputKey` read from `source` into `store`. On a thrown error, objects begun are
    /// abandoned; those already finished stay, and a retry overwrites them (the keys come from the input key).
    package func run(inputKey: String, source: any ObjectSource, store: any OutputStore) async throws -> Outcome {
        let rows = try RecordRowsFactory.make(config: config, layout: layout, transform: transform)
        let writer = try RowWriters.make(config.output).get()
        let answers = enricher.map(LookupAnswers.init)
        let processor = ObjectProcessor(
            inputKey: inputKey, format: config.objectFormat, keys: config.outputKeys, writer: writer
        ) { line, _ in
            guard let answers else { return rows.row(line, answer: { _, _ in .some(nil) }) }
            return rows.row(line, answer: answers.answer)
        }
        var written: [String] = []
        do {
            try await forEachSlice(
                of: source, range: rangeSize, slice: sliceSize, feed: { processor.feed($0) },
                afterSlice: {
                    if let answers, processor.deferredBytes >= deferLimit {
                        try await answers.resolve()
                        processor.retryDeferred()
                    }
                    for (key, bytes) in processor.takeReady(minimumBytes: partSize) {
                        try await store.append(key: key, bytes: bytes)
                    }
                })
            processor.endInput()
            if let answers, processor.hasDeferred {
                try await answers.resolve()
                processor.retryDeferred()
            }
            let (tails, summary) = processor.finish()
            for (key, bytes) in tails {
                try await store.finish(key: key, bytes: bytes)
                written.append(key)
            }
            return Outcome(
                summary: summary, keysFetched: answers?.fetched ?? 0, lookupRounds: answers?.rounds ?? 0,
                objects: written)
        } catch {
            await store.abandon()
            throw error
        }
    }
}

/// The lookup answers of one object: those it has used, the container's cache, and the keys still to ask for.
final class LookupAnswers: @unchecked Sendable {
    let enricher: Enricher
    /// The names of the enricher's lookups, and the answers the object has used, by key, at the same positions:
    /// a row finds its lookup by comparing names (the same few strings every row) and hashes only the key, where
    /// a table keyed by lookup name and then key hashed both (a tenth of a run went to String hashing).
    private let names: [String]
    private var known: [[String: [String: String?]?]]
    private var pending: [String: Set<String>] = [:]
    private(set) var fetched = 0
    private(set) var rounds = 0

    init(_ enricher: Enricher) {
        self.enricher = enricher
        names = enricher.lookups.map(\.name)
        known = Array(repeating: [:], count: names.count)
    }

    /// The answer for a key if known, remembering it for the rest of the object (so the object's rows agree even
    /// if the cache expires halfway); otherwise nil, and the key is asked for at the next `resolve`.
    func answer(_ lookup: String, _ key: String) -> [String: String?]?? {
        let position = names.firstIndex(of: lookup)
        if let position, let row = known[position][key] { return row }
        if let cached = enricher.cache.lookUp(lookup, key: key) {
            if let position { known[position][key] = .some(cached) }
            return .some(cached)
        }
        pending[lookup, default: []].insert(key)
        return nil
    }

    /// Asks for every pending key, one batch per lookup.
    func resolve() async throws {
        guard !pending.isEmpty else { return }
        let (answers, count) = try await enricher.prepare(pending)
        for (position, name) in names.enumerated() {
            known[position].merge(answers.answers[name] ?? [:]) { _, new in new }
        }
        pending.removeAll()
        fetched += count
        rounds += 1
    }
}
