import Foundation
import Testing

@Suite("SigV4 differential corpus (checked against botocore by Tests/tools/test_sigv4_botocore.py)")
struct SigV4DifferentialTests {
    /// Where Tests/tools/test_sigv4_botocore.py asks for the corpus; it runs this test with the variable set.
    static let outputVariable = "SLUICE_SIGV4_CORPUS_OUT"
    static let seed: UInt64 = 0x5157_4956_3444_4946
    static let count = 600

    @Test("the corpus is deterministic, and written where the botocore comparison asks")
    func corpus() throws {
        var first = SigV4DifferentialCorpus(seed: Self.seed)
        var second = SigV4DifferentialCorpus(seed: Self.seed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let cases = first.cases(Self.count)
        let json = try encoder.encode(cases)
        #expect(json == (try encoder.encode(second.cases(Self.count))))
        #expect(Set(cases.map(\.service)).count == SigV4DifferentialCorpus.services.count)
        #expect(cases.allSatisfy { $0.authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=") })
        if let path = ProcessInfo.processInfo.environment[Self.outputVariable], !path.isEmpty {
            try json.write(to: URL(fileURLWithPath: path))
        }
    }
}
