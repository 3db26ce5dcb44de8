import Foundation
import SluiceRuntime

/// The AWS SigV4 test suite (aws-c-auth's `v4` cases), vendored unmodified under `Resources/aws-sigv4` with its
/// license and provenance (see the README there). Read beside this source file, so nothing outside the repository
/// is needed.
enum SigV4Suite {
    /// `Resources/aws-sigv4/v4`, the folder holding the case folders.
    static let casesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Resources/aws-sigv4/v4")

    /// The cases with header-signing expectations, sorted.
    static func headerCaseNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: casesFolder.path)) ?? []
        return names.filter { name in
            SigV4SuiteCase.expectationFiles.allSatisfy { file in
                FileManager.default.fileExists(
                    atPath: casesFolder.appendingPathComponent(name).appendingPathComponent(file).path)
            }
        }
        .sorted()
    }
}

/// One case folder: its context, its request and its expected header-signing results.
struct SigV4SuiteCase {
    static let expectationFiles = [
        "header-canonical-request.txt", "header-string-to-sign.txt", "header-signature.txt",
        "header-signed-request.txt",
    ]

    /// `context.json`; the fields this signer needs (the expiry is for presigned URLs).
    struct Context: Decodable {
        struct Credentials: Decodable {
            let accessKeyId: String
            let secretAccessKey: String
            let token: String?
        }

        let credentials: Credentials
        let region: String
        let service: String
        let timestamp: String
        let normalize: Bool
        let signBody: Bool
        let omitSessionToken: Bool?
    }

    let folder: URL
    let context: Context
    let request: RawHTTPRequest
    let date: Date

    init(named name: String) throws {
        folder = SigV4Suite.casesFolder.appendingPathComponent(name)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        context = try decoder.decode(
            Context.self, from: Data(contentsOf: folder.appendingPathComponent("context.json")))
        request = try RawHTTPRequest(Array(Data(contentsOf: folder.appendingPathComponent("request.txt"))))
        guard let date = ISO8601DateFormatter().date(from: context.timestamp) else {
            throw RawHTTPRequest.ParseError(description: "\(name): bad timestamp '\(context.timestamp)'")
        }
        self.date = date
    }

    /// The signer the context describes: `normalize` and `sign_body` (which in this suite means adding
    /// x-amz-content-sha256) map onto options; the path is double-encoded, as for every service but S3.
    var signer: SigV4Signer {
        let credentials = AWSCredentials(
            accessKeyID: context.credentials.accessKeyId, secretAccessKey: context.credentials.secretAccessKey,
            sessionToken: context.credentials.token)
        let options = SigV4Signer.Options(
            normalizesPath: context.normalize, encodesPathTwice: true, addsContentSHA256Header: context.signBody,
            signsSessionToken: !(context.omitSessionToken ?? false))
        return SigV4Signer(service: context.service, region: context.region, credentials: credentials, options: options)
    }

    /// An expectation file's text, exactly (the suite's files end without a line feed).
    func expected(_ file: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    }
}
