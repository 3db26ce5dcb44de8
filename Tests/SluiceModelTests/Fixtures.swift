import SluiceModel

/// A small valid project and pipeline; each bad-manifest case changes one thing in them.
enum Fixtures {
    static let project = """
        project:
          name: test
          prefix: acme
        accounts:
          - name: production
            id: "111111111111"
            region: eu-west-1
            deploy_role: arn:aws:iam::111111111111:role/deploy
          - name: analytics
            id: "222222222222"
            region: eu-west-1
            deploy_role: arn:aws:iam::222222222222:role/deploy
        state:
          bucket: acme-state
          region: eu-west-1
          account: analytics
        tags:
          team: data

        """

    // Line numbers in the cases below refer to this text.
    static let pipeline = """
        name: web
        source:
          account: production
          log_group: /haproxy/web
          filter_pattern: '"GET"'
          retention_days: 30
        delivery:
          mode: extracted
          buffering_size_mb: 64
          buffering_interval_seconds: 300
        replication:
          account: analytics
        processor:
          name: web-parser
          memory_mb: 512
          timeout_seconds: 60
          enrichment:
            catalog: directory
            connector: arn:aws:lambda:eu-west-1:222222222222:function:dir
            lookups:
              - name: account
                schema: directory
                table: accounts
                key: account_id
                match: account_id
                columns: [account_name]
          output:
            table: requests
            columns:
              - { name: requested_at, type: timestamp }
              - { name: account_id, type: string }
              - { name: account_name, type: string }
              - { name: status, type: int }
            partition_keys:
              - { name: dt, type: string }
        catalog:
          database: web
          crawler:
            schedule: hourly
        views:
          - name: daily
            sql: SELECT dt AS day, count(*) AS requests FROM {{ ref("requests") }} GROUP BY dt
            columns:
              - { name: day, type: string }
              - { name: requests, type: bigint }
        datasets:
          - name: daily_set
            view: daily
        dashboards:
          - name: overview
            dataset: daily_set
            visuals:
              - { type: kpi, title: Requests, measure: requests, aggregation: sum }
        quicksight:
          group: analysts
        alerts:
          email: [oncall@example.com]
          topics:
            analytics: arn:aws:sns:eu-west-1:222222222222:oncall

        """

    static func decodeProject(_ text: String = project) -> (Project?, Diagnostics) {
        var diagnostics = Diagnostics()
        let project = ProjectDecoder.decode(text, path: "pipelines/sluice.yaml", diagnostics: &diagnostics)
        return (project, diagnostics)
    }

    /// Decodes and validates a pipeline against the fixture project; returns every diagnostic.
    static func check(pipeline text: String, project projectText: String = project) -> Diagnostics {
        var diagnostics = Diagnostics()
        let project = ProjectDecoder.decode(projectText, path: "pipelines/sluice.yaml", diagnostics: &diagnostics)
        let pipeline = PipelineDecoder.decode(text, path: "pipelines/web.yaml", diagnostics: &diagnostics)
        if let project, let pipeline {
            diagnostics.append(contentsOf: Validator.validate(project: project, pipelines: [pipeline]))
        }
        return diagnostics
    }
}
