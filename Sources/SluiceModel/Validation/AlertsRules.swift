/// The checks of a pipeline's `alerts` section: recipients, topics and thresholds against CloudWatch's and SNS's
/// limits, so that every alarm Sluice writes is one `PutMetricAlarm` accepts.
struct AlertsRules {
    let project: Project
    let pipeline: Pipeline

    private var alerts: AlertsStage { pipeline.alerts }

    func check(_ diagnostics: inout Diagnostics) {
        switch alerts.declaration {
        case .none: return
        case .absent:
            diagnostics.warning(
                "pipeline '\(pipeline.name)' declares no 'alerts': its alarms notify no one; add 'alerts: { email: "
                    + "[you@example.com] }' (or 'topics:' by account), or 'alerts: none' for no alarms",
                at: pipeline.origin["name"])
        case .declared:
            if alerts.email.isEmpty, alerts.topics.isEmpty {
                diagnostics.warning(
                    "'alerts' lists no email and no topics: the pipeline's alarms notify no one",
                    at: alerts.origin.location)
            }
        }
        checkEmail(&diagnostics)
        checkTopics(&diagnostics)
        checkThresholds(alerts.thresholds, &diagnostics)
    }

    /// The accounts whose stacks hold the pipeline's alarms: the source account (subscription, Firehose,
    /// replication) and the analytics account (EventBridge, Lambda, queues, the processor's metrics).
    private var alarmAccounts: [String] {
        pipeline.source.account == pipeline.analyticsAccount
            ? [pipeline.source.account] : [pipeline.source.account, pipeline.analyticsAccount]
    }

    private func checkEmail(_ diagnostics: inout Diagnostics) {
        var seen: Set<String> = []
        for address in alerts.email {
            if let problem = Self.emailProblem(address) {
                diagnostics.error(problem, at: alerts.origin["email"])
            } else if !seen.insert(address.lowercased()).inserted {
                diagnostics.error("'alerts.email' lists '\(address)' twice", at: alerts.origin["email"])
            }
        }
        if alerts.email.count > Self.maxEmail {
            diagnostics.error(
                "'alerts.email' lists \(alerts.email.count) addresses; Sluice takes at most \(Self.maxEmail) "
                    + "(use an existing topic with 'topics:' for a longer list)",
                at: alerts.origin["email"])
        }
    }

    private func checkTopics(_ diagnostics: inout Diagnostics) {
        let at = alerts.origin["topics"]
        for topic in alerts.topics {
            guard let account = project.account(named: topic.account) else {
                Validator.checkAccountReference(topic.account, in: project, at: at, &diagnostics)
                continue
            }
            if let problem = Self.topicARNProblem(topic.arn, in: account) {
                diagnostics.error(problem, at: at)
            } else if !alarmAccounts.contains(topic.account) {
                diagnostics.warning(
                    "'alerts.topics' names account '\(topic.account)', which holds none of pipeline "
                        + "'\(pipeline.name)''s alarms (they live in \(alarmAccounts.joined(separator: " and ")))",
                    at: at)
            }
        }
        if !alerts.topics.isEmpty, alerts.email.isEmpty {
            for account in alarmAccounts where alerts.topic(for: account) == nil {
                diagnostics.warning(
                    "'alerts.topics' has no topic for account '\(account)': the alarms there notify no one",
                    at: at)
            }
        }
    }

