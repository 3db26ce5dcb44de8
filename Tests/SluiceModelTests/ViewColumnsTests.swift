import Testing

@testable import SluiceModel

@Suite("Columns a view reads")
struct ViewColumnsTests {
    @Test("names in comments and string literals do not count; quoted identifiers do, without case")
    func commentsAndStrings() {
        let reads = ViewColumns(
            sql: #"""
                -- status is not read here
                SELECT /* nor path */ "Account_ID", `user_id`, 'method' AS label, 'it''s method'
                FROM {{ ref("requests") }} -- backend
                WHERE x = 1e5 AND "say ""hi""" IS NOT NULL
                """#)
        #expect(reads.reads("account_id"))
        #expect(reads.reads("USER_ID"))
        #expect(reads.reads("x"))
        #expect(reads.reads("say \"hi\""))
        for name in ["status", "path", "method", "backend", "requests", "e5"] {
            #expect(!reads.reads(name), "\(name) is named only in a comment, a string, a reference or a number")
        }
        #expect(!reads.readsEverything)
    }

    @Test("a star in a select list reads everything; count(*) and a product do not")
    func star() {
        #expect(ViewColumns(sql: "SELECT * FROM t").readsEverything)
        #expect(ViewColumns(sql: "SELECT a, t.* FROM t").readsEverything)
        #expect(ViewColumns(sql: "SELECT DISTINCT * FROM t").readsEverything)
        #expect(!ViewColumns(sql: "SELECT count(*) AS n, a * b AS c FROM t").readsEverything)
    }

    @Test("each output column of the first SELECT names the identifiers of its expression")
    func outputs() {
        let reads = ViewColumns(
            sql: """
                WITH x AS (SELECT a AS hidden FROM t)
                SELECT CAST(dt AS date) AS usage_date, integration_id, count(DISTINCT user_id) users, t.status
                FROM x GROUP BY dt
                """)
        #expect(reads.outputs["usage_date"] == ["cast", "as", "dt", "date"])
        #expect(reads.outputs["integration_id"] == ["integration_id"])
        #expect(reads.outputs["users"] == ["count", "distinct", "user_id"])
        #expect(reads.outputs["status"] == ["t", "status"])
        #expect(reads.outputs["hidden"] == nil)
    }

    @Test("a column's users: the views reading it, views over those, their datasets, dashboards and visuals")
    func users() throws {
        var diagnostics = Diagnostics()
        var pipeline = try #require(
            PipelineDecoder.decode(Fixtures.pipeline, path: "pipelines/web.yaml", diagnostics: &diagnostics))
        let origin = pipeline.origin
        func view(_ name: String, _ sql: String, _ columns: [String]) -> View {
            View(
                name: name, sql: sql, columns: columns.map { Column(name: $0, type: .string, origin: origin) },
                origin: origin)
        }
        pipeline.views = [
            view(
                "daily", "SELECT dt AS day, count(*) AS requests FROM {{ ref(\"requests\") }} GROUP BY dt",
                [
                    "day", "requests",
                ]),
            view("by_status", "SELECT status, 'account_id' AS note FROM {{ ref(\"requests\") }}", ["status", "note"]),
            view("recent", "SELECT day FROM {{ ref(\"daily\") }} -- status", ["day"]),
        ]
        pipeline.datasets = [
            Dataset(name: "daily_set", view: "daily", origin: origin),
            Dataset(name: "recent_set", view: "recent", origin: origin),
        ]
        pipeline.dashboards = [
            Dashboard(
                name: "overview", dataset: "daily_set",
                visuals: [
                    Visual(
                        kind: .line, title: "Per day", dimension: "day", measure: "requests", aggregation: .sum,
                        origin: origin),
                    Visual(kind: .kpi, title: "Total", measure: "requests", aggregation: .sum, origin: origin),
                ], origin: origin)
        ]
        let contract = TableContract(pipeline: pipeline)
        let users = Dictionary(uniqueKeysWithValues: contract.columns.map { ($0.name, $0.users) })
        #expect(
            users["dt"]
                == ColumnUsers(
                    views: ["daily", "recent"], datasets: ["daily_set", "recent_set"], dashboards: ["overview"],
                    visuals: ["overview: Per day"]))
        #expect(users["status"] == ColumnUsers(views: ["by_status"]))
        #expect(users["account_id"] == ColumnUsers(), "named only in a string literal")
        #expect(contract.columns.last?.partitionKey == true)
        #expect(contract.stack == "analytics")
        #expect(contract.qualifiedName == "web.requests")
    }

    @Test("a column's source ignores the template's capture, so a rename keeps it")
    func source() {
        let old = ColumnContract(
            name: "integration_id", type: "string", from: "path", template: "/i/{integration_id}/**")
        let new = ColumnContract(name: "integration", type: "string", from: "path", template: "/i/{integration}/**")
        #expect(old.source == new.source)
        #expect(ColumnContract(name: "a", type: "string").source == "a")
        #expect(ColumnContract(name: "b", type: "string", from: "a").source == "a")
    }
}
