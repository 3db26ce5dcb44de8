import Foundation
import Testing

@testable import SluiceProcessing

/// The `firehose` fuzz target's seed corpus (Fuzz/corpus/firehose), replayed through the same code without
/// libFuzzer: every object balances. Crashes the fuzzer finds are added here as regression inputs.
@Suite("Fuzz corpus: Firehose objects")
struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fuzz/corpus/firehose").standardizedFileURL

    @Test("every seed of the firehose target balances")
    func seeds() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        #expect(names.count >= 10)
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent(name)))
            #expect(ObjectFuzzInput.run(bytes) == nil, "\(name)")
        }
    }

    @Test("every seed, its rows written as Parquet (bit 6 of the first byte), re-reads whole, and as JSON")
    func seedsBothFormats() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        for name in names {
            var bytes = try [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent(name)))
            guard !bytes.isEmpty else { continue }
            for lake: UInt8 in [0, 0x40] {
                bytes[0] = bytes[0] & ~0x40 | lake
                #expect(ObjectFuzzInput.run(bytes) == nil, "\(name), first byte \(bytes[0])")
            }
        }
        // Two partitions, many row groups: the seeds are small, so one object of many lines as well.
        let lines = (0..<5000).map { "line \($0) " + String(repeating: "x", count: $0 % 37) }.joined(separator: "\n")
        #expect(ObjectFuzzInput.run([0x42 | 3 << 2] + Array(lines.utf8)) == nil)
    }
}
