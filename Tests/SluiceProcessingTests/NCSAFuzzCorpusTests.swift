import Foundation
import Testing

@testable import SluiceProcessing

/// The `ncsa` fuzz target's seed corpus (Fuzz/corpus/ncsa), replayed through the parser without libFuzzer:
/// every seed parses or fails with a reason, in both layouts, and its text is valid UTF-8. Crashes the fuzzer
/// finds are added there as regression inputs.
@Suite("Fuzz corpus: NCSA lines")
struct NCSAFuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fuzz/corpus/ncsa").standardizedFileURL

    @Test("every seed of the ncsa target parses or fails with a reason, in both layouts")
    func seeds() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        #expect(names.count >= 10)
        var parsed = 0
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent(name)))
            for layout in NCSALayout.allCases {
                switch NCSAParser.parse(bytes, layout: layout) {
                case .success(let record):
                    parsed += 1
                    #expect(record.truncated == (record.cutAway != nil), "\(name)")
                case .failure(let failure):
                    #expect(!failure.description.isEmpty, "\(name)")
                }
            }
        }
        #expect(parsed >= 10)
    }
}
