extension SigV4Signer {
    /// The places where services differ in what they sign. `standard` suits most services, `s3` suits S3.
    package struct Options: Sendable, Equatable {
        /// Removes `.` and `..` segments and empty segments (`//`) from the path before encoding it. S3 must not:
        /// there, `a/./b` is a key of its own.
        package var normalizesPath: Bool
        /// Encodes the (already encoded) wire path once more, as every service but S3 expects; S3 signs the path
        /// encoded once.
        package var encodesPathTwice: Bool
        /// Adds and signs `x-amz-content-sha256` with the payload hash; S3 requires it, and it is how S3 learns a
        /// payload is `UNSIGNED-PAYLOAD`.
        package var addsContentSHA256Header: Bool
        /// Signs `X-Amz-Security-Token`. A few services (IoT's WebSocket endpoint, for one) want the token added
        /// to the request but left out of the signature; the header is sent either way.
        package var signsSessionToken: Bool

        /// Options from their parts; the defaults are `standard`'s.
        package init(
            normalizesPath: Bool = true, encodesPathTwice: Bool = true, addsContentSHA256Header: Bool = false,
            signsSessionToken: Bool = true
        ) {
            self.normalizesPath = normalizesPath
            self.encodesPathTwice = encodesPathTwice
            self.addsContentSHA256Header = addsContentSHA256Header
            self.signsSessionToken = signsSessionToken
        }

        /// Normalized, double-encoded path; no content hash header.
        package static let standard = Options()

        /// The path as sent (single encoding, no normalization) and the `x-amz-content-sha256` header.
        package static let s3 = Options(normalizesPath: false, encodesPathTwice: false, addsContentSHA256Header: true)
    }
}
