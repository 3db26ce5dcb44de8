import SluiceDSL

/// The Swift form of `pipelines/integrations-usage.yaml`. It is not registered (the YAML form is the one in use);
/// a test proves both forms generate byte-identical files. To switch to Swift, delete the YAML file and add this
/// to `SwiftPipelines.registered`.
package let integrationsUsage = Pipeline(
    "integrations-usage",
    description: "HAProxy access logs of the /integrations/ endpoints, from the production account to the "
        + "analytics data lake, enriched with account and integration details.",
    source: .cloudWatch(
        account: "production", logGroup: "/haproxy/integrations-api", filterPattern: "\"/integrations/\"",
        format: .haproxyHTTP, retentionDays: 30),
    delivery: .firehose(mode: .extracted, bufferingSizeMB: 64, bufferingIntervalSeconds: 300, expireDays: 30),
    replication: .to("analytics", timeControl: false),
    processor: .lambda(
        "integration-enricher", memoryMB: 1024, timeoutSeconds: 300, architecture: .arm64, reservedConcurrency: 10,
        environment: ["LOG_LEVEL": "info"],
        enrichment: .athena(
            catalog: "directory", connector: "arn:aws:lambda:eu-west-1:222222222222:function:directory-connector",
            cacheTTLSeconds: 300
        ) {
            Lookup(
                "account", schema: "directory", table: "accounts", key: "account_id", match: "account_id",
                columns: ["account_name", "account_plan"])
            Lookup(
                "integration", schema: "directory", table: "integrations", key: "integration_id",
                match: "integration_id", columns: ["integration_name", "integration_vendor"])
        },
        output: .table("integration_requests") {
            Column("requested_at", .timestamp, comment: "HAProxy accept date, UTC", from: "accept_timestamp_ms")
            Column("client_ip", .string, from: "client_address")
            Column("frontend", .string)
            Column("backend", .string)
            Column("server", .string)
            Column("status", .int)
            Column("bytes_read", .bigint)
            Column("total_time_ms", .int)
            Column("termination_state", .string)
            Column("method", .string)
            Column("path", .string)
            Column(
                "integration_id", .string, comment: "From the request path", from: "path",
                template: "/integrations/{integration_id}/**", required: true)
            Column(
                "account_id", .string, comment: "From the request host", from: "request_headers[0]",
                template: "{account_id}.*.*", required: true, letterCase: .lower)
            Column("user_id", .string, from: "request_headers[1]")
            Column("account_name", .string)
            Column("account_plan", .string)
            Column("integration_name", .string)
            Column("integration_vendor", .string)
        } partitionedBy: {
            Column("dt", .string, comment: "UTC date, yyyy-MM-dd")
        }),
    catalog: .glue(database: "integrations", crawler: "hourly"),
    athena: .workgroup(bytesScannedCutoffMB: 10240, resultsExpireDays: 7),
    quickSight: .sharedWith(group: "integrations-analysts"),
    alerts: .notify(
        email: ["data-oncall@example.com"],
        thresholds: .thresholds(quarantineRatioPercent: 5, quarantineWindowMinutes: 60, quietPeriodMinutes: 360)),
    volume: .expected(
        eventsPerDay: 2_000_000, averageEventBytes: 230, queriesPerDay: 20, daysPerQuery: 7, quickSightAuthors: 1,
        quickSightReaders: 10
    ) {
        ViewVolume("integration_usage", queriesPerDay: 10, daysPerQuery: 30)
    },
    views: {
        View("integration_usage", sql: integrationUsageSQL) {
            Column("usage_date", .date)
            Column("integration_id", .string)
            Column("integration_name", .string)
            Column("requests", .bigint)
            Column("accounts", .bigint)
            Column("users", .bigint)
        }
    },
    datasets: {
        Dataset("integration-usage", view: "integration_usage", importMode: .spice, refresh: .hourly)
    },
    dashboards: {
        Dashboard("integrations-overview", dataset: "integration-usage") {
            Visual(.kpi, "Requests", measure: "requests", aggregation: .sum)
            Visual(
                .bar, "Requests by integration", dimension: "integration_name", measure: "requests", aggregation: .sum)
            Visual(.line, "Requests per day", dimension: "usage_date", measure: "requests", aggregation: .sum)
            Visual(.table, "Users per integration", dimension: "integration_name", measure: "users", aggregation: .sum)
        }
    }
)

/// The SQL of pipelines/views/integration_usage.sql.
private let integrationUsageSQL = """
    -- Integration usage: requests, distinct accounts and distinct users per integration per day.
    SELECT
        CAST(dt AS date) AS usage_date,
        integration_id,
        integration_name,
        count(*) AS requests,
        count(DISTINCT account_id) AS accounts,
        count(DISTINCT user_id) AS users
    FROM {{ ref("integration_requests") }}
    GROUP BY dt, integration_id, integration_name
    """
