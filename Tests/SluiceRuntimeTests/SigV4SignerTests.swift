import Foundation
import Testing

@testable import SluiceRuntime

@Suite("SigV4 signing beyond the AWS suite")
struct SigV4SignerTests {
    static let credentials = AWSCredentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let date = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z, the suite's time
    static let get = HTTPRequestParts(method: "GET", path: "/", headers: [.init("Host", "example.amazonaws.com")])

    @Test("the signing key of AWS's documented example")
    func signingKey() {
        let key = SigV4Crypto.signingKey(
            secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", day: "20120215", region: "us-east-1",
            service: "iam")
        #expect(SigV4Crypto.hex(key) == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    @Test("a session token is sent and signed, or sent only")
    func sessionToken() {
        var credentials = Self.credentials
        credentials.sessionToken = "token/+="
        let signed = SigV4Signer(service: "athena", region: "eu-west-1", credentials: credentials)
            .sign(Self.get, at: Self.date)
        #expect(signed.addedHeaders.map(\.name) == ["X-Amz-Security-Token", "X-Amz-Date", "Authorization"])
        #expect(signed.request.values(forHeader: "x-amz-security-token") == ["token/+="])
        #expect(signed.signedHeaders == "host;x-amz-date;x-amz-security-token")
        #expect(signed.canonicalRequest.contains("\nx-amz-security-token:token/+=\n"))

        let unsignedToken = SigV4Signer(
            service: "iotdevicegateway", region: "eu-west-1", credentials: credentials,
            options: .init(signsSessionToken: false)
        ).sign(Self.get, at: Self.date)
        #expect(unsignedToken.request.values(forHeader: "X-Amz-Security-Token") == ["token/+="])
        #expect(unsignedToken.signedHeaders == "host;x-amz-date")
    }

    @Test("S3 signs AWS's documented GET Object example")
    func s3DocumentedExample() {
        let credentials = AWSCredentials(
            accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
        let request = HTTPRequestParts(
            method: "GET", path: "/test.txt",
            headers: [.init("Host", "examplebucket.s3.amazonaws.com"), .init("Range", "bytes=0-9")])
        let signed = SigV4Signer(service: "s3", region: "us-east-1", credentials: credentials)
            .sign(request, at: Date(timeIntervalSince1970: 1_369_353_600))  // 2013-05-24T00:00:00Z
        let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        #expect(signed.request.values(forHeader: "x-amz-content-sha256") == [emptyHash])
        #expect(signed.signedHeaders == "host;range;x-amz-content-sha256;x-amz-date")
        #expect(signed.signature == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test("an S3 streaming upload signs UNSIGNED-PAYLOAD and the key as sent, encoded once")
    func s3UnsignedPayload() {
        let request = HTTPRequestParts(
            method: "PUT", path: "/lake/year=2025/a%20b+c/./x.gz",
            headers: [.init("Host", "s3.eu-west-1.amazonaws.com")], payload: .unsigned)
        let signed = SigV4Signer(service: "s3", region: "eu-west-1", credentials: Self.credentials)
            .sign(request, at: Self.date)
        let lines = signed.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "/lake/year%3D2025/a%20b%2Bc/./x.gz")
        #expect(lines.last == "UNSIGNED-PAYLOAD")
        #expect(signed.canonicalRequest.contains("\nx-amz-content-sha256:UNSIGNED-PAYLOAD\n"))
        #expect(signed.request.values(forHeader: "x-amz-content-sha256") == ["UNSIGNED-PAYLOAD"])
    }

    @Test("other services normalize the path and encode its escapes again")
    func doubleEncoding() {
        let path = SigV4Canonicalization.path("/a%20b//./c/../d", normalizing: true, encodingTwice: true)
        #expect(path == "/a%2520b/d")
    }

    @Test(
        "path normalization removes dot and empty segments",
        arguments: [
            ("", "/"), ("/", "/"), ("a/b", "/a/b"), ("/a/b/..", "/a/"), ("/a/./b/", "/a/b/"), ("/../a", "/a"),
            ("//a//b", "/a/b"),
        ])
    func normalization(path: String, normalized: String) {
        #expect(SigV4Canonicalization.normalizedPath(path) == normalized)
    }

    @Test("query items are encoded, then sorted by name and value; a bare key gets an empty value")
    func query() {
        let items: [HTTPRequestParts.QueryItem] = [
            .init("b", "2"), .init("a", "z"), .init("a", "y"), .init("acl", nil), .init("k", "a b+c/é"),
        ]
        #expect(SigV4Canonicalization.query(items) == "a=y&a=z&acl=&b=2&k=a%20b%2Bc%2F%C3%A9")
    }

    @Test("signing again replaces the previous signature's headers, and proxy-rewritten headers stay unsigned")
    func resigning() {
        var request = Self.get
        request.headers.append(.init("User-Agent", "sluice"))
        let signer = SigV4Signer(service: "firehose", region: "eu-west-1", credentials: Self.credentials)
        let first = signer.sign(request, at: Self.date)
        let second = signer.sign(first.request, at: Self.date.addingTimeInterval(60))
        #expect(second.request.values(forHeader: "Authorization") == [second.authorization])
        #expect(second.request.values(forHeader: "X-Amz-Date") == ["20150830T123700Z"])
        #expect(second.request.values(forHeader: "User-Agent") == ["sluice"])
        #expect(second.signedHeaders == "host;x-amz-date")
    }

    @Test("the signing time is rendered in UTC, seconds truncated")
    func timestamp() {
        let leapDay = SigV4Timestamp(Date(timeIntervalSince1970: 1_709_251_199.75))  // 2024-02-29T23:59:59.75Z
        #expect(leapDay.amzDate == "20240229T235959Z")
        #expect(leapDay.day == "20240229")
    }
}
