import SluiceModel
import Testing

@testable import SluiceCost

/// Which stored columns a view reads: names outside strings and comments, through the views it reads.
@Suite struct ViewColumnShareTests {
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
        #expect(ViewColumnShare.read(by: pipeline.views[0], in: pipeline) == ["status"])
    }

    @Test func aStarReadsEveryStoredColumnButCountStarDoesNot() throws {
        func reads(_ sql: String) throws -> [String] {
            let pipeline = try pipeline(
                views: """
                    views:
                      - name: counted
                        sql: \(sql)
                        columns:
                          - { name: requests, type: bigint }
                    """)
            return ViewColumnShare.read(by: pipeline.views[0], in: pipeline)
        }
        #expect(try reads("SELECT count(*) AS requests FROM {{ ref(\"requests\") }}") == [])
        #expect(try reads("SELECT r.* FROM {{ ref(\"requests\") }} r").count == 5)
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
        #expect(ViewColumnShare.read(by: pipeline.views[1], in: pipeline) == ["account_id", "path"])
        #expect(ViewColumnShare.share(of: pipeline.views[1], in: pipeline) == (2, 5))
    }
}
