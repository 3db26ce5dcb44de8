import Foundation

/// Where a service's requests go: AWS's regional endpoint, or an override for a local stand-in (moto) read
/// from the SDKs' own variables, `AWS_ENDPOINT_URL_<SERVICE>` then `AWS_ENDPOINT_URL`.
package struct AWSEndpoint: Sendable, Equatable {
    /// Scheme, host and port, no path.
    package var base: URL
    /// Whether the endpoint was overridden: S3 then addresses buckets by path, since a local server has no
    /// per-bucket host names.
    package var isOverride: Bool

    package init(base: URL, isOverride: Bool) {
        self.base = base
        self.isOverride = isOverride
    }

    /// The endpoint of `service` (`s3`, `athena`) in `region`.
    package static func resolve(
        service: String, region: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> AWSEndpoint {
        let specific = "AWS_ENDPOINT_URL_\(service.uppercased())"
        for name in [specific, "AWS_ENDPOINT_URL"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            guard let url = URL(string: value), let scheme = url.scheme, ["http", "https"].contains(scheme),
                url.host != nil
            else { throw AWSConfigurationError("\(name) is not an http(s) URL: \(value)") }
            return AWSEndpoint(base: url, isOverride: true)
        }
        return AWSEndpoint(base: URL(string: "https://\(service).\(region).amazonaws.com")!, isOverride: false)
    }

    /// The region from `AWS_REGION` (which Lambda sets) or `AWS_DEFAULT_REGION`.
    package static func region(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> String
    {
        for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let value = environment[name], !value.isEmpty { return value }
        }
        throw AWSConfigurationError("no region: set AWS_REGION")
    }

    /// `host[:port]` of `base`, as the Host header and the signature carry it.
    var hostHeader: String {
        let host = base.host ?? ""
        guard let port = base.port else { return host }
        let isDefault = (base.scheme == "https" && port == 443) || (base.scheme == "http" && port == 80)
        return isDefault ? host : "\(host):\(port)"
    }
}

/// A setting the AWS clients cannot work with.
package struct AWSConfigurationError: Error, Sendable, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
