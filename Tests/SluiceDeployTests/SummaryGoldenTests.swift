import Foundation
import Testing

@testable import SluiceDeploy

/// Plan JSON captured from real terraform runs (scripts/capture-plan-fixtures.sh) and the summaries expected
/// of them. Set SLUICE_UPDATE_GOLDEN=1 to rewrite the expected summaries after a deliberate change; review the
/// diff before committing it.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static var plans: URL { folder.appendingPathComponent("plans") }
    static var summaries: URL { folder.appendingPathComponent("summaries") }

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: plans.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: plans.appendingPathComponent("\(name).json"))
    }
    static func plan(_ name: String) throws -> Plan { try Plan.decode(data(name)) }

    /// The JSON as a dictionary, to find what the summary must and must not show.
    static func json(_ name: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: data(name)) as? [String: Any] ?? [:]
    }
}

@Suite("Plan summaries of captured plans")
struct SummaryGoldenTests {
    @Test("every case captured from terraform is there")
    func casesPresent() {
        #expect(Fixtures.cases == ["create", "delete", "drift", "large", "noop", "replace", "sensitive", "update"])
    }

    @Test("text and Markdown summaries match the expected files", arguments: Fixtures.cases)
    func golden(_ name: String) throws {
        let summary = PlanSummary(stack: name, plan: try Fixtures.plan(name))
        for (rendered, suffix) in [(summary.text(), "txt"), (summary.markdown(), "md")] {
            let url = Fixtures.summaries.appendingPathComponent("\(name).\(suffix)")
            if ProcessInfo.processInfo.environment["SLUICE_UPDATE_GOLDEN"] == "1" {
                try FileManager.default.createDirectory(at: Fixtures.summaries, withIntermediateDirectories: true)
                try Data(rendered.utf8).write(to: url)
            }
            let expected = try #require(
                try? String(contentsOf: url, encoding: .utf8), "no expected summary \(url.lastPathComponent)")
            #expect(rendered == expected, "the \(suffix) summary of \(name) differs from \(url.lastPathComponent)")
        }
    }

    @Test("counts per action agree with the plan's own actions")
    func counts() throws {
        for name in Fixtures.cases {
            let summary = PlanSummary(stack: name, plan: try Fixtures.plan(name))
            let changes = try Fixtures.json(name)["resource_changes"] as? [[String: Any]] ?? []
            var expected: [Action: Int] = [:]
            for change in changes {
                let actions = (change["change"] as? [String: Any])?["actions"] as? [String] ?? []
                let action: Action =
                    switch actions {
                    case ["create"]: .create
                    case ["update"]: .update
                    case ["delete", "create"], ["create", "delete"]: .replace
                    case ["delete"]: .delete
                    case ["read"]: .read
                    case ["forget"]: .forget
                    default: .noop
                    }
                expected[action, default: 0] += 1
            }
            #expect(summary.counts == expected, "\(name)")
        }
    }

    @Test("a replace or delete of a data-holding resource is refused unless its address is allowed")
    func refusal() throws {
        for name in ["replace", "delete"] {
            let plan = try Fixtures.plan(name)
            let summary = PlanSummary(stack: name, plan: plan)
            #expect(!summary.refused.isEmpty, "\(name) destroys data and must be refused")
            #expect(summary.refused.allSatisfy { $0.holdsData && $0.action.destroys })
            let first = summary.entries.prefix(summary.destructive.count)
            #expect(first.allSatisfy { $0.action.destroys }, "destructive changes come first")
            let allowed = PlanSummary(stack: name, plan: plan, allowDestroy: Set(summary.refused.map(\.address)))
            #expect(allowed.refused.isEmpty)
            #expect(allowed.text().contains("Destructive changes:"))
        }
        let replace = PlanSummary(stack: "replace", plan: try Fixtures.plan("replace"))
        #expect(replace.destructive.contains { $0.reason == "replace_because_cannot_update" })
        let delete = PlanSummary(stack: "delete", plan: try Fixtures.plan("delete"))
        #expect(delete.destructive.contains { $0.reason == "delete_because_no_resource_config" })
    }

    @Test("no sensitive value appears in any summary")
    func sensitiveMasked() throws {
        let json = try Fixtures.json("sensitive")
        var secrets: [String] = []
        for change in json["resource_changes"] as? [[String: Any]] ?? [] {
            guard let detail = change["change"] as? [String: Any] else { continue }
            for (values, marks) in [("before", "before_sensitive"), ("after", "after_sensitive")] {
                collectSensitive(detail[values], detail[marks], into: &secrets)
            }
        }
        #expect(!secrets.isEmpty, "the sensitive fixture holds sensitive values")
        let summary = PlanSummary(stack: "sensitive", plan: try Fixtures.plan("sensitive"))
        let rendered = summary.text() + summary.markdown()
        for secret in secrets { #expect(!rendered.contains(secret), "a sensitive value is shown") }
        #expect(rendered.contains("(sensitive)"))
    }

    @Test("a plan too large for one comment keeps its Markdown under the limit and points at the artifact")
    func large() throws {
        let summary = PlanSummary(stack: "large", plan: try Fixtures.plan("large"))
        let text = summary.text()
        let markdown = summary.markdown()
        #expect(text.count > 65_536, "the fixture must really be too large for one comment")
        #expect(markdown.count <= 20_000)
        #expect(markdown.contains("did not fit in this comment"))
        for limit in [500, 5_000, 65_000] { #expect(summary.markdown(limit: limit).count <= limit) }
    }

    @Test("drift relevant to the plan is listed as changed outside Terraform")
    func drift() throws {
        let summary = PlanSummary(stack: "drift", plan: try Fixtures.plan("drift"))
        #expect(!summary.drift.isEmpty)
        #expect(summary.text().contains("Changed outside Terraform:"))
        #expect(summary.markdown().contains("changed outside Terraform"))
    }

    @Test("an unknown major format version is refused, not guessed")
    func formatVersion() throws {
        var text = try String(contentsOf: Fixtures.plans.appendingPathComponent("noop.json"), encoding: .utf8)
        let range = try #require(text.range(of: "\"format_version\": \"1."))
        text.replaceSubrange(range, with: "\"format_version\": \"2.")
        #expect(throws: PlanError.self) { try Plan.decode(Data(text.utf8)) }
        #expect(throws: PlanError.self) { try Plan.decode(Data("{}".utf8)) }
        #expect(PlanSummary(stack: "noop", plan: try Fixtures.plan("noop")).text() == "Stack noop: no changes\n")
    }
}

/// Every scalar under a sensitivity marker of `true`, as JSON would print it inside a string.
private func collectSensitive(_ value: Any?, _ marks: Any?, into secrets: inout [String]) {
    if let flag = marks as? Bool, flag {
        switch value {
        case let text as String where text.count >= 4: secrets.append(text)
        case let list as [Any]: for item in list { collectSensitive(item, true, into: &secrets) }
        case let map as [String: Any]: for item in map.values { collectSensitive(item, true, into: &secrets) }
        default: break
        }
        return
    }
    if let map = value as? [String: Any], let markMap = marks as? [String: Any] {
        for (key, item) in map { collectSensitive(item, markMap[key], into: &secrets) }
    } else if let list = value as? [Any], let markList = marks as? [Any] {
        for (index, item) in list.enumerated() where index < markList.count {
            collectSensitive(item, markList[index], into: &secrets)
        }
    }
}

@Suite("Plan summary Markdown escaping")
struct SummaryMarkdownEscapingTests {
    /// Pipes not preceded by a backslash: the cell separators of a table row.
    static func separators(_ row: Substring) -> Int {
        var count = 0
        var previous: Character = " "
        for character in row {
            if character == "|", previous != "\\" { count += 1 }
            previous = character
        }
        return count
    }

    @Test("addresses and attribute paths holding '|', backticks and '<' keep the table whole (findings F13)")
    func hostileAddress() throws {
        var text = String(decoding: try Fixtures.data("update"), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"aws_s3_bucket.raw\"", with: #""aws_s3_bucket.raw[\"a|b`c<d>\"]""#)
        text = text.replacingOccurrences(of: "\"owner\"", with: #""o|w`n<er>""#)
        let markdown = PlanSummary(stack: "update", plan: try Plan.decode(Data(text.utf8))).markdown()
        let row = try #require(markdown.split(separator: "\n").first { $0.contains("aws_s3_bucket.raw") })
        #expect(Self.separators(row) == 4, "\(row)")
        // In a code span `<` is text; in a cell it would open HTML.
        #expect(!markdown.contains("<er>") && markdown.contains("o\\|w\\`n&lt;er&gt;"), "\(markdown)")
        #expect(row.contains("``aws_s3_bucket.raw[\"a\\|b`c<d>\"]``"), "\(row)")
    }
}
