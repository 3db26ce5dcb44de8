/// A signed request together with the intermediate products of signing, which tests compare with AWS's and which
/// explain a `SignatureDoesNotMatch` (AWS returns its own canonical request and string to sign in that error).
package struct SigV4SignedRequest: Sendable, Equatable {
    /// The request with the signing headers appended: `X-Amz-Security-Token` (with a session token),
    /// `X-Amz-Date`, `x-amz-content-sha256` (when the options add it) and `Authorization`.
    package let request: HTTPRequestParts
    /// The headers the signer appended, in the order they were appended.
    package let addedHeaders: [HTTPRequestParts.Header]
    /// The canonical request, the first product of signing.
    package let canonicalRequest: String
    /// The string to sign: algorithm, time, credential scope and the hash of the canonical request.
    package let stringToSign: String
    /// The signature, lower-case hex.
    package let signature: String
    /// The names of the signed headers, lower case, separated by `;`.
    package let signedHeaders: String
    /// `day/region/service/aws4_request`.
    package let credentialScope: String
    /// The signing time as X-Amz-Date renders it, `yyyyMMdd'T'HHmmss'Z'`.
    package let amzDate: String
    /// The value of the Authorization header.
    package let authorization: String
}
