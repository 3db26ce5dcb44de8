import Foundation

/// Signs requests with AWS Signature Version 4 (`AWS4-HMAC-SHA256`) in the Authorization header.
package struct SigV4Signer: Sendable {
    /// The signing name of the service, e.g. `s3`, `athena`, `firehose`.
    package var service: String
    /// The region, e.g. `eu-west-1`.
    package var region: String
    /// The credentials that sign.
    package var credentials: AWSCredentials
    /// How this service wants paths, the payload hash and the session token signed.
    package var options: Options

    /// A signer for one service in one region; `options` defaults to `.s3` for the service `s3` and to
    /// `.standard` for every other.
    package init(service: String, region: String, credentials: AWSCredentials, options: Options? = nil) {
        self.service = service
        self.region = region
        self.credentials = credentials
        self.options = options ?? (service == "s3" ? .s3 : .standard)
    }

    /// The algorithm name that opens the Authorization header and the string to sign.
    package static let algorithm = "AWS4-HMAC-SHA256"
    /// The payload hash that leaves the body out of the signature (S3 only).
    package static let unsignedPayload = "UNSIGNED-PAYLOAD"

    /// Signs `request` as of `date`: replaces any signing headers it already carries, appends the new ones and
    /// returns the result with the intermediate products.
    ///
    /// Every header given is signed except `User-Agent`, `Expect`, `Connection`, `Transfer-Encoding` and
    /// `X-Amzn-Trace-Id`, which clients, proxies and load balancers add or rewrite on the way.
    package func sign(_ request: HTTPRequestParts, at date: Date = Date()) -> SigV4SignedRequest {
        let timestamp = SigV4Timestamp(date)
        let payloadHash = Self.payloadHash(request.payload)

        var signingHeaders: [(header: HTTPRequestParts.Header, signed: Bool)] = []
        if let token = credentials.sessionToken {
            signingHeaders.append((.init("X-Amz-Security-Token", token), options.signsSessionToken))
        }
        signingHeaders.append((.init("X-Amz-Date", timestamp.amzDate), true))
        if options.addsContentSHA256Header {
            signingHeaders.append((.init("x-amz-content-sha256", payloadHash), true))
        }
        // Re-signing a request must not leave the previous signature's headers behind, signed or sent twice.
        let replaced = Set(signingHeaders.map { $0.header.name.lowercased() } + ["authorization"])
        let kept = request.headers.filter { !replaced.contains($0.name.lowercased()) }
        let signed = (kept + signingHeaders.filter(\.signed).map(\.header))
            .filter { !Self.unsignedHeaderNames.contains($0.name.lowercased()) }

        let (headerBlock, signedHeaders) = SigV4Canonicalization.headers(signed)
        let canonicalRequest = [
            request.method,
            SigV4Canonicalization.path(
                request.path, normalizing: options.normalizesPath, encodingTwice: options.encodesPathTwice),
            SigV4Canonicalization.query(request.queryItems),
            headerBlock,
            signedHeaders,
            payloadHash,
        ].joined(separator: "\n")

        let credentialScope = "\(timestamp.day)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            Self.algorithm,
            timestamp.amzDate,
            credentialScope,
            SigV4Crypto.sha256Hex(Array(canonicalRequest.utf8)),
        ].joined(separator: "\n")
        let signingKey = SigV4Crypto.signingKey(
            secretAccessKey: credentials.secretAccessKey, day: timestamp.day, region: region, service: service)
        let signature = SigV4Crypto.hex(SigV4Crypto.hmac(key: signingKey, message: stringToSign))
        let authorization =
            "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(credentialScope), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"

        let added = signingHeaders.map(\.header) + [.init("Authorization", authorization)]
        var signedRequest = request
        signedRequest.headers = kept + added
        return SigV4SignedRequest(
            request: signedRequest, addedHeaders: added, canonicalRequest: canonicalRequest,
            stringToSign: stringToSign, signature: signature, signedHeaders: signedHeaders,
            credentialScope: credentialScope, amzDate: timestamp.amzDate, authorization: authorization)
    }

    /// Headers left out of the signature because something between client and service may add or change them.
    static let unsignedHeaderNames: Set<String> = [
        "user-agent", "expect", "connection", "transfer-encoding", "x-amzn-trace-id",
    ]

    static func payloadHash(_ payload: HTTPRequestParts.Payload) -> String {
        switch payload {
        case .bytes(let bytes): SigV4Crypto.sha256Hex(bytes)
        case .precomputedHash(let hash): hash
        case .unsigned: unsignedPayload
        }
    }
}
