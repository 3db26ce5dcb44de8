import Testing

@testable import SluiceModel

/// One broken declaration: what to change in the fixtures, and the error expected at a line and column.
struct BadCase: CustomTestStringConvertible, Sendable {
    let name: String
    /// Text replaced in the fixture pipeline (or project, when `inProject`).
    let replace: String
    let with: String
    var inProject = false
    /// `file:line:column` of the expected error.
    let at: String
    /// A part of the expected message.
    let message: String

    var testDescription: String { name }

    /// The fixtures, with this case's replacement made in the file it names.
    func applied() -> (project: String, pipeline: String) {
        var project = Fixtures.project
        var pipeline = Fixtures.pipeline
        if inProject {
            #expect(project.contains(replace), "the fixture project must contain the text to replace")
            project = project.replacingOccurrences(of: replace, with: with)
        } else {
            #expect(pipeline.contains(replace), "the fixture pipeline must contain the text to replace")
            pipeline = pipeline.replacingOccurrences(of: replace, with: with)
        }
        return (project, pipeline)
    }

    /// Expects this case's error, at its location, among what validating the two files reports.
    func expectReported(project: String, pipeline: String) {
        let diagnostics = Fixtures.check(pipeline: pipeline, project: project)
        let matching = diagnostics.errors.filter { "\($0.location)" == at && $0.message.contains(message) }
        #expect(
            !matching.isEmpty,
            "expected \(at): error: ...\(message)...; got:\n\(diagnostics.sorted.map(\.description).joined(separator: "\n"))"
        )
    }
}