    private func checkThresholds(_ thresholds: AlertThresholds, _ diagnostics: inout Diagnostics) {
        let origin = thresholds.origin
        func check(_ value: Int, _ rule: NumberRule) -> Bool {
            guard let problem = rule.problem(value) else { return true }
            diagnostics.error(problem, at: origin[rule.key])
            return false
        }
        let periodOK = check(thresholds.periodMinutes, NumberRules.alertPeriodMinutes)
        let periodsOK = check(thresholds.evaluationPeriods, NumberRules.alertEvaluationPeriods)
        if check(thresholds.datapointsToAlarm, NumberRules.alertDatapointsToAlarm), periodsOK,
            thresholds.datapointsToAlarm > thresholds.evaluationPeriods
        {
            diagnostics.error(
                "datapoints_to_alarm (\(thresholds.datapointsToAlarm)) must not exceed evaluation_periods "
                    + "(\(thresholds.evaluationPeriods)): CloudWatch cannot find more breaching periods than it looks at",
                at: origin["datapoints_to_alarm"])
        }
        if periodOK, periodsOK {
            let period = thresholds.periodMinutes * 60
            let total = period * thresholds.evaluationPeriods
            // CloudWatch: an alarm looks back at most 7 days, and at most 1 day when its period is under an hour.
            let limit = period < 3600 ? 86_400 : 604_800
            if total > limit {
                diagnostics.error(
                    "period_minutes x evaluation_periods is \(total / 60) minutes; CloudWatch allows "
                        + "\(limit / 60) minutes (\(period < 3600 ? "1 day for periods under an hour" : "7 days"))",
                    at: origin["evaluation_periods"])
            }
        }
        _ = check(thresholds.errors, NumberRules.alertErrors)
        _ = check(thresholds.throttles, NumberRules.alertThrottles)
        _ = check(thresholds.deadLetters, NumberRules.alertDeadLetters)
        _ = check(thresholds.freshnessMarginSeconds, NumberRules.alertFreshnessMarginSeconds)
        _ = check(thresholds.quarantineRatioPercent, NumberRules.alertQuarantineRatioPercent)
        _ = check(thresholds.quarantineWindowMinutes, NumberRules.alertQuarantineWindowMinutes)
        if check(thresholds.quietPeriodMinutes, NumberRules.alertQuietPeriodMinutes),
            thresholds.quietPeriodMinutes * 60 <= pipeline.delivery.bufferingIntervalSeconds
        {
            diagnostics.warning(
                "quiet_period_minutes (\(thresholds.quietPeriodMinutes)) is within Firehose's buffering interval "
                    + "(\(pipeline.delivery.bufferingIntervalSeconds) s): no-rows will fire between deliveries",
                at: origin["quiet_period_minutes"])
        }
    }
}

extension AlertsRules {
    /// The most addresses one topic Sluice creates gets: each is a subscription to confirm by hand.
    static let maxEmail = 20

    /// A plain mailbox address, `local@domain`: the local part 1 to 64 of letters, digits and `.!#%&*+/=?^_|~-`
    /// (no quotes, spaces or `$`, `{`, `}`, which would be live in a shell or Terraform string), the domain dotted
    /// labels of letters, digits and inner `-`, at most 254 characters in all.
    static func emailProblem(_ address: String) -> String? {
        if let problem = AWSRules.inertTextProblem(address, what: "an email address") { return problem }
        let shape = "'\(address)' is not an email address Sluice accepts (name@example.com)"
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard address.count <= 254, parts.count == 2 else { return shape }
        let local = parts[0]
        let domain = parts[1]
        let localCharacters = ".!#%&*+/=?^_|~-"
        guard (1...64).contains(local.count),
            local.allSatisfy({ AWSRules.isAlnum($0) || localCharacters.contains($0) }),
            !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else { return "\(shape): the part before '@' is 1 to 64 letters, digits and \(localCharacters)" }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2,
            labels.allSatisfy({ label in
                (1...63).contains(label.count) && label.allSatisfy({ AWSRules.isAlnum($0) || $0 == "-" })
                    && !label.hasPrefix("-") && !label.hasSuffix("-")
            })
        else { return "\(shape): the domain must be dotted names of letters, digits and '-'" }
        return nil
    }

    /// A standard SNS topic ARN, `arn:aws:sns:<region>:<account id>:<name>`, in `account` and its region (CloudWatch
    /// publishes only to a topic in the alarm's region). The name is 1 to 256 letters, digits, `-` and `_`: a FIFO
    /// topic (`.fifo`) cannot take alarm notifications.
    static func topicARNProblem(_ arn: String, in account: Account) -> String? {
        let shape = "'\(arn)' is not an SNS topic ARN (arn:aws:sns:<region>:<account id>:<topic>)"
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "sns" else { return shape }
        if let problem = AWSRules.partitionProblem(parts[1]) { return "\(shape): \(problem)" }
        let name = parts[5]
        if name.isEmpty || name.count > 256 || !name.allSatisfy({ AWSRules.isAlnum($0) || $0 == "-" || $0 == "_" }) {
            return "\(shape): the topic name must be 1 to 256 letters, digits, '-' and '_' (a FIFO topic cannot "
                + "take alarm notifications), found '\(name)'"
        }
        if parts[4] != account.id {
            return "the topic '\(arn)' is in account \(parts[4]), not in account '\(account.name)' (\(account.id))"
        }
        if parts[3] != account.region {
            return "the topic '\(arn)' is in region \(parts[3]), not in account '\(account.name)''s region "
                + "\(account.region), where its alarms are"
        }
        return nil
    }
}
