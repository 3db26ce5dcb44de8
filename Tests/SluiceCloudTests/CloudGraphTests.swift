import Foundation
import Testing

@testable import SluiceCloud
@testable import SluiceModel

/// The example declaration in pipelines/, loaded as `sluice` loads it.
func example() throws -> (Project, [Pipeline]) {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let workspace = Workspace.load(root: root)
    #expect(!workspace.diagnostics.hasErrors, "\(workspace.diagnostics.sorted.map(\.description))")
    return (try #require(workspace.project), workspace.pipelines)
}

@Suite("Resource graph")
struct CloudGraphTests {
    @Test("every reference names a resource of the same stack, and no address is declared twice")
    func referencesResolve() throws {
        let (project, pipelines) = try example()
        let graph = CloudGraph(project: project, pipelines: pipelines)
        var found = 0
        for stack in graph.stacks {
            let addresses = stack.resources.map(\.address)
            #expect(Set(addresses).count == addresses.count, "duplicate addresses in \(stack.name)")
            for resource in stack.resources {
                found += resource.references.count
                let missing = resource.references.subtracting(addresses)
                #expect(missing.isEmpty, "\(resource.address) in \(stack.name) refers to \(missing)")
            }
        }
        #expect(found > 50, "the reference scan found too few references to be looking")
    }

    @Test("references are recorded by typed expressions, data sources and depends_on; literal text is never one")
    func referencesRecorded() {
        let raw = S3Bucket.Handle(address: Address("aws_s3_bucket", "raw"))
        let document = DataIAMPolicyDocument.Handle(address: Address("aws_iam_policy_document", "doc", isData: true))
        let logs = IAMRolePolicy.Handle(address: Address("aws_iam_role_policy", "logs"))
        let resource = Resource(
            Address("aws_x", "a"), stage: .source, pipeline: "p",
            arguments: [
                "one": .template("\(raw.arn)/*"), "two": .expression(document.json), "plain": "arn:aws:s3:::bucket",
                "literal": "${aws_sqs_queue.declared.arn}", "looks_like": ["aws_iam_role.text"],
            ],
            dependsOn: [logs.address])
        #expect(resource.references == [raw.address, document.address, logs.address])
        #expect(resource.arguments["depends_on"] == ["aws_iam_role_policy.logs"])
    }

    @Test("a typed resource lowers to the arguments Terraform reads, its handle's attributes reference it")
    func typedResourceLowers() throws {
        let (project, _) = try example()
        var builder = StackBuilder(account: project.accounts[0], pipeline: "web-logs")
        let group = builder.add("source", .source, CloudWatchLogGroup(name: "/aws/x${y}", retentionInDays: 7))
        let stream = builder.add(
            "source", .source, CloudWatchLogStream(logGroupName: "\(group.name)", name: "s"), dependsOn: [group])
        #expect(group.address == Address("aws_cloudwatch_log_group", "web_logs_source"))
        let resources = builder.stack.resources
        #expect(
            resources[0].arguments == [
                "name": "/aws/x${y}", "retention_in_days": 7, "tags": ["sluice:pipeline": "web-logs"],
            ])
        // Not taggable (its schema has no `tags`): no tag.
        #expect(resources[1].arguments["tags"] == nil)
        #expect(resources[1].arguments["log_group_name"] == .expression(group.name))
        #expect(resources[1].references == [group.address])
        #expect(stream.arn.text == "${aws_cloudwatch_log_stream.web_logs_source.arn}")
    }

    @Test(
        "the image repositories come first, analytics before production, which replicates into it, QuickSight last")
    func applyOrder() throws {
        let (project, pipelines) = try example()
        let graph = CloudGraph(project: project, pipelines: pipelines)
        #expect(graph.stacks.map(\.name) == ["analytics-images", "analytics", "production", "analytics-quicksight"])
        #expect(graph.stack("analytics")?.after == ["analytics-images"])
        #expect(graph.stack("production")?.after == ["analytics"])
        #expect(graph.stack("analytics-quicksight")?.after == ["analytics"])
    }

    @Test("each account's image repositories are a stack of their own, so a new pipeline's exists before its push")
    func imagesStackApart() throws {
        let (project, pipelines) = try example()
        let graph = CloudGraph(project: project, pipelines: pipelines)
        let images = try #require(graph.stack("analytics-images"))
        #expect(images.holdsImages && images.account.name == "analytics")
        #expect(
            Set(images.resources.map(\.address.description)) == [
                "aws_ecr_repository.integrations_usage_processor",
                "aws_ecr_lifecycle_policy.integrations_usage_processor",
                "aws_ecr_repository_policy.integrations_usage_processor",
                "data.aws_iam_policy_document.integrations_usage_processor_pull",
            ])
        #expect(images.variables.isEmpty, "the repositories need no image: they are applied before it is pushed")
        #expect(images.outputs.map(\.name) == ["integrations_usage_repository_url"])
        for stack in graph.stacks where stack.name != images.name {
            #expect(!stack.holdsImages)
            #expect(!stack.resources.contains { $0.address.type.hasPrefix("aws_ecr_") })
        }
        // A second pipeline in the same account shares the stack; one processing in production gets production's.
        var second = pipelines[0]
        second.name = "web-requests"
        second.processor.name = "web-parser"
        second.replication = nil
        second.datasets = []
        second.dashboards = []
        let both = CloudGraph(project: project, pipelines: pipelines + [second])
        #expect(
            both.stacks.map(\.name) == [
                "production-images", "analytics-images", "analytics", "production", "analytics-quicksight",
            ])
        #expect(both.stack("production")?.after == ["analytics", "production-images"])
    }

    @Test("QuickSight resources live in their own stack, so the data path never waits on BI")
    func quickSightStackApart() throws {
        let (project, pipelines) = try example()
        let graph = CloudGraph(project: project, pipelines: pipelines)
        let bi = try #require(graph.stack("analytics-quicksight"))
        #expect(bi.account.name == "analytics")
        #expect(!bi.resources.isEmpty)
        #expect(bi.resources.allSatisfy { $0.address.type.hasPrefix("aws_quicksight_") && $0.stage == .bi })
        for stack in graph.stacks where stack.name != bi.name {
            #expect(!stack.resources.contains { $0.address.type.hasPrefix("aws_quicksight_") })
        }
        let types = Set(bi.resources.map(\.address.type))
        #expect(
            types == [
                "aws_quicksight_data_source", "aws_quicksight_data_set", "aws_quicksight_refresh_schedule",
                "aws_quicksight_dashboard",
            ])
    }

    @Test("every bucket is versioned, encrypted, private, owner-enforced, TLS-only and has lifecycle rules")
    func bucketsAreSafe() throws {
        let (project, pipelines) = try example()
        let graph = CloudGraph(project: project, pipelines: pipelines)
        let companions = [
            "aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration",
            "aws_s3_bucket_public_access_block", "aws_s3_bucket_ownership_controls",
            "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_policy",
        ]
        for stack in graph.stacks {
            let buckets = stack.resources.filter { $0.address.type == "aws_s3_bucket" }
            #expect(!buckets.isEmpty || stack.name.hasSuffix("-quicksight") || stack.holdsImages)
            for bucket in buckets {
                for type in companions {
                    let companion = stack.resources.first {
                        $0.address.type == type && $0.arguments["bucket"] == .expression(bucket.address.ref("id"))
                    }
                    #expect(companion != nil, "\(bucket.address) has no \(type)")
                }
                let policy = try #require(
                    stack.resources.first {
                        $0.address == Address("aws_iam_policy_document", "\(bucket.address.name)_bucket", isData: true)
                    })
                #expect(TerraformValue.object(policy.arguments).compact().contains("\"aws:SecureTransport\""))
            }
        }
    }

    @Test("IAM policies name ARNs, with '*' only where AWS takes no narrower resource")
    func leastPrivilege() throws {
        let (project, pipelines) = try example()
        let graph = CloudGraph(project: project, pipelines: pipelines)
        let starAllowed: Set<String> = [
            "xray:PutTelemetryRecords", "xray:PutTraceSegments", "glue:GetSecurityConfiguration",
        ]
        for stack in graph.stacks {
            for document in stack.resources where document.address.type == "aws_iam_policy_document" {
                guard case .array(let statements)? = document.arguments["statement"] else {
                    Issue.record("\(document.address) has no statements")
                    continue
                }
                for case .object(let statement) in statements {
                    let actions = statement["actions"]?.allStrings ?? []
                    let resources = statement["resources"]?.allStrings ?? []
                    let isDeny = statement["effect"] == "Deny"
                    if resources.contains("*") {
                        #expect(Set(actions).isSubset(of: starAllowed), "\(document.address) grants \(actions) on *")
                    }
                    if !isDeny {
                        #expect(!actions.contains { $0.hasSuffix("*") }, "\(document.address) grants \(actions)")
                    }
                }
            }
        }
    }

    @Test("the processor is triggered by the landing bucket and writes elsewhere, so it cannot trigger itself")
    func noSelfTrigger() throws {
        let (project, pipelines) = try example()
        let pipeline = try #require(pipelines.first)
        let names = try #require(Names(project: project, pipeline: pipeline))
        let graph = CloudGraph(project: project, pipelines: pipelines)
        let analytics = try #require(graph.stack("analytics"))
        let rule = try #require(analytics.resources.first { $0.address.type == "aws_cloudwatch_event_rule" })
        let pattern = try #require(rule.arguments["event_pattern"]?.allStrings.first)
        #expect(pattern.contains("\"name\":[\"\(names.landingBucket)\"]"))
        #expect(pattern.contains("{\"prefix\":\"\(names.rawKeyPrefix)\"}"))
        #expect(names.lakeBucket != names.landingBucket)
        let target = try #require(analytics.resources.first { $0.address.type == "aws_cloudwatch_event_target" })
        #expect(target.arguments["dead_letter_config"] != nil)
        #expect(target.arguments["retry_policy"] != nil)
    }

    @Test("without replication everything but the image repository lives in the source account's stack")
    func singleAccount() throws {
        let (project, pipelines) = try example()
        var pipeline = try #require(pipelines.first)
        pipeline.replication = nil
        let graph = CloudGraph(project: project, pipelines: [pipeline])
        #expect(graph.stack("analytics")?.resources.isEmpty == true)
        let production = try #require(graph.stack("production"))
        #expect(!production.resources.contains { $0.address.type == "aws_s3_bucket_replication_configuration" })
        #expect(production.resources.contains { $0.address.type == "aws_lambda_function" })
        #expect(production.after == ["production-images"])
        let images = try #require(graph.stack("production-images"))
        #expect(images.resources.contains { $0.address.type == "aws_ecr_repository" })
    }
}
