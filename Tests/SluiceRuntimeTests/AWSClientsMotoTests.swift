import Foundation
import SluiceJSON
import Testing

@testable import SluiceRuntime

/// The moto server the clients are checked against by hand (`SLUICE_MOTO_ENDPOINT=http://127.0.0.1:PORT`); the
/// suite is skipped without it, since CI's moto tests run through `sluice` itself (the OPS commands).
private let motoEndpoint = ProcessInfo.processInfo.environment["SLUICE_MOTO_ENDPOINT"]

private func credentials() -> AWSCredentials { AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing") }

@Suite("The AWS clients against a moto server", .enabled(if: motoEndpoint != nil))
struct AWSClientsMotoTests {
    let transport = URLSessionTransport(timeout: 10)
    let run = UUID().uuidString.prefix(8).lowercased()

    @Test("SQS: create, send, depth, receive, put back, receive again, delete; a missing queue is decoded")
    func sqs() async throws {
        let sqs = try SQSClient.explicit(
            credentials: credentials(), region: "eu-west-1", endpoint: motoEndpoint, transport: transport)
        let created = try await sqs.rpc.call("CreateQueue", ["QueueName": .string("dlq-\(run)")])
        let url = try await sqs.queueURL(name: "dlq-\(run)")
        #expect(created["QueueUrl"]?.stringValue == url)
        let id = try await sqs.sendMessage(queueURL: url, body: #"{"key":"a b+c"}"#)
        #expect(try await sqs.approximateMessages(queueURL: url) == .init(visible: 1, inFlight: 0, delayed: 0))
        let first = try await sqs.receiveMessages(queueURL: url, maxMessages: 10, waitSeconds: 0, visibilityTimeout: 30)
        #expect(first.map(\.messageID) == [id] && first.first?.body == #"{"key":"a b+c"}"#)
        #expect(first.first?.receiveCount == 1)
        #expect(try await sqs.approximateMessages(queueURL: url) == .init(visible: 0, inFlight: 1, delayed: 0))
        try await sqs.changeMessageVisibility(queueURL: url, receiptHandle: first[0].receiptHandle, timeout: 0)
        let again = try await sqs.receiveMessages(queueURL: url, maxMessages: 1)
        #expect(again.map(\.messageID) == [id] && again.first?.receiveCount == 2)
        try await sqs.deleteMessage(queueURL: url, receiptHandle: again[0].receiptHandle)
        #expect(try await sqs.approximateMessages(queueURL: url).total == 0)
        await #expect {
            _ = try await sqs.queueURL(name: "missing-\(run)")
        } throws: { error in (error as? AWSServiceError)?.code == "QueueDoesNotExist" }
    }

    @Test("CloudWatch: an alarm described, set to ALARM and described again; metric data read back")
    func cloudWatch() async throws {
        let cloudWatch = try CloudWatchClient.explicit(
            credentials: credentials(), region: "eu-west-1", endpoint: motoEndpoint, transport: transport)
        let name = "p-\(run)-no-rows"
        let dimensions: JSONValue = [["Name": "Pipeline", "Value": .string(run)]]
        _ = try await cloudWatch.rpc.call(
            "PutMetricAlarm",
            [
                "AlarmName": .string(name), "AlarmDescription": "runbook <#no-rows> & more", "Namespace": "Sluice",
                "MetricName": "Rows", "Statistic": "Sum", "Period": 60, "EvaluationPeriods": 1, "Threshold": 1,
                "ComparisonOperator": "LessThanThreshold", "Dimensions": dimensions,
            ])
        let before = try await cloudWatch.describeAlarms(namePrefix: "p-\(run)-")
        #expect(before.map(\.name) == [name] && before.first?.description == "runbook <#no-rows> & more")
        #expect(before.first?.namespace == "Sluice" && before.first?.metricName == "Rows")
        try await cloudWatch.setAlarmState(name: name, state: "ALARM", reason: "test page")
        let after = try await cloudWatch.describeAlarms(namePrefix: "p-\(run)-")
        #expect(after.first?.state == "ALARM" && after.first?.stateReason == "test page")
        #expect(after.first?.stateUpdated.map { abs($0.timeIntervalSinceNow) < 300 } == true)
        await #expect {
            try await cloudWatch.setAlarmState(name: "missing-\(run)", state: "OK", reason: "r")
        } throws: { error in (error as? AWSServiceError)?.code == "ResourceNotFound" }

        let now = Date()
        let points: [JSONValue] = [5, 7].enumerated().map { index, value in
            [
                "MetricName": "Rows", "Dimensions": dimensions, "Value": .int(value),
                "Timestamp": JSONValue(now.timeIntervalSince1970 - Double(index * 120)),
            ]
        }
        _ = try await cloudWatch.rpc.call("PutMetricData", ["Namespace": "Sluice", "MetricData": .array(points)])
        let results = try await cloudWatch.getMetricData(
            queries: [
                .metric(
                    id: "rows", namespace: "Sluice", metricName: "Rows", dimensions: [("Pipeline", String(run))],
                    stat: "Sum", periodSeconds: 60)
            ],
            start: now.addingTimeInterval(-3600), end: now.addingTimeInterval(60))
        #expect(results["rows"]?.map(\.value) == [7, 5])
    }

    @Test("Lambda: invoking a missing function is a decoded ResourceNotFoundException")
    func lambda() async throws {
        let lambda = try LambdaClient.explicit(
            credentials: credentials(), region: "eu-west-1", endpoint: motoEndpoint, transport: transport)
        await #expect {
            _ = try await lambda.invoke(functionName: "missing \(run)", payload: [], invocationType: .event)
        } throws: { error in
            (error as? AWSServiceError).map { $0.code == "ResourceNotFoundException" && $0.status == 404 } ?? false
        }
    }

    @Test("S3: ListObjectsV2 pages through keys with spaces, plus signs and non-ASCII letters, which round-trip")
    func listObjects() async throws {
        let s3 = try S3Client(
            client: AWSClient.explicit(
                service: "s3", credentials: credentials(), region: "eu-west-1", endpoint: motoEndpoint,
                transport: transport))
        let bucket = "landing-\(run)"
        _ = try await s3.client.send(
            .init(
                operation: "S3.CreateBucket", method: "PUT", path: "/\(bucket)",
                headers: [.init("Content-Type", "application/xml")],
                body: Array(
                    ("<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint>"
                        + "</CreateBucketConfiguration>").utf8)))
        let keys = ["raw/a b+c.gz", "raw/café & co.gz", "raw/x%41y.gz", "raw/z.gz", "skip/other.gz"]
        for key in keys {
            try await s3.putObject(bucket: bucket, key: key, body: [1, 2], contentType: "application/gzip")
        }
        let first = try await s3.listObjectsV2(bucket: bucket, prefix: "raw/", maxKeys: 2)
        #expect(first.objects.count == 2 && first.nextContinuationToken != nil)
        let all = try await s3.listAllObjects(bucket: bucket, prefix: "raw/", pageSize: 2)
        #expect(all.map(\.key) == keys.dropLast().sorted())
        #expect(all.allSatisfy { $0.size == 2 && abs($0.lastModified.timeIntervalSinceNow) < 300 && $0.eTag != nil })
        let after = try await s3.listAllObjects(bucket: bucket, prefix: "raw/", startAfter: "raw/café & co.gz")
        #expect(after.map(\.key) == ["raw/x%41y.gz", "raw/z.gz"])
    }
}