let badCases: [BadCase] = [
    BadCase(
        name: "unknown top-level key, with suggestion", replace: "source:\n", with: "sources:\n",
        at: "pipelines/web.yaml:2:1", message: "unknown key 'sources' in 'top level' (did you mean 'source'?)"),
    BadCase(
        name: "unknown nested key", replace: "  memory_mb: 512", with: "  memory: 512",
        at: "pipelines/web.yaml:15:3", message: "unknown key 'memory' in 'processor' (did you mean 'memory_mb'?)"),
    BadCase(
        name: "missing required key", replace: "  log_group: /haproxy/web\n", with: "",
        at: "pipelines/web.yaml:3:3", message: "missing required key 'log_group' in 'source'"),
    BadCase(
        name: "integer expected", replace: "memory_mb: 512", with: "memory_mb: lots",
        at: "pipelines/web.yaml:15:14", message: "expected an integer for 'processor.memory_mb', found 'lots'"),
    BadCase(
        name: "mapping expected", replace: "replication:\n  account: analytics", with: "replication: analytics",
        at: "pipelines/web.yaml:11:14", message: "expected a mapping for 'replication', found 'analytics'"),
    BadCase(
        name: "list expected", replace: "columns: [account_name]", with: "columns: account_name",
        at: "pipelines/web.yaml:26:18", message: "expected a list for 'processor.enrichment.lookups[0].columns'"),
    BadCase(
        name: "string expected", replace: "  log_group: /haproxy/web", with: "  log_group: [a, b]",
        at: "pipelines/web.yaml:4:14", message: "expected a string for 'source.log_group', found a list"),
    BadCase(
        name: "bad enum value, with suggestion", replace: "mode: extracted", with: "mode: extract",
        at: "pipelines/web.yaml:8:9",
        message: "'extract' is not a valid 'delivery.mode'; expected one of extracted, raw"),
    BadCase(
        name: "bad column type", replace: "{ name: status, type: int }", with: "{ name: status, type: integer }",
        at: "pipelines/web.yaml:33:31", message: "'integer' is not a valid 'processor.output.columns[3].type'"),
    BadCase(
        name: "duplicate key", replace: "  memory_mb: 512\n", with: "  memory_mb: 512\n  memory_mb: 256\n",
        at: "pipelines/web.yaml:16:3", message: "duplicate key 'memory_mb' (first given at line 15)"),
    BadCase(
        name: "YAML syntax error", replace: "  timeout_seconds: 60", with: "  timeout_seconds: [60",
        at: "pipelines/web.yaml:17:13", message: "YAML syntax: did not find expected ',' or ']'"),
    BadCase(
        name: "unknown account, with suggestion", replace: "  account: production", with: "  account: prodution",
        at: "pipelines/web.yaml:3:12",
        message: "unknown account 'prodution'; the project declares production, analytics (did you mean 'production'?)"),
    BadCase(
        name: "replication to an unknown account", replace: "  account: analytics", with: "  account: warehouse",
        at: "pipelines/web.yaml:12:12", message: "unknown account 'warehouse'"),
    BadCase(
        name: "replication into the source account", replace: "  account: analytics", with: "  account: production",
        at: "pipelines/web.yaml:12:12", message: "replication target 'production' is the source account"),
    BadCase(
        name: "bad pipeline name", replace: "name: web\n", with: "name: Web_Logs\n",
        at: "pipelines/web.yaml:1:7", message: "a pipeline name 'Web_Logs' must start with a lowercase letter"),
    BadCase(
        name: "bad log group characters", replace: "log_group: /haproxy/web", with: "log_group: /haproxy/web logs",
        at: "pipelines/web.yaml:4:14", message: "a log group name takes only letters, digits and"),
    BadCase(
        name: "retention CloudWatch does not offer", replace: "retention_days: 30", with: "retention_days: 31",
        at: "pipelines/web.yaml:6:19", message: "CloudWatch Logs does not offer a retention of 31 days"),
    BadCase(
        name: "Firehose buffer too large", replace: "buffering_size_mb: 64", with: "buffering_size_mb: 256",
        at: "pipelines/web.yaml:9:22", message: "buffering_size_mb must be 1 to 128, found 256"),
    BadCase(
        name: "Firehose interval too long", replace: "buffering_interval_seconds: 300",
        with: "buffering_interval_seconds: 1200",
        at: "pipelines/web.yaml:10:31", message: "buffering_interval_seconds must be 0 to 900"),
    BadCase(
        name: "prefix expression without error prefix", replace: "  buffering_size_mb: 64",
        with: "  prefix: logs/!{timestamp:yyyy/MM/dd}/\n  buffering_size_mb: 64",
        at: "pipelines/web.yaml:9:11", message: "needs an error_prefix"),
    BadCase(
        name: "error prefix without error-output-type", replace: "  buffering_size_mb: 64",
        with: "  prefix: logs/!{timestamp:yyyy/MM/dd}/\n  error_prefix: errors/\n  buffering_size_mb: 64",
        at: "pipelines/web.yaml:10:17", message: "must contain '!{firehose:error-output-type}'"),
    BadCase(
        name: "unknown Firehose expression", replace: "  buffering_size_mb: 64",
        with:
            "  prefix: logs/!{timestmp:yyyy}/\n  error_prefix: e/!{firehose:error-output-type}/\n  buffering_size_mb: 64",
        at: "pipelines/web.yaml:9:11", message: "'!{timestmp:yyyy}' is not a Firehose expression Sluice knows"),
    BadCase(
        name: "prefix starting with a slash", replace: "  buffering_size_mb: 64",
        with: "  prefix: /logs/\n  buffering_size_mb: 64",
        at: "pipelines/web.yaml:9:11", message: "the prefix must not start with '/'"),
    BadCase(
        name: "prefix with no fixed folder", replace: "  buffering_size_mb: 64",
        with:
            "  prefix: '!{timestamp:yyyy}/'\n  error_prefix: e/!{firehose:error-output-type}/\n  buffering_size_mb: 64",
        at: "pipelines/web.yaml:9:11", message: "the prefix must start with a fixed folder"),
    BadCase(
        name: "error prefix under the data prefix", replace: "  buffering_size_mb: 64",
        with:
            "  prefix: logs/!{timestamp:yyyy}/\n  error_prefix: logs/errors/!{firehose:error-output-type}/\n  buffering_size_mb: 64",
        at: "pipelines/web.yaml:10:17", message: "the error_prefix lies under the prefix 'logs/'"),
    BadCase(
        name: "cron with five fields", replace: "schedule: hourly", with: "schedule: cron(0 * * * ?)",
        at: "pipelines/web.yaml:39:15", message: "a cron expression has 6 fields"),
    BadCase(
        name: "cron minute out of range", replace: "schedule: hourly", with: "schedule: cron(61 * * * ? *)",
        at: "pipelines/web.yaml:39:15", message: "'61' is not a valid minutes value (0-59)"),
    BadCase(
        name: "cron with both day fields", replace: "schedule: hourly", with: "schedule: cron(0 * * * * *)",
        at: "pipelines/web.yaml:39:15", message: "exactly one of day-of-month and day-of-week must be '?'"),
    BadCase(
        name: "schedule that is not cron", replace: "schedule: hourly", with: "schedule: every hour",
        at: "pipelines/web.yaml:39:15", message: "a schedule is 'hourly', 'daily' or 'cron("),
    BadCase(
        name: "crawler and projection together", replace: "  crawler:\n    schedule: hourly",
        with: "  crawler:\n    schedule: hourly\n  projection:\n    key: dt\n    since: 2024-01-01",
        at: "pipelines/web.yaml:39:5", message: "'catalog' takes either 'crawler' or 'projection', not both"),
    BadCase(
        name: "projection on a column that is not a partition key", replace: "  crawler:\n    schedule: hourly",
        with: "  projection:\n    key: day\n    since: 2024-01-01",
        at: "pipelines/web.yaml:39:10", message: "projection key 'day' is not a partition key of 'requests'"),
    BadCase(
        name: "bad Glue database name", replace: "database: web", with: "database: Web-Logs",
        at: "pipelines/web.yaml:37:13", message: "a database name 'Web-Logs' must hold only lowercase letters"),
    BadCase(
        name: "bad table name", replace: "table: requests", with: "table: Requests",
        at: "pipelines/web.yaml:28:12", message: "a table name 'Requests' must hold only lowercase letters"),
    BadCase(
        name: "duplicate column", replace: "{ name: status, type: int }", with: "{ name: account_id, type: int }",
        at: "pipelines/web.yaml:33:17",
        message: "duplicate column 'account_id' (first declared at pipelines/web.yaml:31:17)"),
    BadCase(
        name: "memory out of Lambda's range", replace: "memory_mb: 512", with: "memory_mb: 64",
        at: "pipelines/web.yaml:15:14", message: "memory_mb must be 128 to 10240, found 64"),
    BadCase(
        name: "timeout beyond 15 minutes", replace: "timeout_seconds: 60", with: "timeout_seconds: 901",
        at: "pipelines/web.yaml:16:20", message: "timeout_seconds must be 1 to 900"),
    BadCase(
        name: "processor name too long", replace: "name: web-parser",
        with: "name: web-parser-with-a-very-long-name-for-this",
        at: "pipelines/web.yaml:14:9", message: "a processor name must be 1 to 40 characters"),
    BadCase(
        name: "pipeline name making a bucket name too long", replace: "name: web\n",
        with: "name: web-requests-of-every-frontend-in-europe\n",
        at: "pipelines/web.yaml:1:7",
        message: "derived bucket name: an S3 bucket name must be 3 to 63 characters, "
            + "'acme-web-requests-of-every-frontend-in-europe-landing-222222222222' has 66"),
    BadCase(
        name: "reserved environment variable", replace: "  timeout_seconds: 60",
        with: "  timeout_seconds: 60\n  environment:\n    AWS_REGION: eu-west-1",
        at: "pipelines/web.yaml:18:5", message: "'AWS_REGION' is reserved by Lambda"),
    BadCase(
        name: "lookup matching an unknown column", replace: "match: account_id", with: "match: acount_id",
        at: "pipelines/web.yaml:25:16",
        message:
            "lookup 'account' matches on 'acount_id', which is not a column of table 'requests' (did you mean 'account_id'?)"
    ),
    BadCase(
        name: "lookup filling an unknown column", replace: "columns: [account_name]", with: "columns: [account_title]",
        at: "pipelines/web.yaml:26:18", message: "lookup 'account' fills 'account_title'"),
    BadCase(
        name: "connector that is not a Lambda ARN",
        replace: "connector: arn:aws:lambda:eu-west-1:222222222222:function:dir", with: "connector: dir",
        at: "pipelines/web.yaml:19:16", message: "'dir' is not a Lambda function ARN"),
    BadCase(
        name: "dataset on an unknown view (dangling reference)", replace: "view: daily", with: "view: dayly",
        at: "pipelines/web.yaml:48:11",
        message: "dataset 'daily_set' is on unknown view 'dayly' (did you mean 'daily'?)"),
    BadCase(
        name: "dashboard on an unknown dataset", replace: "dataset: daily_set", with: "dataset: weekly",
        at: "pipelines/web.yaml:51:14", message: "dashboard 'overview' uses unknown dataset 'weekly'"),
    BadCase(
        name: "bad visual type", replace: "type: kpi", with: "type: pie",
        at: "pipelines/web.yaml:53:17", message: "'pie' is not a valid 'dashboards[0].visuals[0].type'"),
    BadCase(
        name: "view naming an unknown table, at the reference", replace: "{{ ref(\"requests\") }}",
        with: "{{ ref(\"request\") }}",
        at: "pipelines/web.yaml:42:54",
        message: "view 'daily' reads unknown table or view 'request' (did you mean 'requests'?)"),
    BadCase(
        name: "malformed reference", replace: "{{ ref(\"requests\") }}", with: "{{ requests }}",
        at: "pipelines/web.yaml:42:54", message: "expected {{ ref(\"name\") }}, found {{ requests }}"),
    BadCase(
        name: "view reading nothing", replace: "FROM {{ ref(\"requests\") }} GROUP BY dt", with: "FROM elsewhere",
        at: "pipelines/web.yaml:42:10", message: "view 'daily' reads no table"),
    BadCase(
        name: "a view reading itself is a cycle", replace: "{{ ref(\"requests\") }}", with: "{{ ref(\"daily\") }}",
        at: "pipelines/web.yaml:42:10", message: "views form a cycle: daily -> daily"),
    BadCase(
        name: "view without columns",
        replace: "    columns:\n      - { name: day, type: string }\n      - { name: requests, type: bigint }\n",
        with: "", at: "pipelines/web.yaml:41:5", message: "missing required key 'columns' in 'views[0]'"),
    BadCase(
        name: "dashboard naming an unknown column", replace: "measure: requests", with: "measure: request",
        at: "pipelines/web.yaml:53:48",
        message: "visual 'Requests' names unknown column 'request' of dataset 'daily_set' (did you mean 'requests'?)"),
    BadCase(
        name: "numeric aggregation on a text column", replace: "measure: requests, aggregation: sum",
        with: "measure: day, aggregation: sum",
        at: "pipelines/web.yaml:53:66", message: "aggregation sum needs a numeric column, but 'day' is string"),
    BadCase(
        name: "line visual over a column that is not a time",
        replace: "{ type: kpi, title: Requests, measure: requests, aggregation: sum }",
        with: "{ type: line, title: Requests, dimension: day, measure: requests, aggregation: sum }",
        at: "pipelines/web.yaml:53:51", message: "a line visual runs over time: its dimension 'day' must be a date"),
    BadCase(
        name: "bar visual without a dimension", replace: "type: kpi", with: "type: bar",
        at: "pipelines/web.yaml:53:9", message: "a bar visual needs a dimension"),
    BadCase(
        name: "dashboards without a quicksight group", replace: "quicksight:\n  group: analysts\n", with: "",
        at: "pipelines/web.yaml:47:5", message: "datasets and dashboards need a 'quicksight' section"),
    BadCase(
        name: "bytes scanned cutoff under Athena's minimum", replace: "views:\n",
        with: "athena:\n  bytes_scanned_cutoff_mb: 5\nviews:\n",
        at: "pipelines/web.yaml:41:28", message: "bytes_scanned_cutoff_mb must be 10 to 8796093022207"),
    BadCase(
        name: "refresh on a direct-query dataset", replace: "    view: daily\n",
        with: "    view: daily\n    refresh: hourly\n",
        at: "pipelines/web.yaml:49:14", message: "a refresh schedule needs import_mode spice"),
    BadCase(
        name: "project: bad account id", replace: "id: \"111111111111\"", with: "id: \"11111111111\"", inProject: true,
        at: "pipelines/sluice.yaml:6:9", message: "an AWS account id is 12 digits, found '11111111111'"),
    BadCase(
        name: "project: deploy role in another account", replace: "role_arn_placeholder", with: "", inProject: true,
        at: "pipelines/sluice.yaml:8:18",
        message: "the role 'arn:aws:iam::222222222222:role/deploy' is in account 222222222222"),
    BadCase(
        name: "project: bad region", replace: "    region: eu-west-1\n    deploy_role: arn:aws:iam::1111",
        with: "    region: europe\n    deploy_role: arn:aws:iam::1111", inProject: true,
        at: "pipelines/sluice.yaml:7:13", message: "'europe' is not an AWS region name"),
    BadCase(
        name: "project: bad state bucket", replace: "bucket: acme-state", with: "bucket: Acme_State", inProject: true,
        at: "pipelines/sluice.yaml:14:11", message: "an S3 bucket name takes only lowercase letters"),
    BadCase(
        name: "project: state in an unknown account", replace: "  account: analytics", with: "  account: shared",
        inProject: true, at: "pipelines/sluice.yaml:16:12", message: "unknown account 'shared'"),
    BadCase(
        name: "project: missing accounts", replace: "accounts:", with: "acounts:", inProject: true,
        at: "pipelines/sluice.yaml:4:1", message: "unknown key 'acounts' in 'top level' (did you mean 'accounts'?)"),
    BadCase(
        name: "project: prefix too long for derived names", replace: "prefix: acme",
        with: "prefix: acme-data-platform-x",
        inProject: true, at: "pipelines/sluice.yaml:3:11", message: "the project prefix must be 1 to 16 characters"),
    BadCase(
        name: "project: reserved tag key", replace: "  team: data", with: "  aws:team: data", inProject: true,
        at: "pipelines/sluice.yaml:18:3", message: "tag key 'aws:team' starts with 'aws:', which is reserved by AWS"),
    BadCase(
        name: "output: JSON compressed with snappy", replace: "    table: requests\n",
        with: "    table: requests\n    format: json\n    compression: snappy\n",
        at: "pipelines/web.yaml:30:18", message: "'snappy' is not a valid 'compression' for json output; expected gzip"),
    BadCase(
        name: "output: timestamp partition key", replace: "  - { name: dt, type: string }",
        with: "  - { name: dt, type: timestamp }",
        at: "pipelines/web.yaml:35:27", message: "partition key 'dt' is a timestamp: a partition folder cannot name one"
    ),
    BadCase(
        name: "output: unknown format", replace: "    table: requests\n",
        with: "    table: requests\n    format: orc\n",
        at: "pipelines/web.yaml:29:13",
        message: "'orc' is not a valid 'processor.output.format'; expected one of parquet, json"),
    BadCase(
        name: "from: a bad path, at its byte", replace: "{ name: account_id, type: string }",
        with: "{ name: account_id, type: string, from: \"request_headers[x]\" }",
        at: "pipelines/web.yaml:31:66",
        message: "column 'account_id': 'from' is not a field path: expected an index (digits) or a quoted key after `[`"
    ),
    BadCase(
        name: "template: not closed, at its byte", replace: "{ name: account_id, type: string }",
        with: "{ name: account_id, type: string, from: host, template: \"{account_id\" }",
        at: "pipelines/web.yaml:31:66", message: "column 'account_id': 'template' is not a template: `{` is not closed"),
    BadCase(
        name: "template: a capture named otherwise than the column", replace: "{ name: account_id, type: string }",
        with: "{ name: account_id, type: string, template: '{account}.*.*' }",
        at: "pipelines/web.yaml:31:55",
        message:
            "column 'account_id': the template captures '{account}'; a capture is named like the column it fills, '{account_id}'"
    ),
    BadCase(
        name: "template: no capture", replace: "{ name: account_id, type: string }",
        with: "{ name: account_id, type: string, template: \"*/**\" }",
        at: "pipelines/web.yaml:31:54", message: "a template captures one value, `{name}` (named like its column)"),
    BadCase(
        name: "required: not a boolean", replace: "{ name: account_id, type: string }",
        with: "{ name: account_id, type: string, required: yes }",
        at: "pipelines/web.yaml:31:53",
        message: "expected true or false for 'processor.output.columns[1].required', found 'yes'"),
    BadCase(
        name: "case: unknown, with suggestion", replace: "{ name: account_id, type: string }",
        with: "{ name: account_id, type: string, case: lowercase }",
        at: "pipelines/web.yaml:31:49",
        message:
            "'lowercase' is not a valid 'processor.output.columns[1].case'; expected one of lower, upper (did you mean 'lower'?)"
    ),
    BadCase(
        name: "case: on a column that is not text", replace: "{ name: status, type: int }",
        with: "{ name: status, type: int, case: upper }",
        at: "pipelines/web.yaml:33:42", message: "column 'status': 'case' changes text, and the column is int"),
    BadCase(
        name: "a dt partition key declared", replace: "{ name: dt, type: string }",
        with: "{ name: dt, type: string, from: accept_date }",
        at: "pipelines/web.yaml:35:9",
        message: "partition key 'dt' is the UTC day of the event time: it takes no 'from' or 'template'"),
    BadCase(
        name: "event_time: no such column, with suggestion", replace: "    partition_keys:\n",
        with: "    event_time: requested\n    partition_keys:\n",
        at: "pipelines/web.yaml:34:17",
        message: "event_time 'requested' is not a column of table 'requests' (did you mean 'requested_at'?)"),
    BadCase(
        name: "event_time: not a timestamp column", replace: "    partition_keys:\n",
        with: "    event_time: status\n    partition_keys:\n",
        at: "pipelines/web.yaml:34:17", message: "event_time 'status' is int; it names a timestamp column"),
    BadCase(
        name: "json records without event_time for the dt partition", replace: "  log_group: /haproxy/web\n",
        with: "  log_group: /haproxy/web\n  format: json\n",
        at: "pipelines/web.yaml:36:9",
        message: "'json' records have no event time of their own, so the 'dt' partition needs 'event_time'"),
    BadCase(
        name: "transform: neither none nor swift", replace: "  timeout_seconds: 60\n",
        with: "  timeout_seconds: 60\n  transform: swfit\n",
        at: "pipelines/web.yaml:17:14",
        message: "'swfit' is not a valid 'processor.transform'; expected one of none, swift (did you mean 'swift'?)"),
    BadCase(
        name: "a view column takes no declaration", replace: "      - { name: day, type: string }",
        with: "      - { name: day, type: string, from: dt }",
        at: "pipelines/web.yaml:44:36", message: "unknown key 'from' in 'views[0].columns[0]'"),
]

