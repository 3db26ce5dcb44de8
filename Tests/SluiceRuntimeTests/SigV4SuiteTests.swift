import Foundation
import SluiceRuntime
import Testing

@Suite("The AWS SigV4 test suite")
struct SigV4SuiteTests {
    /// The vendored suite is part of the repository; this guards against a parametrized test over no cases
    /// (which would pass silently) if the folder moved.
    @Test("every vendored case with header expectations is found")
    func vendoredCasesAreFound() {
        #expect(
            SigV4Suite.headerCaseNames().count >= 30,
            "the vendored SigV4 suite is missing or incomplete under \(SigV4Suite.casesFolder.path)")
    }

    /// Apache-2.0 asks that copies keep the license and the notice with the files.
    @Test("the suite's license and notice are vendored with it")
    func licenseIsVendored() {
        let folder = SigV4Suite.casesFolder.deletingLastPathComponent()
        for name in ["LICENSE", "NOTICE", "README.md"] {
            let file = folder.appendingPathComponent(name)
            #expect(FileManager.default.fileExists(atPath: file.path), "\(file.path) is missing")
        }
    }

    @Test(
        "header signing matches AWS's canonical request, string to sign, signature and signed request",
        arguments: SigV4Suite.headerCaseNames())
    func headerSigning(caseName: String) throws {
        let suiteCase = try SigV4SuiteCase(named: caseName)
        let signed = suiteCase.signer.sign(suiteCase.request.parts, at: suiteCase.date)

        #expect(signed.canonicalRequest == (try suiteCase.expected("header-canonical-request.txt")))
        #expect(signed.stringToSign == (try suiteCase.expected("header-string-to-sign.txt")))
        #expect(signed.signature == (try suiteCase.expected("header-signature.txt")))
        // The signed request is the original one with the signing headers appended as "Name:value" lines.
        let addedLines = signed.addedHeaders.map { "\($0.name):\($0.value)\n" }.joined()
        let signedRequest =
            suiteCase.request.head + addedLines + "\n" + String(decoding: suiteCase.request.body, as: UTF8.self)
        #expect(signedRequest == (try suiteCase.expected("header-signed-request.txt")))
    }
}
