import Testing

@testable import SluiceModel

/// Broken `alerts` sections of the fixture pipeline (lines 56 to 59: `alerts`, `email`, `topics`, the analytics
/// topic), each with its located error.
let alertsBadCases: [BadCase] = [
    BadCase(
        name: "alerts: neither a mapping nor none", replace: "alerts:\n  email: [oncall@example.com]\n",
        with: "alerts: off\nx:\n  email: [oncall@example.com]\n", at: "pipelines/web.yaml:56:9",
        message: "expected a mapping or 'none' for 'alerts', found 'off'"),
    BadCase(
        name: "alerts: an address with a space", replace: "email: [oncall@example.com]",
        with: "email: ['on call@example.com']", at: "pipelines/web.yaml:57:10",
        message: "'on call@example.com' is not an email address Sluice accepts"),
    BadCase(
        name: "alerts: an address without a domain", replace: "email: [oncall@example.com]",
        with: "email: [oncall@localhost]", at: "pipelines/web.yaml:57:10",
        message: "the domain must be dotted names"),
    BadCase(
        name: "alerts: an address given twice", replace: "email: [oncall@example.com]",
        with: "email: [oncall@example.com, OnCall@example.com]", at: "pipelines/web.yaml:57:10",
        message: "lists 'OnCall@example.com' twice"),
    BadCase(
        name: "alerts: a topic of another account", replace: "arn:aws:sns:eu-west-1:222222222222:oncall",
        with: "arn:aws:sns:eu-west-1:111111111111:oncall", at: "pipelines/web.yaml:59:5",
        message: "is in account 111111111111, not in account 'analytics' (222222222222)"),
    BadCase(
        name: "alerts: a topic in another region", replace: "arn:aws:sns:eu-west-1:222222222222:oncall",
        with: "arn:aws:sns:eu-central-1:222222222222:oncall", at: "pipelines/web.yaml:59:5",
        message: "is in region eu-central-1, not in account 'analytics''s region eu-west-1"),
    BadCase(
        name: "alerts: a FIFO topic", replace: "222222222222:oncall", with: "222222222222:oncall.fifo",
        at: "pipelines/web.yaml:59:5", message: "a FIFO topic cannot take alarm notifications"),
    BadCase(
        name: "alerts: not an SNS ARN", replace: "arn:aws:sns:eu-west-1:222222222222:oncall",
        with: "arn:aws:sqs:eu-west-1:222222222222:oncall", at: "pipelines/web.yaml:59:5",
        message: "is not an SNS topic ARN"),
    BadCase(
        name: "alerts: a topic for an unknown account", replace: "    analytics: arn:aws:sns",
        with: "    analytcs: arn:aws:sns", at: "pipelines/web.yaml:59:5",
        message: "unknown account 'analytcs'; the project declares production, analytics (did you mean 'analytics'?)"),
    BadCase(
        name: "alerts: a ratio over 100 percent", replace: "  topics:\n",
        with: "  thresholds:\n    quarantine_ratio_percent: 150\n  topics:\n", at: "pipelines/web.yaml:59:31",
        message: "quarantine_ratio_percent must be 1 to 100, found 150"),
    BadCase(
        name: "alerts: a quiet period CloudWatch cannot hold in one period", replace: "  topics:\n",
        with: "  thresholds:\n    quiet_period_minutes: 2000\n  topics:\n", at: "pipelines/web.yaml:59:27",
        message: "quiet_period_minutes must be 5 to 1440, found 2000"),
    BadCase(
        name: "alerts: periods longer than a day under an hour each", replace: "  topics:\n",
        with: "  thresholds:\n    period_minutes: 30\n    evaluation_periods: 60\n  topics:\n",
        at: "pipelines/web.yaml:60:25", message: "period_minutes x evaluation_periods is 1800 minutes"),
    BadCase(
        name: "alerts: more datapoints than periods", replace: "  topics:\n",
        with: "  thresholds:\n    evaluation_periods: 2\n    datapoints_to_alarm: 3\n  topics:\n",
        at: "pipelines/web.yaml:60:26", message: "datapoints_to_alarm (3) must not exceed evaluation_periods (2)"),
    BadCase(
        // DataFreshness includes the delivery after the buffer fills: with no margin the alarm fires on every
        // quiet-hour delivery (and always, with zero buffering).
        name: "alerts: no freshness margin over the buffering interval", replace: "  topics:\n",
        with: "  thresholds:\n    freshness_margin_seconds: 0\n  topics:\n", at: "pipelines/web.yaml:59:31",
        message: "freshness_margin_seconds must be 60 to 86400, found 0"),
    BadCase(
        name: "alerts: a threshold of zero errors", replace: "  topics:\n",
        with: "  thresholds:\n    errors: 0\n  topics:\n", at: "pipelines/web.yaml:59:13",
        message: "errors must be 1 to 1000000000, found 0"),
    BadCase(
        name: "alerts: an unknown threshold, with suggestion", replace: "  topics:\n",
        with: "  thresholds:\n    quiet_period: 60\n  topics:\n", at: "pipelines/web.yaml:59:5",
        message: "unknown key 'quiet_period' in 'alerts.thresholds' (did you mean 'quiet_period_minutes'?)"),
    BadCase(
        name: "alerts: a control character in an address", replace: "email: [oncall@example.com]",
        with: "email: [\"on\\u0007call@example.com\"]", at: "pipelines/web.yaml:57:10",
        message: "an email address cannot contain the control character U+0007"),
    BadCase(
        name: "alerts: a GitHub expression in an address", replace: "email: [oncall@example.com]",
        with: "email: ['${{ github.token }}@example.com']", at: "pipelines/web.yaml:57:10",
        message: "cannot contain '${{'"),
    BadCase(
        name: "alerts: a Terraform template in an address", replace: "email: [oncall@example.com]",
        with: "email: ['${file(\"key\")}@example.com']", at: "pipelines/web.yaml:57:10",
        message: "the part before '@' is 1 to 64 letters, digits and"),
    BadCase(
        name: "alerts: a list where the topics mapping goes", replace: "  topics:\n    analytics: arn",
        with: "  topics:\n    - analytics: arn", at: "pipelines/web.yaml:59:5",
        message: "expected a mapping for 'alerts.topics', found a list"),
]

