import Testing

@testable import SluiceModel

@Suite("ARNs composed from names, in one place")
struct ARNTests {
    static let account = Account(
        name: "analytics", id: "222222222222", region: "eu-west-1",
        deployRole: "arn:aws:iam::222222222222:role/sluice-deploy",
        origin: Origin(SourceLocation(file: "pipelines/sluice.yaml", line: 1, column: 1)))

    @Test("each shape AWS documents: global S3 and IAM, regional services with the account's region and id")
    func shapes() {
        let account = Self.account
        #expect(ARN.bucket("acme-raw").description == "arn:aws:s3:::acme-raw")
        #expect(
            ARN.role("replicator", accountID: "111111111111").description == "arn:aws:iam::111111111111:role/replicator"
        )
        #expect(ARN.accountRoot("111111111111").description == "arn:aws:iam::111111111111:root")
        #expect(
            ARN.function("acme-web", in: account).description
                == "arn:aws:lambda:eu-west-1:222222222222:function:acme-web")
        #expect(
            ARN.logGroup("/aws-glue/crawlers*", in: account).description
                == "arn:aws:logs:eu-west-1:222222222222:log-group:/aws-glue/crawlers*")
        #expect(ARN.glue("table/db/t", in: account).description == "arn:aws:glue:eu-west-1:222222222222:table/db/t")
        #expect(
            ARN.quickSight("group", "default/analysts", in: account).description
                == "arn:aws:quicksight:eu-west-1:222222222222:group/default/analysts")
    }
}
