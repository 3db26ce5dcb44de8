import SluiceRuntime
import Testing

@Suite("Credentials from the environment")
struct AWSCredentialsTests {
    @Test("an environment without keys names both variables")
    func nothingSet() {
        let error = #expect(throws: AWSCredentialsError.self) { try AWSCredentials.fromEnvironment([:]) }
        #expect(error == .missingEnvironmentVariables(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]))
        #expect(
            error?.description
                == "AWS credentials are incomplete: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set (the "
                + "environment needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, plus AWS_SESSION_TOKEN for "
                + "temporary credentials)")
    }

    @Test("an empty secret counts as missing, and only the missing variable is named")
    func emptySecret() {
        #expect(throws: AWSCredentialsError.missingEnvironmentVariables(["AWS_SECRET_ACCESS_KEY"])) {
            try AWSCredentials.fromEnvironment(["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": ""])
        }
    }

    @Test("a complete environment gives the keys and the session token; an empty token is none")
    func complete() throws {
        let environment = ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret"]
        let temporary = try AWSCredentials.fromEnvironment(environment.merging(["AWS_SESSION_TOKEN": "token"]) { $1 })
        #expect(
            temporary == AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "token"))
        let longTerm = try AWSCredentials.fromEnvironment(environment.merging(["AWS_SESSION_TOKEN": ""]) { $1 })
        #expect(longTerm.sessionToken == nil)
    }

    @Test("printing credentials shows the key id only")
    func redacted() {
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "s3cr3t", sessionToken: "t0k3n")
        #expect(
            "\(credentials)"
                == "AWSCredentials(accessKeyID: AKIDEXAMPLE, secretAccessKey: <redacted>, sessionToken: <redacted>)")
        #expect(!String(reflecting: credentials).contains("s3cr3t"))
    }
}