@Suite("Bad manifests")
struct BadManifestTests {
    @Test("each bad manifest gets its error at its line and column", arguments: badCases)
    func badManifest(_ bad: BadCase) throws {
        var (project, pipeline) = (Fixtures.project, Fixtures.pipeline)
        if bad.name == "project: deploy role in another account" {
            project = project.replacingOccurrences(
                of: "arn:aws:iam::111111111111:role/deploy", with: "arn:aws:iam::222222222222:role/deploy")
        } else {
            (project, pipeline) = bad.applied()
        }
        bad.expectReported(project: project, pipeline: pipeline)
    }

    @Test("the fixtures themselves are valid")
    func fixturesAreValid() {
        let diagnostics = Fixtures.check(pipeline: Fixtures.pipeline)
        #expect(diagnostics.all.isEmpty, "\(diagnostics.sorted.map(\.description))")
    }

    @Test("every error of a file is reported in one run")
    func allErrorsAtOnce() {
        let broken = Fixtures.pipeline
            .replacingOccurrences(of: "memory_mb: 512", with: "memory_mb: lots")
            .replacingOccurrences(of: "mode: extracted", with: "mode: extract")
            .replacingOccurrences(of: "schedule: hourly", with: "schedule: weekly")
        let diagnostics = Fixtures.check(pipeline: broken)
        let lines = Set(diagnostics.errors.map(\.location.line))
        #expect(lines.isSuperset(of: [8, 15]), "\(diagnostics.sorted.map(\.description))")
        #expect(diagnostics.errors.count >= 2)
    }

