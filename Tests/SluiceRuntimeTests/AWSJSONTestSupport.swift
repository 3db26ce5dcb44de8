import Foundation

@testable import SluiceRuntime

/// A 200 answer of the JSON 1.0 protocol holding `object`.
func jsonAnswer(_ object: [String: Any]) -> FaultInjectingServer.Reply {
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    return .respond(
        status: 200, headers: ["Content-Type": "application/x-amz-json-1.0"],
        body: String(decoding: data, as: UTF8.self))
}

/// The action an `X-Amz-Target` header names, without its service prefix.
func targetAction(_ request: HTTPMessage) -> String {
    request.header("X-Amz-Target")?.split(separator: ".").last.map(String.init) ?? ""
}

/// A JSON request's body as an object.
func jsonInput(_ request: HTTPMessage) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
}

/// Whether the request carries a SigV4 signature for `service` with the tests' key.
func isSigned(_ request: HTTPMessage, service: String) -> Bool {
    request.header("Authorization")?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKID/") == true
        && request.header("Authorization")?.contains("/eu-west-1/\(service)/aws4_request") == true
        && request.header("X-Amz-Date") != nil
}
