import Foundation
import SluiceCloud
import SluiceJSON
import SluiceModel
import Testing

@testable import SluiceCommands
@testable import SluiceEmit

/// The runbook in generated/README.md against the alarms in the generated Terraform, read from the emitted files
/// themselves: every alarm has an entry, every entry an alarm, and every description links to an anchor that exists.
@Suite("generated/README.md: the runbook of each pipeline's alarms")
struct RunbookTests {
    /// The example pipeline in each shape that changes its alarms.
    static let variants = ["declared", "no replication", "no recipients", "none"]

    private func pipeline(_ variant: String) throws -> (Project, Pipeline) {
        let workspace = ProjectFiles(root: repositoryRoot).load()
        let project = try #require(workspace.project)
        var pipeline = try #require(workspace.pipelines.first)
        switch variant {
        case "no replication": pipeline.replication = nil
        case "no recipients": pipeline.alerts = AlertsStage(declaration: .absent, origin: pipeline.origin)
        case "none": pipeline.alerts = AlertsStage(declaration: .none, origin: pipeline.origin)
        default: break
        }
        return (project, pipeline)
    }

    /// alarm name -> description, from the emitted `.tf.json` files.
    private func alarms(in files: [GeneratedFile]) throws -> [String: String] {
        var found: [String: String] = [:]
        for file in files where file.path.hasSuffix(".tf.json") {
            guard case .object(let top) = try JSONValue(parsing: file.contents),
                case .object(let resources)? = top["resource"],
                case .object(let alarms)? = resources["aws_cloudwatch_metric_alarm"]
            else { continue }
            for case .object(let alarm) in alarms.values {
                guard case .string(let name)? = alarm["alarm_name"],
                    case .string(let description)? = alarm["alarm_description"]
                else {
                    Issue.record("an alarm in \(file.path) has no name or description")
                    continue
                }
                found[name] = description
            }
        }
        return found
    }

    /// The anchors of the runbook entries: `<a id="...">`.
    private func anchors(in readme: String) -> [String] {
        readme.components(separatedBy: "<a id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test(
        "every alarm has its runbook entry, every entry its alarm, every description an existing anchor",
        arguments: variants)
    func bothDirections(_ variant: String) throws {
        let (project, pipeline) = try pipeline(variant)
        let names = try #require(Names(project: project, pipeline: pipeline))
        let graph = CloudGraph(project: project, pipelines: [pipeline])
        let alarms = try alarms(in: TerraformEmitter.files(for: graph))
        let readme = DocsEmitter.file(graph: graph, pipelines: [pipeline]).contents
        let anchors = anchors(in: readme)
        #expect(Set(anchors).count == anchors.count, "an anchor is given twice")
        let byAnchor = Set(
            alarms.keys.map { String($0.dropFirst(names.alarmPrefix.count)) }.map { "\(pipeline.name)-\($0)" })
        #expect(Set(anchors) == byAnchor)
        for (name, description) in alarms {
            let link = try #require(description.components(separatedBy: "Runbook: generated/README.md#").last)
            #expect(anchors.contains(link), "\(name) links to \(link), which the runbook does not have")
        }
        #expect(alarms.count == PipelineAlarm.of(pipeline).count)
        #expect(variant == "none" ? alarms.isEmpty : alarms.count >= 11)
    }

    @Test("the runbook cites the commands as the CLI takes them, and who is told or that no one is")
    func commandsAndRecipients() throws {
        let (project, declared) = try pipeline("declared")
        let text = Runbook.section(project: project, pipeline: declared)
        #expect(text.contains("`sluice status --pipeline integrations-usage`"))
        #expect(text.contains("`sluice redrive --pipeline integrations-usage --dry-run`"))
        #expect(text.contains("`sluice redrive --pipeline integrations-usage`"))
        #expect(text.contains("`sluice replay --pipeline integrations-usage --since TIME --until TIME --dry-run`"))
        #expect(text.contains("data-oncall@example.com"))
        #expect(text.contains("cross-account observability"))
        let (_, none) = try pipeline("none")
        #expect(
            Runbook.section(project: project, pipeline: none).contains("`alerts: none`: this pipeline has no alarms"))
        let (_, silent) = try pipeline("no recipients")
        #expect(Runbook.section(project: project, pipeline: silent).contains("The alarms notify no one"))
    }

    @Test("an address or a topic reaches the runbook only through the Markdown escaper")
    func escaped() throws {
        let (project, declared) = try pipeline("declared")
        var pipeline = declared
        pipeline.alerts.email = ["a|b*c@example.com"]
        pipeline.alerts.topics = [AlertTopic(account: "analytics", arn: "arn:aws:sns:eu-west-1:222222222222:x`y")]
        let text = Runbook.section(project: project, pipeline: pipeline)
        #expect(text.contains(#"a\|b\*c@example.com"#))
        #expect(text.contains("``arn:aws:sns:eu-west-1:222222222222:x`y``"))
    }
}
