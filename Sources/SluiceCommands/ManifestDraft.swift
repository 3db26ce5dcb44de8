import SluiceEmit
import SluiceModel
import SluiceProcessing

/// The files `sluice new pipeline` writes: a manifest whose every section says what it does and which keys are
/// optional, and, when asked, a starter view and a dataset on it. Every string from the user or a sample goes
/// through `YAMLScalar`, so no name or logged value can change the YAML's structure.
struct ManifestDraft {
    var name: String
    var format: LogFormatID
    var sourceAccount: String
    var analyticsAccount: String
    var logGroup: String
    var transform: TransformKind
    var columns: [ProposedColumn]
    /// The format's records carry no event time of their own: the manifest names the column that does.
    var needsEventTime: Bool
    var detection: Detection?
    /// An example value of each column, from the sample, for the comment above its declaration.
    var examples: [String: String] = [:]
    /// Who the alarms notify (`--alert-email`); none writes the section commented out, for the user to fill.
    var alertEmail: [String] = []
    var views = false
    var dataset = false

    /// The Glue names (database, table) of the pipeline: its name in snake_case.
    var snakeName: String { Self.snakeName(name) }
    var viewName: String { "\(snakeName)_daily" }
    var viewFile: String { Self.viewFile(name) }

    static func snakeName(_ name: String) -> String { name.replacingOccurrences(of: "-", with: "_") }
    static func viewFile(_ name: String) -> String { "views/\(snakeName(name))_daily.sql" }

    /// The files a draft of `name` writes, relative to the root: known before anything is read, so that an
    /// existing one is refused first.
    static func paths(name: String, views: Bool) -> [String] {
        let folder = Workspace.pipelinesFolder
        return ["\(folder)/\(name).yaml"] + (views ? ["\(folder)/\(viewFile(name))"] : [])
    }

    func files() -> [GeneratedFile] {
        zip(Self.paths(name: name, views: views), [manifest(), viewSQL()]).map {
            GeneratedFile(path: $0, contents: $1)
        }
    }

    func manifest() -> String {
        let q = YAMLScalar.scalar
        var out = "# Pipeline \(YAMLScalar.commentText(name)), written by `sluice new pipeline`"
        if let detection {
            out += " from a sample:\n# \(YAMLScalar.commentText(detection.summary)).\n"
        } else {
            out += ".\n"
        }
        out += """
            # Each section says what it does; a key marked optional can be deleted (its default is given). After any
            # change, run `sluice generate`; `sluice check` says what is out of date.
            name: \(q(name))
            # Optional: one line for the generated docs.
            description: \(q("\(format.rawValue) logs of \(logGroup)"))

            # Where the logs come from: a CloudWatch Logs log group of the source account.
            source:
              account: \(q(sourceAccount))
              log_group: \(q(logGroup))
              format: \(q(format.rawValue))
              # Optional: a CloudWatch Logs filter pattern; only matching events are delivered (default: every event).
              # filter_pattern: '"GET"'
              # Optional (default \(Defaults.retentionDays)): how many days the log group keeps events.
              retention_days: \(Defaults.retentionDays)

            # Optional section: how events reach the landing bucket (a subscription filter, then Firehose). Defaults:
            # mode \(Defaults.deliveryMode.rawValue), buffers of \(Defaults.bufferingSizeMB) MB or \
            \(Defaults.bufferingIntervalSeconds) s, raw objects kept \(Defaults.expireDays) days.
            # delivery:
            #   mode: \(Defaults.deliveryMode.rawValue)
            #   buffering_size_mb: \(Defaults.bufferingSizeMB)
            #   buffering_interval_seconds: \(Defaults.bufferingIntervalSeconds)
            #   expire_days: \(Defaults.expireDays)


            """
        if analyticsAccount != sourceAccount {
            out += """
                # Optional section: copies the raw objects to the account where the lake and the processor live.
                replication:
                  account: \(q(analyticsAccount))


                """
        }
        out += """
            # The Swift Lambda that parses each new object and writes the rows of the lake table.
            processor:
              name: \(q(name))
              # Optional: memory_mb (default \(Defaults.memoryMB)), timeout_seconds (\(Defaults.timeoutSeconds)), \
            architecture (\(Defaults.architecture.rawValue)),
              # reserved_concurrency (\(Defaults.reservedConcurrency)), environment (a map of variables), \
            enrichment (Athena lookups).

            """
        if transform == .swift {
            out += """
                  # A Swift transform fills what the declarations cannot say: `sluice generate` writes
                  # Sources/Processors/<Target>/Transform.swift once, for you to fill.
                  transform: swift

                """
        } else {
            out += """
                  # Optional (default none): `transform: swift` adds a Swift transform for what declarations cannot say.

                """
        }
        out += """
              output:
                table: \(q(snakeName))

            """
        if needsEventTime {
            if let time = columns.first(where: { $0.type == .timestamp }) {
                out += """
                        # The column whose value is the event's time: the dt partition is its UTC day.
                        event_time: \(q(time.name))

                    """
            } else {
                out += """
                        # The \(format.rawValue) format has no time of its own: declare a timestamp column and name it:
                        # event_time: <column>

                    """
            }
        }
        out += """
                # The table's columns. A column named like a field of the format is filled from it; `from:` names
                # another field. Delete what you do not need; a column nothing fills stays null.
                columns:

            """
        for column in columns {
            if let comment = column.comment, !comment.isEmpty {
                out += "      # \(YAMLScalar.commentText(comment))\n"
            }
            // A format that proposes a column with its own example (json) needs no second one.
            if let example = examples[column.name], column.comment?.hasPrefix("e.g.") != true {
                out += "      # e.g. \(YAMLScalar.commentValue(example))\n"
            }
            var entry = "name: \(q(column.name)), type: \(q(column.type.rawValue))"
            if let from = column.from { entry += ", from: \(YAMLScalar.quoted(from))" }
            out += "      - { \(entry) }\n"
        }
        out += """
                # Hive partitions of the table's objects: dt is the UTC day of each event.
                partition_keys:
                  - { name: dt, type: string, comment: "UTC date, yyyy-MM-dd" }

            # The Glue database the table is registered in, and how new partitions are found.
            catalog:
              database: \(q(snakeName))
              crawler:
                schedule: daily

            """
        out += alertsSection()
        if views {
            out += """

                # Athena views over the table, their SQL in pipelines/\(viewFile), each column listed with its type.
                views:
                  - name: \(q(viewName))
                    sql_file: \(q(viewFile))
                    columns:
                      - { name: day, type: date }
                      - { name: events, type: bigint }

                """
        }
        if dataset {
            out += """

                # QuickSight datasets on the views (import_mode: spice, with refresh: hourly or daily, caches them).
                datasets:
                  - name: \(q("\(name)-daily"))
                    view: \(q(viewName))

                # The QuickSight group that may use the datasets: it must exist in the analytics account.
                quicksight:
                  group: \(q("\(name)-analysts"))

                """
        }
        out += volumeSection()
        return out
    }

