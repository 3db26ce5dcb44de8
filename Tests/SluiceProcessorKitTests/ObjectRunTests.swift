import Foundation
import SluiceProcessing
import Testing

@testable import SluiceProcessorKit

/// The example pipeline's shape, cut down: record fields, two derived columns, one lookup, a date partition.
let config = ProcessorConfig(
    pipeline: "web", processor: "enricher", eventRule: "acme-web-objects", logFormat: .haproxyHTTP,
    input: .init(bucket: "landing", prefix: "raw/web/", format: .lines),
    output: .init(
        bucket: "lake", database: "web", table: "requests", tablePrefix: "tables/requests/",
        quarantinePrefix: "quarantine/requests/",
        columns: [
            .init(name: "status", type: .int), .init(name: "path", type: .string),
            .init(name: "account_id", type: .string), .init(name: "account_name", type: .string),
            .init(name: "seats", type: .int),
        ],
        partitionKeys: [.init(name: "dt", type: .string)], format: .json, compression: .gzip),
    enrichment: .init(
        catalog: "directory", workGroup: "wg", cacheTTLSeconds: 60,
        lookups: [
            .init(
                name: "account", schema: "directory", table: "accounts", key: "account_id", match: "account_id",
                columns: ["account_name", "seats"])
        ]))

/// The account is the first label of the first captured header.
struct HostTransform: RecordTransform {
    let account: ColumnHandle

    init(columns: ColumnLayout) throws { account = try columns.require("account_id") }

    func derive(_ record: HAProxyRecord, into row: inout Columns) throws(LineFailure) {
        guard let host = record.requestHeaders?.first, let label = host.split(separator: ".").first else {
            throw LineFailure("no host")
        }
        row[account] = .string(String(label))
    }
}

func line(_ number: Int, account: String, day: String = "14") -> String {
    "192.0.2.\(number % 250):4862 [\(day)/Mar/2024:09:26:53.589] www~ api/api-2 3/0/1/42/46 200 \(number) - - ---- "
        + "1/1/1/1/0 0/0 {\(account).example.com} \"GET /v1/orders/\(number) HTTP/1.1\""
}

func gzipped(_ text: String) -> [UInt8] {
    let writer = GzipWriter()
    writer.write(Array(text.utf8))
    writer.finish()
    return writer.drain()
}

/// An object in memory, read by range.
struct MemorySource: ObjectSource {
    let bytes: [UInt8]
    func read(offset: Int, length: Int) async throws -> (bytes: [UInt8], size: Int) {
        (Array(bytes[min(offset, bytes.count)..<min(offset + length, bytes.count)]), bytes.count)
    }
}

/// Output chunks kept in memory, with every call recorded; fails on the key it is told to.
final class MemoryStore: OutputStore, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var chunks: [(key: String, size: Int, last: Bool)] = []
    private(set) var objects: [String: [UInt8]] = [:]
    private var pending: [String: [UInt8]] = [:]
    private(set) var abandoned = false
    var failOn: String?

    struct Refused: Error {}

    func append(key: String, bytes: [UInt8]) async throws {
        try lock.withLock {
            if key == failOn { throw Refused() }
            chunks.append((key, bytes.count, false))
            pending[key, default: []] += bytes
        }
    }

    func finish(key: String, bytes: [UInt8]) async throws {
        try lock.withLock {
            if key == failOn { throw Refused() }
            chunks.append((key, bytes.count, true))
            objects[key] = pending.removeValue(forKey: key, default: []) + bytes
        }
    }

    func abandon() async { lock.withLock { abandoned = true } }
}

extension Dictionary {
    fileprivate mutating func removeValue(forKey key: Key, default value: Value) -> Value {
        removeValue(forKey: key) ?? value
    }
}