    @Test("a duplicate pipeline is reported at the second declaration")
    func duplicatePipeline() throws {
        var diagnostics = Diagnostics()
        let project = try #require(
            ProjectDecoder.decode(Fixtures.project, path: "pipelines/sluice.yaml", diagnostics: &diagnostics))
        let first = try #require(
            PipelineDecoder.decode(Fixtures.pipeline, path: "pipelines/a.yaml", diagnostics: &diagnostics))
        let second = try #require(
            PipelineDecoder.decode(Fixtures.pipeline, path: "pipelines/b.yaml", diagnostics: &diagnostics))
        let result = Validator.validate(project: project, pipelines: [first, second])
        let error = try #require(result.errors.first { $0.message.hasPrefix("duplicate pipeline 'web'") })
        #expect("\(error.location)" == "pipelines/b.yaml:1:7")
        #expect(error.message.contains("first declared at pipelines/a.yaml:1:7"))
    }

    @Test("a third subscription filter on one log group is refused")
    func tooManyFilters() throws {
        var diagnostics = Diagnostics()
        let project = try #require(
            ProjectDecoder.decode(Fixtures.project, path: "pipelines/sluice.yaml", diagnostics: &diagnostics))
        let pipelines = try ["one", "two", "three"].map { name in
            let text = Fixtures.pipeline
                .replacingOccurrences(of: "name: web\n", with: "name: \(name)\n")
                .replacingOccurrences(of: "name: web-parser", with: "name: \(name)-parser")
                .replacingOccurrences(of: "database: web", with: "database: \(name)")
            return try #require(PipelineDecoder.decode(text, path: "pipelines/\(name).yaml", diagnostics: &diagnostics))
        }
        let result = Validator.validate(project: project, pipelines: pipelines)
        let error = try #require(result.errors.first { $0.message.contains("third subscription filter") })
        #expect(error.location.file == "pipelines/three.yaml")
    }

    @Test("there are at least 30 bad-manifest cases")
    func enoughCases() {
        #expect(badCases.count >= 30)
    }
}
