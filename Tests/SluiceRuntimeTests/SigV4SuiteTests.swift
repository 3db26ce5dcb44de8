import Foundation
import SluiceRuntime
import Testing

@Suite("The AWS SigV4 test suite")
struct SigV4SuiteTests {
    /// scripts/test.sh (and so CI) requires the suite; elsewhere, such as a pipeline repository's own CI on
    /// GitHub without the suite beside it, its absence skips this check instead of failing every build.
    @Test(
        "the suite is present",
        .enabled(
            if: ProcessInfo.processInfo.environment["SLUICE_REQUIRE_SIGV4_SUITE"] == "1"
                || !SigV4Suite.headerCaseNames().isEmpty,
            "the AWS SigV4 suite is not beside the repository and SLUICE_REQUIRE_SIGV4_SUITE is not 1"))
    func suiteIsPresent() {
        let count = SigV4Suite.headerCaseNames().count
        #expect(
            count > 0,
            """
            The AWS SigV4 test suite is missing: no case folder with header-* files under \
            \(SigV4Suite.casesFolder.path). Put the suite at ../shared/testdata/aws-sigv4 beside the repository, \
            or set \(SigV4Suite.environmentVariable) to its folder.
            """)
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
