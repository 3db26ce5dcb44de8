import SluiceModel

/// The runbook section of generated/README.md for one pipeline: who its alarms notify, and per alarm (anchor
/// `<pipeline>-<id>`, which the alarm's description links to) what it means, what usually causes it and what to run.
package enum Runbook {
    /// The pipeline's runbook, or a line saying it has no alarms.
    package static func section(project: Project, pipeline: Pipeline) -> String {
        guard let names = Names(project: project, pipeline: pipeline) else { return "" }
        var out = "\n### Runbook\n\n"
        out += recipients(pipeline, names)
        out += "Dashboard: \(Markdown.code(names.dashboard)) in account "
        out += "\(Markdown.inline(names.analyticsAccount.name)) (\(Markdown.inline(names.analyticsAccount.region)))."
        if names.sourceAccount.id != names.analyticsAccount.id {
            out += " Its source-account graphs need CloudWatch cross-account observability: account "
            out += "\(Markdown.inline(names.sourceAccount.name)) must share its metrics with account "
            out += "\(Markdown.inline(names.analyticsAccount.name)), or those graphs stay empty."
        }
        out += "\n\nFirst, always: \(Markdown.code("sluice status --pipeline \(pipeline.name)")) shows every alarm's "
        out += "state, the dead-letter depths and the last object processed.\n"
        for alarm in PipelineAlarm.of(pipeline) {
            let account = alarm.watchesSourceAccount ? names.sourceAccount : names.analyticsAccount
            out += "\n<a id=\"\(names.runbookAnchor(alarm))\"></a>\n\n"
            out += "#### \(Markdown.inline(alarm.title)) (\(Markdown.code(alarm.id)))\n\n"
            out += "Alarm \(Markdown.code(names.alarm(alarm))) in stack \(Markdown.code(account.name)) "
            out += "(account \(Markdown.inline(account.id)), \(Markdown.inline(account.region))).\n\n"
            let entry = RunbookEntry.of(alarm, pipeline: pipeline, names: names)
            out += "- **Means:** \(entry.means)\n"
            out += "- **Likely causes:** \(entry.causes)\n"
            out += "- **Run:** \(entry.run)\n"
        }
        return out
    }

    /// Who hears about the alarms, or that no one does, or that there are none.
    private static func recipients(_ pipeline: Pipeline, _ names: Names) -> String {
        let alerts = pipeline.alerts
        guard alerts.hasAlarms else {
            return "`alerts: none`: this pipeline has no alarms. `sluice status` still shows its dead-letter "
                + "queues and its last object.\n\n"
        }
        guard alerts.notifiesAnyone else {
            return "The alarms notify no one: add `alerts:` with `email:` or `topics:` to the pipeline's manifest "
                + "(they still show in `sluice status` and on the dashboard).\n\n"
        }
        var out = "The alarms notify:\n\n"
        if !alerts.email.isEmpty {
            out += "- by email, through the topic \(Markdown.code(names.alertsTopic)) in each account holding "
            out += "alarms: \(alerts.email.map(Markdown.inline).joined(separator: ", ")) (each address must "
            out += "confirm its subscription from the first email SNS sends)\n"
        }
        for topic in alerts.topics {
            out += "- in account \(Markdown.inline(topic.account)), the topic \(Markdown.code(topic.arn))\n"
        }
        return out + "\n"
    }
}