    /// The `volume` section, commented out with its defaults: what `sluice cost` assumes until it is declared.
    func volumeSection() -> String {
        """

        # The traffic `sluice cost` estimates from; nothing is deployed from it. These are the defaults.
        # volume:
        #   events_per_day: \(Defaults.eventsPerDay)    # or instead of these two: gb_per_day: 0.5
        #   average_event_bytes: \(Defaults.averageEventBytes)
        #   queries_per_day: \(Defaults.queriesPerDay)    # analysts' Athena queries a day on each view
        #   days_per_query: \(Defaults.daysPerQuery)     # the days of date partitions each query reads
        #   quicksight: { authors: \(Defaults.quickSightAuthors), readers: \(Defaults.quickSightReaders) }

        """
    }

    /// The `alerts` section: the addresses given, or the section commented out with what it takes. Without
    /// recipients the alarms are still made (the dashboard and `sluice status` read them) but notify no one, and
    /// `sluice check` says so until the section names someone or says `alerts: none`.
    func alertsSection() -> String {
        let thresholds =
            "errors: \(Defaults.alertErrors), throttles: \(Defaults.alertThrottles), dead_letters: "
            + "\(Defaults.alertDeadLetters), quiet_period_minutes: \(Defaults.alertQuietPeriodMinutes)"
        if alertEmail.isEmpty {
            return """

                # Who the pipeline's alarms notify. Until this section names someone they notify no one (`sluice validate`
                # warns); `alerts: none` makes no alarms at all. Each address confirms SNS's first message.
                # alerts:
                #   email: [you@example.com]
                #   # Or as well: existing SNS topics, by account name.
                #   # topics: { \(YAMLScalar.commentText(sourceAccount)): arn:aws:sns:<region>:<account id>:<topic> }
                #   # Optional, these are the defaults (more in the README's manifest reference):
                #   # thresholds: { \(thresholds) }

                """
        }
        var out = """

            # Who the pipeline's alarms notify: each address confirms SNS's first message. Optional: `topics:`
            # (existing SNS topics by account name); `alerts: none` makes no alarms at all.
            alerts:
              email:

            """
        for address in alertEmail { out += "    - \(YAMLScalar.scalar(address))\n" }
        out += """
              # Optional, these are the defaults (more in the README's manifest reference):
              # thresholds: { \(thresholds) }

            """
        return out
    }

    func viewSQL() -> String {
        """
        -- Events per day of pipeline \(name): a starter view written by `sluice new pipeline`, yours to change (list
        -- the columns it gives in the manifest's views section).
        SELECT
            CAST(dt AS date) AS day,
            count(*) AS events
        FROM {{ ref("\(snakeName)") }}
        GROUP BY dt

        """
    }
}
