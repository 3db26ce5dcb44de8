import Testing

@testable import SluiceModel

@Suite("Views")
struct ViewGraphTests {
    func pipeline(views: [(String, String)]) throws -> Pipeline {
        var diagnostics = Diagnostics()
        var pipeline = try #require(
            PipelineDecoder.decode(Fixtures.pipeline, path: "pipelines/web.yaml", diagnostics: &diagnostics))
        pipeline.views = views.map { name, sql in
            View(
                name: name, sql: sql, sqlFile: "\(name).sql",
                sqlPlace: SQLPlace(
                    start: SourceLocation(file: "pipelines/\(name).sql", line: 1, column: 1), lineStartColumn: 1),
                columns: [Column(name: "n", type: .bigint, origin: pipeline.origin)], origin: pipeline.origin)
        }
        pipeline.datasets = []
        pipeline.dashboards = []
        return pipeline
    }

    @Test("references resolve to quoted database and table names, in any quoting and spacing")
    func resolves() throws {
        let graph = ViewGraph(
            pipeline: try pipeline(views: [
                ("a", "SELECT * FROM {{ref('requests')}} JOIN {{  ref(\"b\")  }}"),
                ("b", "SELECT 1 FROM {{ ref(\"requests\") }}"),
            ]))
        let a = graph.pipeline.views[0]
        #expect(graph.resolvedSQL(a) == "SELECT * FROM \"web\".\"requests\" JOIN \"web\".\"b\"")
        #expect(graph.ordered().map(\.name) == ["b", "a"])
        #expect(graph.lineage(of: a) == ["requests", "b"])
    }

    @Test("a cycle of two views is reported once, at its first view's SQL file")
    func cycle() throws {
        let pipeline = try pipeline(views: [
            ("a", "SELECT * FROM {{ ref(\"b\") }}"), ("b", "SELECT * FROM\n  {{ ref(\"a\") }}"),
            ("c", "SELECT * FROM {{ ref(\"a\") }}"),
        ])
        #expect(ViewGraph(pipeline: pipeline).cycles() == [["a", "b", "a"]])
        var diagnostics = Diagnostics()
        let project = try #require(
            ProjectDecoder.decode(Fixtures.project, path: "pipelines/sluice.yaml", diagnostics: &diagnostics))
        let errors = Validator.validate(project: project, pipelines: [pipeline]).errors
        #expect(errors.map(\.description) == ["pipelines/a.sql:1:1: error: views form a cycle: a -> b -> a"])
    }

    @Test("an unknown reference in a SQL file is placed at its line and column in that file")
    func locatedInFile() throws {
        let pipeline = try pipeline(views: [("a", "SELECT *\nFROM   {{ ref(\"requets\") }}")])
        var diagnostics = Diagnostics()
        let project = try #require(
            ProjectDecoder.decode(Fixtures.project, path: "pipelines/sluice.yaml", diagnostics: &diagnostics))
        let errors = Validator.validate(project: project, pipelines: [pipeline]).errors
        #expect(
            errors.map(\.description) == [
                "pipelines/a.sql:2:8: error: view 'a' reads unknown table or view 'requets' (did you mean 'requests'?)"
            ])
    }
}
