import Yams

/// Who hears about a pipeline's alarms, and when they fire: the manifest's `alerts` section.
///
/// The alarms exist whatever this says, unless it is `alerts: none`: `sluice status` and the dashboard read them. The
/// section only decides who they notify (email addresses, for which Sluice creates a topic in each account holding
/// alarms, and existing SNS topics by account) and their thresholds.
package struct AlertsStage: Sendable {
    /// How the manifest spelled the section.
    package enum Declaration: Sendable, Equatable {
        /// No `alerts` section: alarms that notify no one, and a warning saying how to add recipients.
        case absent
        /// `alerts: none`: no alarms at all.
        case none
        /// An `alerts` mapping.
        case declared
    }

    package var declaration: Declaration
    /// Addresses subscribed to the topic Sluice creates (`Names.alertsTopic`) in each account holding alarms.
    package var email: [String]
    /// Existing topics, by the name of the account whose alarms publish to them.
    package var topics: [AlertTopic]
    package var thresholds: AlertThresholds
    package var origin: Origin

    package init(
        declaration: Declaration = .declared, email: [String] = [], topics: [AlertTopic] = [],
        thresholds: AlertThresholds? = nil, origin: Origin
    ) {
        self.declaration = declaration
        self.email = email
        self.topics = topics.sorted { $0.account < $1.account }
        self.thresholds = thresholds ?? AlertThresholds(origin: origin)
        self.origin = origin
    }

    /// Whether the pipeline has alarms at all (not `alerts: none`).
    package var hasAlarms: Bool { declaration != .none }
    /// Whether any alarm tells anyone: an email address or a topic is declared.
    package var notifiesAnyone: Bool { hasAlarms && (!email.isEmpty || !topics.isEmpty) }
    /// The existing topic declared for an account, if any.
    package func topic(for account: String) -> AlertTopic? { topics.first { $0.account == account } }
}

/// An existing SNS topic the alarms of one account publish to.
package struct AlertTopic: Sendable, Equatable {
    /// The declared account's name.
    package var account: String
    /// `arn:aws:sns:<region>:<account id>:<name>`, in that account and its region.
    package var arn: String

    package init(account: String, arn: String) {
        self.account = account
        self.arn = arn
    }
}

extension AlertsStage {
    /// The section as the manifest gives it: absent, the word `none`, or a mapping, with its problems reported to
    /// the top reader's file.
    init(section node: Node?, in top: MappingReader) {
        guard let node else {
            self.init(declaration: .absent, origin: top.origin)
            return
        }
        let origin = Origin(top.file.location(of: node))
        if case .scalar(let scalar) = node {
            if scalar.string != "none" {
                top.file.error(
                    "expected a mapping or 'none' for 'alerts', found \(top.file.describe(node))", at: node)
            }
            self.init(declaration: .none, origin: origin)
            return
        }
        guard let reader = MappingReader(node, path: "alerts", in: top.file) else {
            self.init(declaration: .none, origin: origin)
            return
        }
        defer { reader.finish() }
        let email = reader.stringList("email")
        let topics = reader.stringMap("topics").map { AlertTopic(account: $0.key, arn: $0.value) }
        let thresholds = reader.mapping("thresholds", required: false).map(AlertThresholds.init(from:))
        self.init(email: email, topics: topics, thresholds: thresholds, origin: reader.origin)
    }
}
