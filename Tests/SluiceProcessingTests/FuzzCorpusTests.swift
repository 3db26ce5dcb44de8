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
}
