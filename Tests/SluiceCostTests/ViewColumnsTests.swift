import SluiceModel
import Testing

@testable import SluiceCost

/// Which stored columns a view reads: names outside strings and comments, through the views it reads.
@Suite struct ViewColumnsTests {
    private func pipeline(views: String) throws -> Pipeline {
        let (_, pipeline, diagnostics) = CostFixtures.decode(CostFixtures.pipeline(views: views))
        #expect(!diagnostics.hasErrors, "\(diagnostics.sorted)")
        return try #require(pipeline)
    }

    @Test func stringsAndCommentsNameNoColumn() throws {
        let pipeline = try pipeline(
            views: """
                views:
                  - name: errors
                    sql: |
                      -- account_id is not read here
                      SELECT "Status", 'path' AS label /* account_name */ FROM {{ ref("requests") }}
                    columns:
                      - { name: status, type: int }
                      - { name: label, type: string }
                """)
        #expect(ViewColumns.read(by: pipeline.views[0], in: pipeline) == ["status"])
    }

    @Test func aStarReadsEveryColumnButCountStarDoesNot() throws {
        #expect(ViewColumns.tokens(in: "SELECT * FROM t").readsAll)
        #expect(ViewColumns.tokens(in: "SELECT r.* FROM t r").readsAll)
        #expect(!ViewColumns.tokens(in: "SELECT count(*) FROM t").readsAll)
    }

    @Test func aViewOfAViewReadsWhatTheInnerViewNames() throws {
        let pipeline = try pipeline(
            views: """
                views:
                  - name: inner
                    sql: SELECT account_id, path FROM {{ ref("requests") }}
                    columns:
                      - { name: account_id, type: string }
                      - { name: path, type: string }
                  - name: outer
                    sql: SELECT account_id FROM {{ ref("inner") }}
                    columns:
                      - { name: account_id, type: string }
                """)
        #expect(ViewColumns.read(by: pipeline.views[1], in: pipeline) == ["account_id", "path"])
        #expect(ViewColumns.share(of: pipeline.views[1], in: pipeline) == (2, 5))
    }
}
