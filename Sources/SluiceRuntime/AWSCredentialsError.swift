import Foundation

/// Why credentials could not be loaded.
package enum AWSCredentialsError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// Required environment variables are unset or empty; the names, in the order the loader checks them.
    case missingEnvironmentVariables([String])

    /// A message naming what is missing and what the loader expects.
    package var description: String {
        switch self {
        case .missingEnvironmentVariables(let names):
            let list = names.joined(separator: " and ")
            let verb = names.count == 1 ? "is" : "are"
            return "AWS credentials are incomplete: \(list) \(verb) not set (the environment needs "
                + "\(AWSCredentials.EnvironmentVariable.accessKeyID) and "
                + "\(AWSCredentials.EnvironmentVariable.secretAccessKey), plus "
                + "\(AWSCredentials.EnvironmentVariable.sessionToken) for temporary credentials)"
        }
    }

    /// The same as `description`, so `localizedDescription` carries the names too.
    package var errorDescription: String? { description }
}
