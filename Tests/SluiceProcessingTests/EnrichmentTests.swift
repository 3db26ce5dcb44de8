import Foundation
import Testing

@testable import SluiceProcessing

/// Answers from a fixed table and records every batch asked for.
final class RecordingResolver: LookupResolver, @unchecked Sendable {
    private let lock = NSLock()
    private var asked: [[String]] = []
    let known: Set<String>

    init(known: Set<String>) { self.known = known }

    var batches: [[String]] { lock.withLock { asked } }

    func fetch(_ lookup: LookupSpec, keys: [String]) async throws -> [String: [String: String?]] {
        lock.withLock { asked.append(keys) }
        var found: [String: [String: String?]] = [:]
        for key in keys where known.contains(key) { found[key] = [lookup.key: key, "name": "name of \(key)"] }
        return found
    }
}

/// A clock a test moves by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds = 0.0
    var now: Double { lock.withLock { seconds } }
    func advance(_ by: Double) { lock.withLock { seconds += by } }
}

let accounts = LookupSpec(
    name: "account", schema: "directory", table: "accounts", key: "account_id", match: "account_id",
    columns: ["name"])

@Suite("Enrichment: batched per object, cached per container")
struct EnrichmentTests {
    @Test("keys missing from the cache are fetched in batches; known and unknown answers are both kept until the TTL")
    func batchesAndCache() async throws {
        let resolver = RecordingResolver(known: Set((0..<200).map { "a-\($0)" }))
        let clock = ManualClock()
        let cache = LookupCache(ttl: 300, clock: { clock.now })
        let enricher = Enricher(lookups: [accounts], cache: cache, resolver: resolver, batchSize: 100)
        let keys = Set((0..<250).map { "a-\($0)" })

        let first = try await enricher.prepare(["account": keys])
        #expect(first.fetched == 250)
        #expect(resolver.batches.map(\.count) == [100, 100, 50])
        #expect(first.table.row("account", key: "a-7") == .some(["account_id": "a-7", "name": "name of a-7"]))
        #expect(first.table.row("account", key: "a-220") == .some(nil))
        #expect(first.table.row("account", key: "never-seen") == nil)

        clock.advance(299)
        let second = try await enricher.prepare(["account": keys])
        #expect(second.fetched == 0 && resolver.batches.count == 3)
        #expect(second.table.row("account", key: "a-220") == .some(nil))

        clock.advance(2)
        let third = try await enricher.prepare(["account": ["a-1"]])
        #expect(third.fetched == 1 && resolver.batches.last == ["a-1"])
    }

    @Test("a batch query has one placeholder a key; keys become quoted literals")
    func batchQuery() {
        #expect(
            accounts.query(catalog: "c")
                == "SELECT \"account_id\", \"name\"\nFROM \"c\".\"directory\".\"accounts\"\nWHERE \"account_id\" IN (?)"
        )
        #expect(accounts.query(catalog: "c", keys: 3).hasSuffix("WHERE \"account_id\" IN (?, ?, ?)"))
        #expect(accounts.query(catalog: "c\"x", keys: 0).contains("FROM \"c\"\"x\"."))
        #expect(LookupSpec.literal("o'brien") == "'o''brien'")
        #expect(LookupSpec.isLookupable("acct-1") && !LookupSpec.isLookupable("") && !LookupSpec.isLookupable("a\u{1}"))
        #expect(!LookupSpec.isLookupable(String(repeating: "x", count: 257)))
    }

    @Test("a directory file answers like Athena, every value as text; a bad file is a clear error")
    func directoryFile() async throws {
        let json =
            #"{"directory.accounts": [{"account_id": "a-1", "name": "One", "seats": 5}, "#
            + #"{"account_id": "a-2", "name": null}]}"#
        let resolver = try DirectoryResolver(json: Array(json.utf8))
        let found = try await resolver.fetch(accounts, keys: ["a-1", "a-2", "a-3"])
        #expect(found["a-1"]?["seats"] == "5" && found["a-2"]?["name"] == .some(nil) && found["a-3"] == nil)
        #expect(throws: DirectoryFileError.self) { try DirectoryResolver(json: Array("[1]".utf8)) }
        #expect(throws: DirectoryFileError.self) { try DirectoryResolver(json: Array(#"{"t": 1}"#.utf8)) }
        #expect(throws: DirectoryFileError.self) { try DirectoryResolver(json: Array(#"{"t": [1]}"#.utf8)) }
        // Numbers keep their text and booleans read as Athena writes them.
        let typed = try DirectoryResolver(
            json: Array(#"{"directory.accounts": [{"account_id": "a", "ratio": 1.50, "big": 1e3, "on": true}]}"#.utf8))
        let row = try #require(try await typed.fetch(accounts, keys: ["a"])["a"])
        #expect(row["ratio"] == "1.50" && row["big"] == "1e3" && row["on"] == "true")
        // A file that is not JSON says where.
        #expect {
            try DirectoryResolver(json: Array("{\n  \"t\": [1,]\n}".utf8))
        } throws: { error in
            "\(error)".hasSuffix("line 2, column 11: expected a value, found ']'")
        }
        let other = LookupSpec(name: "x", schema: "s", table: "missing", key: "k", match: "k", columns: [])
        await #expect(throws: DirectoryFileError.self) { _ = try await resolver.fetch(other, keys: ["k"]) }
    }
}

@Suite("Timestamps")
struct TimestampTests {
    @Test(
        "epoch milliseconds as Athena timestamps and dates, in UTC",
        arguments: [
            (Int64(0), "1970-01-01 00:00:00.000"),
            (1_710_408_413_589, "2024-03-14 09:26:53.589"),
            (951_782_400_000, "2000-02-29 00:00:00.000"),
            (4_107_542_399_999, "2100-02-28 23:59:59.999"),
            (-1, "1969-12-31 23:59:59.999"),
        ])
    func athena(milliseconds: Int64, expected: String) {
        #expect(Timestamps.athena(milliseconds) == expected)
        #expect(Timestamps.date(milliseconds) == String(expected.prefix(10)))
    }
}
