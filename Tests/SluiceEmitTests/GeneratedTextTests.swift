import Foundation
import SluiceCloud
import SluiceModel
import Testing

@testable import SluiceCommands
@testable import SluiceEmit

/// Declaration text in each generated language (Markdown, Mermaid, Swift, SQL, Terraform) is shown as written and
/// cannot change the structure around it.
@Suite("Declaration text in generated files")
struct GeneratedTextTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The example with a visual title and a column comment that would break a table, a diagram or a template.
    static func hostileExample() throws -> (Project, [Pipeline]) {
        let workspace = ProjectFiles(root: root).load()
        var project = try #require(workspace.project)
        var pipelines = workspace.pipelines
        project.name = "acme | logs\n# heading"
        project.tags["secret"] = #"${file("secret.txt")}"#
        project.tags["flag"] = "%{ if true }yes%{ endif }"
        let index = try #require(pipelines.firstIndex { !$0.dashboards.isEmpty })
        pipelines[index].dashboards[0].visuals[0].title = "Requests | per\nday <b>`x`</b> ${var.x}"
        pipelines[index].processor.output.columns[0].comment = #"${file("secret.txt")} %{ if true }"#
        return (project, pipelines)
    }

    @Test("a '|' or a line break in a visual title or the project name does not break the README's tables")
    func readmeTables() throws {
        let (project, pipelines) = try Self.hostileExample()
        let files = Generator.files(project: project, pipelines: pipelines)
        let readme = try #require(files.first { $0.path == DocsEmitter.path }).contents
        #expect(readme.contains(#"kpi "Requests \| per day &lt;b&gt;\`x\`&lt;/b&gt; ${var.x}": sum of requests"#))
        #expect(readme.contains("# acme \\| logs # heading: generated pipelines\n"))
        // Every table row has as many unescaped '|' as its header.
        var columns: Int?
        for line in readme.components(separatedBy: "\n") {
            guard line.hasPrefix("|") else {
                columns = nil
                continue
            }
            let bars = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            if let columns { #expect(bars == columns, "a row with \(bars) cells' bars under \(columns): \(line)") }
            columns = columns ?? bars
        }
    }

    @Test(
        "Markdown and Mermaid escapes",
        arguments: [
            ("a|b\nc\r\nd\u{2028}e", #"a\|b c  d e"#),
            ("<script>&", "&lt;script&gt;&amp;"),
            ("`code` *em* [link]", #"\`code\` \*em\* \[link\]"#),
        ])
    func markdownInline(input: String, expected: String) {
        #expect(Markdown.inline(input) == expected)
    }

    @Test(
        "a paragraph of declaration text never starts a Markdown block (findings F13)",
        arguments: [
            ("# Fake heading", "\\# Fake heading"), ("> quote", "&gt; quote"), ("- item", "\\- item"),
            ("+ item", "\\+ item"), ("1. first", "1\\. first"), ("12) twelfth", "12\\) twelfth"),
            ("---", "\\---"), ("___", "\\___"), ("===", "\\==="), ("~~~", "\\~~~"),
            ("    code block", "code block"), ("<details>", "&lt;details&gt;"), ("plain text", "plain text"),
            ("2026 was a year", "2026 was a year"),
        ])
    func markdownParagraph(input: String, expected: String) {
        #expect(Markdown.paragraph(input) == expected)
    }

    @Test("a code span is fenced longer than any backtick run inside it, with '|' escaped")
    func markdownCode() {
        #expect(Markdown.code("a|b") == #"`a\|b`"#)
        #expect(Markdown.code("x``y") == "```x``y```")
        #expect(Markdown.code("`x") == "`` `x ``")
    }

    @Test("a Mermaid label keeps quotes, markup and line breaks as text")
    func mermaidLabel() {
        #expect(Mermaid.label("a\"b<br/>#c\nd") == "a#quot;b#lt;br/#gt;#35;c d")
    }

    @Test(
        "a Swift literal of declaration text reads back as the text",
        arguments: [
            #"plain"#, #"quote " and \ backslash"#, ##"\(interpolation) \#(raw)"##, "line\nbreak\r\ttab\u{7}",
            ##""""# end"##, "a\u{2028}b",
        ])
    func swiftLiteral(text: String) {
        let literal = ProcessorSourceEmitter.literal(text)
        #expect(!literal.dropFirst().dropLast().contains { $0 == "\n" || $0 == "\r" })
        // Unescaping the literal gives the text back: every '\' starts one of the escapes written.
        var decoded = ""
        var scalars = literal.unicodeScalars.dropFirst().dropLast()[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "\\" else {
                #expect(scalar != "\"", "an unescaped quote ends the literal early")
                decoded.unicodeScalars.append(scalar)
                continue
            }
            switch scalars.popFirst() {
            case "n": decoded += "\n"
            case "r": decoded += "\r"
            case "t": decoded += "\t"
            case "\"": decoded += "\""
            case "\\": decoded += "\\"
            case "u":
                let hex = String(String.UnicodeScalarView(scalars.prefix { $0 != "}" }.dropFirst()))
                scalars = scalars.drop { $0 != "}" }.dropFirst()
                decoded.unicodeScalars.append(Unicode.Scalar(UInt32(hex, radix: 16)!)!)
            default: Issue.record("an unknown escape in \(literal)")
            }
        }
        #expect(decoded == text)
    }

    @Test("Terraform files hold declaration text escaped, and the tags, comment and title as literals")
    func terraformLiterals() throws {
        let (project, pipelines) = try Self.hostileExample()
        let files = Generator.files(project: project, pipelines: pipelines)
        let terraform = files.filter { $0.path.hasSuffix(".tf.json") }.map(\.contents).joined(separator: "\n")
        #expect(terraform.contains(#""secret": "$${file(\"secret.txt\")}""#))
        #expect(terraform.contains(#""flag": "%%{ if true }yes%%{ endif }""#))
        #expect(terraform.contains(#""comment": "$${file(\"secret.txt\")} %%{ if true }""#))
        #expect(terraform.contains(#"Requests | per\nday <b>`x`</b> $${var.x}"#))
        let unescaped = terraform.replacingOccurrences(of: "$${", with: "").replacingOccurrences(of: "%%{", with: "")
        #expect(!unescaped.contains(#"${file("#) && !unescaped.contains("${var.x}") && !unescaped.contains("%{ if"))
    }
}
