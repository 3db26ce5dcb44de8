import ArgumentParser
import Foundation
import SluiceDeploy
import SluiceEmit
import SluiceModel

/// The schema guard's options, shared by `plan` and `schema-diff`.
struct SchemaOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A checkout of the base (the pull request's target) whose generated/schema.json is compared with "
                + "these declarations."))
    var base: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Allow this breaking schema change, TABLE.COLUMN (the column's name in the base: the old name of a "
                + "renamed or removed column; TABLE.* for a change of lake format); repeatable."))
    var allowSchemaChange: [String] = []

    /// The comparison, or nil without `--base`. Throws exit 1 after saying why for an unreadable base or an
    /// allowance that names no breaking change.
    func report(pipelines: [Pipeline], root: URL) throws -> SchemaReport? {
        guard let base else {
            if !allowSchemaChange.isEmpty {
                printError("error: --allow-schema-change needs --base: without a base nothing is compared")
                throw ExitCode(1)
            }
            return nil
        }
        for allowance in allowSchemaChange where !allowance.contains(".") {
            printError("error: --allow-schema-change takes TABLE.COLUMN, got '\(allowance)'")
            throw ExitCode(1)
        }
        let report: SchemaReport
        do {
            report = try SchemaComparison.report(
                branch: LakeContract(pipelines: pipelines),
                baseDirectory: URL(fileURLWithPath: base, relativeTo: root).standardizedFileURL, shownBase: base,
                allowances: allowSchemaChange)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        if report.baseMissing, !allowSchemaChange.isEmpty {
            printError("warning: --allow-schema-change: the base has no schema.json, so nothing was compared")
        }
        if !report.ambiguousAllowances.isEmpty {
            printError(
                "error: --allow-schema-change \(report.ambiguousAllowances.joined(separator: ", ")): names a column "
                    + "of tables in more than one database; allow each as DATABASE.TABLE.COLUMN")
            throw ExitCode(1)
        }
        if !report.unusedAllowances.isEmpty {
            let breaking = report.changes.filter(\.breaking).map(\.allowance)
            printError(
                "error: --allow-schema-change \(report.unusedAllowances.joined(separator: ", ")): no such breaking "
                    + "change; the breaking changes are "
                    + (breaking.isEmpty ? "none" : breaking.joined(separator: ", ")))
            throw ExitCode(1)
        }
        return report
    }
}

/// Why a plan was refused for breaking schema changes.
func schemaRefusal(_ refused: [SchemaChange]) -> String {
    "error: breaking schema changes: \(refused.map(\.allowance).joined(separator: ", ")). If that is intended, "
        + "plan again with --allow-schema-change TABLE.COLUMN for each (README, \"Schema changes\")."
}

struct SchemaDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema-diff",
        abstract: "Compare the lake tables these declarations make with a base's generated/schema.json.",
        discussion: """
            The schema guard `sluice plan --base DIR` runs first, without terraform: the columns added, renamed, \
            retyped or removed, with the views, datasets and dashboards using each and what happens to data \
            already written. Exits 1 when a breaking change is not allowed with --allow-schema-change.
            """)

    @OptionGroup var project: ProjectOptions
    @OptionGroup var schema: SchemaOptions

    @Flag(name: .long, help: "Markdown for a pull-request comment instead of text.")
    var markdown = false

    func run() throws {
        guard schema.base != nil else { throw ValidationError("schema-diff needs --base DIR") }
        let workspace = try project.loadOrExit()
        let root = URL(fileURLWithPath: project.root)
        guard let report = try schema.report(pipelines: workspace.pipelines, root: root) else { return }
        let stacks = report.stacks.isEmpty ? [""] : report.stacks
        for stack in stacks {
            let section =
                report.section(forStack: stack)
                ?? SchemaSection(basePath: report.basePath, changes: [], notes: report.notes.map(\.text))
            if markdown {
                print("### Stack \(Markdown.code(stack, inTable: false))\n" + section.markdown())
            } else {
                print("Stack \(stack):" + section.text())
            }
        }
        if !report.refused.isEmpty {
            printError(schemaRefusal(report.refused))
            throw ExitCode(1)
        }
    }
}
