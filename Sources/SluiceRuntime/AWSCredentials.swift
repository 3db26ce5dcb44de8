import Foundation

/// The key pair (and, for temporary credentials, the session token) that signs requests to AWS.
package struct AWSCredentials: Sendable, Equatable {
    /// The environment variables `fromEnvironment` reads; Lambda sets all three for the function's role.
    package enum EnvironmentVariable {
        package static let accessKeyID = "AWS_ACCESS_KEY_ID"
        package static let secretAccessKey = "AWS_SECRET_ACCESS_KEY"
        package static let sessionToken = "AWS_SESSION_TOKEN"
    }

    /// The access key id, e.g. `AKIDEXAMPLE`; it names the key and appears in the Authorization header.
    package var accessKeyID: String
    /// The secret access key; it never leaves the process, only keys derived from it do.
    package var secretAccessKey: String
    /// The session token of temporary credentials (an assumed role, Lambda's execution role), or nil.
    package var sessionToken: String?

    /// Credentials from their parts; an empty session token counts as none.
    package init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken?.isEmpty == true ? nil : sessionToken
    }

    /// Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and the optional `AWS_SESSION_TOKEN`.
    ///
    /// An empty variable counts as unset, since a blank key would only fail later, at AWS, with a less helpful
    /// message than this one.
    /// - Throws: `AWSCredentialsError.missingEnvironmentVariables` naming every required variable that is unset.
    package static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(AWSCredentialsError) -> AWSCredentials {
        func value(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        let accessKeyID = value(EnvironmentVariable.accessKeyID)
        let secretAccessKey = value(EnvironmentVariable.secretAccessKey)
        guard let accessKeyID, let secretAccessKey else {
            let missing = [
                accessKeyID == nil ? EnvironmentVariable.accessKeyID : nil,
                secretAccessKey == nil ? EnvironmentVariable.secretAccessKey : nil,
            ]
            throw .missingEnvironmentVariables(missing.compactMap { $0 })
        }
        return AWSCredentials(
            accessKeyID: accessKeyID, secretAccessKey: secretAccessKey,
            sessionToken: value(EnvironmentVariable.sessionToken))
    }
}

// Credentials end up in log lines through string interpolation; keep the secret and the token out of them.
extension AWSCredentials: CustomStringConvertible, CustomDebugStringConvertible {
    /// The access key id, with the secret and the session token redacted.
    package var description: String {
        "AWSCredentials(accessKeyID: \(accessKeyID), secretAccessKey: <redacted>"
            + (sessionToken == nil ? ")" : ", sessionToken: <redacted>)")
    }

    /// The same as `description`.
    package var debugDescription: String { description }
}
