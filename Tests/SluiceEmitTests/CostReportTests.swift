import Foundation
import SluiceCost
import SluiceJSON
import Testing

@testable import SluiceEmit

@Suite("Cost reports: text, Markdown and JSON of an estimate, and the comparison with a base")
struct CostReportTests {
    typealias F = CostReportFixtures

    @Test("the JSON document starts with the generated marker, sorts its keys and holds every line and total")
    func jsonDocument() throws {
        let text = CostJSON.document(F.project())
        #expect(text.hasPrefix("{\n  \"//\": \"\(GeneratedFile.marker)"))
        #expect(GeneratedFile.isOwned(Array(text.utf8)))
        let document = try JSONValue(parsing: text)
        #expect(document.pretty() == text, "keys are sorted and the bytes are the writer's")
        let pipeline = try #require(document["pipelines"]?["0"])
        #expect(pipeline["monthly_usd"]?.doubleValue == 42.504)
        #expect(document["monthly_usd"]?.doubleValue == 42.504)
        #expect(pipeline["lines"]?.arrayValue?.count == 4)
        #expect(pipeline["by_stage"]?["queries"]?.doubleValue == 30)
        #expect(pipeline["by_account"]?["production"]?.doubleValue == 12.5)
        #expect(
            pipeline["lines"]?["0"]?["formula"]?.stringValue == "2,000,000 events/day × 300 B × 30.42 days = 17.0 GB")
        #expect(pipeline["alternatives"]?["0"]?["delta_usd"]?.doubleValue == -2.504)
    }

    @Test("the base's JSON read back compares equal to the estimate it was written from: no change")
    func roundTrip() throws {
        let estimate = F.project(["a", "b"])
        let base = try CostBaseline(parsing: Array(CostJSON.document(estimate).utf8))
        #expect(base == CostBaseline(estimate))
        let delta = CostDelta(base: base, branch: CostBaseline(estimate), basePath: "base/generated/cost.json")
        #expect(delta.lines.isEmpty && delta.deltaUSD == 0)
    }

    @Test("the delta: each pipeline's totals, added and removed ones, changed lines largest first")
    func delta() {
        let base = ProjectEstimate(pricesAsOf: "2026-11-30", pipelines: [F.pipeline("kept"), F.pipeline("gone")])
        var kept = F.pipeline("kept", athenaTB: 8)
        kept.lines[1].monthlyUSD += 0.001  // under half a cent: not a change
        let branch = ProjectEstimate(pricesAsOf: "2026-11-30", pipelines: [kept, F.pipeline("new")])
        let delta = CostDelta(base: CostBaseline(base), branch: CostBaseline(branch), basePath: "b")
        #expect(delta.pipelines.map(\.pipeline) == ["gone", "kept", "new"])
        #expect(delta.pipelines[0].afterUSD == nil && delta.pipelines[2].beforeUSD == nil)
        #expect(abs(delta.pipelines[1].deltaUSD - 10.001) < 1e-9)
        #expect(abs(delta.deltaUSD - 10.001) < 1e-9)
        // Athena of "gone" and "new" (±$30) tie, then the $10 changes (kept's Athena, both ingestions), in pipeline
        // order; the catalog's $0.004 lines are no change.
        #expect(delta.lines.count == 1 + 2 * 3)
        #expect(delta.lines.prefix(5).map(\.key.pipeline) == ["gone", "new", "gone", "kept", "new"])
        #expect(delta.lines.map { abs($0.deltaUSD) }.prefix(5) == [30, 30, 10, 10, 10])
        #expect(delta.lines.contains { $0.key.pipeline == "kept" && $0.deltaUSD == 10 })
        #expect(!delta.lines.contains { $0.key.pipeline == "kept" && $0.key.item == "Firehose ingestion" })
        #expect(delta.pipelinesByChange.first?.pipeline == "gone")
    }

    @Test(
        "text: stages with their totals, each line's quantity, price and formula, accounts, assumptions, alternatives")
    func text() {
        let text = CostText.report(F.project(), project: "acme-logs")
        for line in text.split(separator: "\n") { #expect(line.count <= CostText.width, "\(line)") }
        #expect(text.hasPrefix("integrations-usage"))
        #expect(text.contains("\n  queries" + String(repeating: " ", count: CostText.width - 15) + "$30.00\n"))
        #expect(text.contains("Athena scans "))
        #expect(text.contains("6 TB × $5.00 "))
        #expect(text.contains("\n      24 queries/day × 30.42 days × 10 MB minimum\n"))
        #expect(text.contains("analytics (eu-west-2)"))
        #expect(text.contains("    - volume: 2,000,000 log events/day (declared), 300 B each (default)\n"))
        #expect(
            text.contains(
                "- catalog: projection instead of crawler: $40.00/month, −$2.50, mostly Glue crawler runs\n"))
        #expect(text.contains("acme-logs: 1 pipeline"))
        #expect(text.contains("$42.50/month\nprices as of 2026-11-30; free tiers not applied\n"))
    }

    @Test("text wraps a long formula and cuts a long name, staying within the width")
    func textWidth() {
        var pipeline = F.pipeline(String(repeating: "p", count: 150))
        pipeline.lines[0].formula = Array(repeating: "2,000,000 events/day × 300 B", count: 12).joined(separator: " + ")
        pipeline.lines[1].item = String(repeating: "x", count: 200)
        let text = CostText.report(ProjectEstimate(pricesAsOf: "2026-11-30", pipelines: [pipeline]), project: "p")
        for line in text.split(separator: "\n") { #expect(line.count <= CostText.width, "\(line)") }
        #expect(text.contains("…"))
    }

    @Test("text with a base: the totals before and after and the lines that changed most; a missing base in a line")
    func textComparison() {
        let base = CostBaseline(F.project())
        let branch = ProjectEstimate(
            pricesAsOf: "2026-11-30", pipelines: [F.pipeline("integrations-usage", athenaTB: 7)])
        let delta = CostDelta(base: base, branch: CostBaseline(branch), basePath: ".sluice/base/generated/cost.json")
        let text = CostText.report(branch, project: "acme", comparison: .delta(delta))
        #expect(text.contains("against the base (.sluice/base/generated/cost.json)"))
        #expect(text.contains("$42.50 → $47.50, +$5.00\n"))
        #expect(text.contains("    integrations-usage: queries, analytics, Athena scans"))
        let missing = CostText.report(branch, project: "acme", comparison: .missing(path: "x/generated/cost.json"))
        #expect(missing.hasSuffix("no base estimate at x/generated/cost.json: no comparison\n"))
    }

    @Test("Markdown: declared and modelled text is escaped in tables, lists and headings")
    func markdownEscapes() {
        var pipeline = F.pipeline("web")
        pipeline.lines[0].formula = "a | b <script>alert(1)</script> `x` [link](http://e)"
        pipeline.assumptions.append("# not a heading\nsecond line")
        let text = CostMarkdown.report(ProjectEstimate(pricesAsOf: "2026-11-30", pipelines: [pipeline]))
        #expect(text.contains("a \\| b &lt;script&gt;alert(1)&lt;/script&gt; \\`x\\` \\[link\\](http://e)"))
        #expect(text.contains("- # not a heading second line\n"))
        #expect(!text.contains("<script>"))
        #expect(text.contains("| **queries** | | | | | **$30.00** | |\n"))
        #expect(text.contains("| **total** | | | | | **$42.50** | |\n"))
        #expect(text.contains("| analytics | eu-west-2 | $30.00 |\n"))
    }

    @Test("Markdown: the summary comes first, then the details marker, then every pipeline's lines")
    func markdownLayout() {
        let text = CostMarkdown.report(
            F.project(["a", "b"]), comparison: .missing(path: ".sluice/base/generated/cost.json"))
        let parts = text.components(separatedBy: "\n" + CostMarkdown.detailsMarker + "\n")
        #expect(parts.count == 2)
        #expect(parts[0].hasPrefix("### Cost estimate\n\n**$85.01/month** for 2 pipelines"))
        #expect(parts[0].contains("No base estimate at `.sluice/base/generated/cost.json`: no comparison."))
        #expect(parts[0].contains("| a | $42.50 |\n| b | $42.50 |\n"))
        #expect(parts[1].contains("#### a: $42.50/month"))
        #expect(parts[1].contains("#### b: $42.50/month"))
    }

    @Test("Markdown summary of 2,000 changed pipelines stays within its budget and says how many it left out")
    func markdownBudget() {
        let names = (0..<2_000).map { "synthetic-\($0)" }
        let base = ProjectEstimate(pricesAsOf: "2026-11-30", pipelines: names.map { F.pipeline($0) })
        let branch = ProjectEstimate(
            pricesAsOf: "2026-11-30",
            pipelines: names.enumerated().map { F.pipeline($0.element, athenaTB: 6 + Double($0.offset)) })
        let delta = CostDelta(base: CostBaseline(base), branch: CostBaseline(branch), basePath: "b")
        let summary = CostMarkdown.summary(branch, comparison: .delta(delta))
        #expect(summary.utf8.count <= CostMarkdown.summaryBudget)
        #expect(summary.utf8.count > CostMarkdown.summaryBudget / 2, "the budget is used")
        // The largest changes come first: pipeline 1999's Athena line grew by 1999 TB × $5.
        #expect(summary.contains("| synthetic-1999 | $10,037.50 | +$9,995.00 |\n"))
        #expect(
            summary.contains(
                "| synthetic-1999 | queries | analytics | Athena scans | $30.00 | $10,025.00 | +$9,995.00 |"))
        #expect(summary.contains(" more pipelines: the full estimate is the `plan-cost` artifact"))
        #expect(summary.contains(" more changed lines: the full estimate is the `plan-cost` artifact"))
        let noDelta = CostMarkdown.summary(branch, comparison: .none)
        #expect(noDelta.utf8.count <= CostMarkdown.summaryBudget)
    }

    @Test("a base that is not JSON is located by line and column, one of another shape by the member")
    func baselineErrors() {
        func error(_ text: String) -> String? {
            do {
                _ = try CostBaseline(parsing: Array(text.utf8))
                return nil
            } catch {
                return error.located(in: "base/generated/cost.json")
            }
        }
        #expect(
            error("{\n  \"format\": 1,\n  \"pipelines\": [}")
                == "base/generated/cost.json:3:17: error: expected a value, found '}'")
        #expect(
            error("{\"format\": 2, \"pipelines\": []}")
                == "base/generated/cost.json: error: at format: version 2; this sluice reads version 1")
        #expect(
            error(
                "{\"format\": 1, \"pipelines\": [{\"pipeline\": \"a\", \"monthly_usd\": 1, \"lines\": [{\"stage\": 3}]}]}"
            )
                == "base/generated/cost.json: error: at pipelines[0].lines[0].stage: expected a string")
        #expect(error("[]") == "base/generated/cost.json: error: at the top: expected an object")
    }
}

@Suite("Cost in generated/README.md")
struct CostDocsTests {
    @Test("a pipeline's section: its total, the stages' and accounts' totals, the assumptions in one line")
    func section() {
        let pipeline = CostReportFixtures.pipeline("web")
        let text = CostDocs.section(pipeline, pricesAsOf: "2026-11-30")
        #expect(
            text.hasPrefix("\n### Cost estimate\n\n**$42.50/month**, at the prices of 2026-11-30. Assumed: volume:"))
        #expect(text.contains("300 B each (default); free tiers not applied"))
        #expect(text.contains("Run `sluice cost --pipeline web` for the formulas and the alternatives.\n"))
        #expect(text.contains("| stage | monthly |\n|---|---:|\n| source log group | $10.00 |\n| delivery | $2.50 |\n"))
        #expect(text.contains("| catalog | < $0.01 |\n| queries | $30.00 |\n"))
        #expect(text.contains("| production | eu-west-1 | $12.50 |\n| analytics | eu-west-2 | $30.00 |\n"))
    }
}