@Suite("The alerts section")
struct AlertsManifestTests {
    @Test("each bad alerts section gets its error at its line and column", arguments: alertsBadCases)
    func badAlerts(_ bad: BadCase) {
        let (project, pipeline) = bad.applied()
        bad.expectReported(project: project, pipeline: pipeline)
    }

    private func decode(_ text: String) throws -> (Pipeline, Diagnostics) {
        var diagnostics = Diagnostics()
        let pipeline = try #require(PipelineDecoder.decode(text, path: "pipelines/web.yaml", diagnostics: &diagnostics))
        return (pipeline, Fixtures.check(pipeline: text))
    }

    @Test("the fixture's section: email, a topic by account, and every threshold at its default")
    func declared() throws {
        let (pipeline, diagnostics) = try decode(Fixtures.pipeline)
        #expect(diagnostics.all.isEmpty)
        #expect(pipeline.alerts.declaration == .declared)
        #expect(pipeline.alerts.email == ["oncall@example.com"])
        #expect(
            pipeline.alerts.topics == [
                AlertTopic(account: "analytics", arn: "arn:aws:sns:eu-west-1:222222222222:oncall")
            ])
        #expect(pipeline.alerts.thresholds.quietPeriodMinutes == Defaults.alertQuietPeriodMinutes)
        #expect(pipeline.alerts.notifiesAnyone)
        #expect(PipelineAlarm.of(pipeline).count == PipelineAlarm.allCases.count)
    }

    @Test("alerts: none has no alarms and no warning")
    func none() throws {
        let text = Fixtures.pipeline.replacingOccurrences(
            of:
                "alerts:\n  email: [oncall@example.com]\n  topics:\n    analytics: arn:aws:sns:eu-west-1:222222222222:oncall\n",
            with: "alerts: none\n")
        let (pipeline, diagnostics) = try decode(text)
        #expect(diagnostics.all.isEmpty, "\(diagnostics.sorted.map(\.description))")
        #expect(pipeline.alerts.declaration == .none)
        #expect(!pipeline.alerts.hasAlarms)
        #expect(PipelineAlarm.of(pipeline).isEmpty)
    }

    @Test("no alerts section: alarms that notify no one, and a warning saying how to add recipients")
    func absent() throws {
        let text = Fixtures.pipeline.replacingOccurrences(
            of:
                "alerts:\n  email: [oncall@example.com]\n  topics:\n    analytics: arn:aws:sns:eu-west-1:222222222222:oncall\n",
            with: "")
        let (pipeline, diagnostics) = try decode(text)
        #expect(diagnostics.errors.isEmpty)
        #expect(
            diagnostics.all.map(\.message) == [
                "pipeline 'web' declares no 'alerts': its alarms notify no one; add 'alerts: { email: "
                    + "[you@example.com] }' (or 'topics:' by account), or 'alerts: none' for no alarms"
            ])
        #expect(pipeline.alerts.hasAlarms)
        #expect(!pipeline.alerts.notifiesAnyone)
    }

    @Test("topics alone, missing an account that holds alarms: a warning naming it")
    func topicsMissingAnAccount() throws {
        let text = Fixtures.pipeline.replacingOccurrences(of: "  email: [oncall@example.com]\n", with: "")
        let (_, diagnostics) = try decode(text)
        #expect(diagnostics.errors.isEmpty)
        #expect(
            diagnostics.all.filter { $0.severity == .warning }.map(\.message) == [
                "'alerts.topics' has no topic for account 'production': the alarms there notify no one"
            ])
    }

    @Test("a replicating pipeline has the replication alarm; one processed in its source account does not")
    func replicationAlarm() throws {
        let (replicating, _) = try decode(Fixtures.pipeline)
        #expect(PipelineAlarm.of(replicating).contains(.replicationFailures))
        var local = replicating
        local.replication = nil
        #expect(!PipelineAlarm.of(local).contains(.replicationFailures))
    }

    @Test("addresses people use pass", arguments: ["a@b.co", "first.last+tag@mail.example.org", "x_y-z@sub-d.io"])
    func goodEmail(_ address: String) {
        #expect(AlertsRules.emailProblem(address) == nil)
    }
}