func rows(_ bytes: [UInt8]) throws -> [[String: Any]] {
    let stream = GzipStream()
    var text: [UInt8] = []
    try bytes.withUnsafeBytes { try stream.feed($0) { text.append(contentsOf: $0) } }
    try stream.finish()
    return try String(decoding: text, as: UTF8.self).split(separator: "\n").map {
        try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
}

@Suite("One object through the processor")
struct ObjectRunTests {
    let resolver = CountingResolver()

    let cache = LookupCache(ttl: 60)

    func run(partSize: Int = 8 << 20, deferLimit: Int = 8 << 20) throws -> ObjectRun<HostTransform> {
        var run = try ObjectRun(
            config: config, transform: HostTransform.self,
            enricher: Enricher(lookups: config.enrichment!.lookups, cache: cache, resolver: resolver))
        run.partSize = partSize
        run.deferLimit = deferLimit
        run.rangeSize = 64 * 1024
        run.sliceSize = 8 * 1024
        return run
    }

    @Test("rows are enriched from one batch per object, typed by column, partitioned by date; misses are quarantined")
    func enrichedRows() async throws {
        let text = [line(1, account: "a-1"), line(2, account: "a-2", day: "15"), line(3, account: "nobody"), "junk"]
            .joined(separator: "\n")
        let store = MemoryStore()
        let outcome = try await run().run(
            inputKey: "raw/web/2024/03/14/web-1.gz", source: MemorySource(bytes: gzipped(text)), store: store)
        #expect(outcome.summary.lines == 4 && outcome.summary.rows == 2 && outcome.summary.quarantined == 2)
        #expect(resolver.calls == 1 && outcome.keysFetched == 3)
        let day14 = try rows(try #require(store.objects["tables/requests/dt=2024-03-14/web-1.json.gz"]))
        #expect(day14.count == 1 && day14[0]["account_name"] as? String == "Name a-1" && day14[0]["seats"] as? Int == 7)
        #expect(day14[0]["status"] as? Int == 200 && day14[0]["path"] as? String == "/v1/orders/1")
        #expect(day14[0]["dt"] == nil, "partition values live in the key, not the rows")
        #expect(store.objects["tables/requests/dt=2024-03-15/web-1.json.gz"] != nil)
        let quarantine = try rows(try #require(store.objects["quarantine/requests/web-1.json.gz"]))
        let reasons = Dictionary(
            uniqueKeysWithValues: quarantine.map { ($0["line"] as? Int ?? 0, $0["reason"] as? String) })
        #expect(
            reasons == [
                3: "no directory.accounts row with account_id = nobody",
                4: "not an HAProxy haproxy-http line: truncated:client_port at byte 4 (the line ends before its "
                    + "accept date was whole: cut by the logger, or not an access-log line)",
            ])
    }

    @Test("a large object leaves in parts of at least the part size, its rows all there and in order")
    func streamsInParts() async throws {
        let count = 40_000
        let text = (0..<count).map { line($0, account: "a-\($0 % 50)") }.joined(separator: "\n")
        let store = MemoryStore()
        let outcome = try await run(partSize: 4 * 1024, deferLimit: 32 * 1024).run(
            inputKey: "raw/web/big.gz", source: MemorySource(bytes: gzipped(text)), store: store)
        #expect(outcome.summary.rows == count && outcome.summary.balanced)
        // Held lines are bounded by the limit, and each key is fetched once however many rounds it takes.
        #expect(outcome.keysFetched == 50 && outcome.lookupRounds >= 1 && outcome.lookupRounds == resolver.calls)
        let key = "tables/requests/dt=2024-03-14/big.json.gz"
        let parts = store.chunks.filter { $0.key == key }
        #expect(parts.count > 3)
        #expect(parts.dropLast().allSatisfy { !$0.last && $0.size >= 4 * 1024 } && parts.last?.last == true)
        let written = try rows(try #require(store.objects[key]))
        #expect(written.count == count)
        #expect(Set(written.compactMap { $0["path"] as? String }).count == count)
    }

    @Test("what one slice inflates is bounded: a small object of many short lines leaves in small chunks")
    func manyShortLines() async throws {
        // Before, 256 KiB slices of a highly compressed object held the quarantine of every line they inflated
        // (52 million lines of a 100 KB object held 147 MB) until the slice ended.
        let text = (0..<200_000).map { "\($0 * 7919 % 1_000_003)" }.joined(separator: "\n")
        var run = try ObjectRun(config: config, transform: HostTransform.self, enricher: nil)
        run.partSize = 64 * 1024
        let store = MemoryStore()
        let outcome = try await run.run(
            inputKey: "raw/web/short.gz", source: MemorySource(bytes: gzipped(text)), store: store)
        #expect(outcome.summary.lines == 200_000 && outcome.summary.quarantined == 200_000 && outcome.summary.balanced)
        let sizes = store.chunks.filter { $0.key.hasPrefix("quarantine/") }.map(\.size)
        #expect(sizes.count > 10 && sizes.allSatisfy { $0 < 256 * 1024 }, "\(sizes.max() ?? 0)")
    }

    @Test("a warm container answers from its cache: no query, no line held")
    func warmCache() async throws {
        let text = (0..<1000).map { line($0, account: "a-\($0 % 5)") }.joined(separator: "\n")
        let first = try await run().run(
            inputKey: "raw/web/1.gz", source: MemorySource(bytes: gzipped(text)), store: MemoryStore())
        #expect(first.keysFetched == 5 && first.lookupRounds == 1)
        let second = try await run(deferLimit: 0).run(
            inputKey: "raw/web/2.gz", source: MemorySource(bytes: gzipped(text)), store: MemoryStore())
        #expect(second.keysFetched == 0 && second.lookupRounds == 0 && second.summary.rows == 1000)
        #expect(resolver.calls == 1)
    }

    @Test("a failed write abandons what was begun and fails the run")
    func failedWrite() async throws {
        let text = (0..<20_000).map { line($0, account: "a-1") }.joined(separator: "\n")
        let store = MemoryStore()
        store.failOn = "tables/requests/dt=2024-03-14/x.json.gz"
        await #expect(throws: MemoryStore.Refused.self) {
            _ = try await run(partSize: 16 * 1024).run(
                inputKey: "raw/web/x.gz", source: MemorySource(bytes: gzipped(text)), store: store)
        }
        #expect(store.abandoned)
    }

    @Test("lookups that cannot be answered fail the run before anything is written")
    func failedLookup() async throws {
        let failing = try ObjectRun(
            config: config, transform: HostTransform.self,
            enricher: Enricher(
                lookups: config.enrichment!.lookups, cache: LookupCache(ttl: 60), resolver: FailingResolver()))
        let store = MemoryStore()
        await #expect(throws: FailingResolver.Unavailable.self) {
            _ = try await failing.run(
                inputKey: "raw/web/x.gz", source: MemorySource(bytes: gzipped(line(1, account: "a-1"))), store: store)
        }
        #expect(store.chunks.isEmpty)
    }
}

final class CountingResolver: LookupResolver, @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var calls: Int { lock.withLock { count } }

    func fetch(_ lookup: LookupSpec, keys: [String]) async throws -> [String: [String: String?]] {
        lock.withLock { count += 1 }
        var found: [String: [String: String?]] = [:]
        for key in keys where key.hasPrefix("a-") {
            found[key] = ["account_id": key, "account_name": "Name \(key)", "seats": "7"]
        }
        return found
    }
}

struct FailingResolver: LookupResolver {
    struct Unavailable: Error {}
    func fetch(_ lookup: LookupSpec, keys: [String]) async throws -> [String: [String: String?]] { throw Unavailable() }
}
