import Foundation
import Testing

@testable import SluiceProcessing

/// The `json` fuzz target's seed corpus (Fuzz/corpus/json), replayed through the same code without libFuzzer.
/// Inputs the fuzzer finds are added there as regression seeds.
@Suite("Fuzz corpus: json lines")
struct JSONFuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fuzz/corpus/json").standardizedFileURL

    @Test("every seed of the json target runs clean, and so does each of its prefixes (a line cut anywhere)")
    func seeds() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        #expect(names.count >= 10)
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent(name)))
            for length in 0...bytes.count {
                #expect(JSONFuzzInput.run(Array(bytes[..<length])) == nil, "\(name), \(length) bytes")
            }
        }
    }
}
